/** Local days in an IANA time zone, from Intl alone (no time-zone data needed in the database). */
import { DomainError } from '../../errors';

const formats = new Map<string, Intl.DateTimeFormat>();

/** The zone's formatter; an unknown zone is `time_zone_invalid`. */
function formatIn(timeZone: string): Intl.DateTimeFormat {
  let f = formats.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      });
    } catch {
      throw new DomainError('time_zone_invalid', { timeZone });
    }
    if (formats.size > 500) formats.clear();
    formats.set(timeZone, f);
  }
  return f;
}

/** Refuses an unknown zone; returns its canonical name. */
export function checkTimeZone(timeZone: string): string {
  return formatIn(timeZone).resolvedOptions().timeZone;
}

function wallClock(f: Intl.DateTimeFormat, ms: number) {
  const p = Object.fromEntries(f.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return { y: Number(p.year), m: Number(p.month), d: Number(p.day), h: Number(p.hour), min: Number(p.minute), s: Number(p.second) };
}

/** The zone's offset from UTC at `ms`, in ms (local wall clock − UTC). */
function offsetAt(f: Intl.DateTimeFormat, ms: number): number {
  const w = wallClock(f, ms);
  return Date.UTC(w.y, w.m - 1, w.d, w.h, w.min, w.s) - Math.floor(ms / 1000) * 1000;
}

/** The instant local midnight begins on the local day `daysBack` days before the one holding `at`. */
export function startOfLocalDay(timeZone: string, at: Date, daysBack = 0): Date {
  const f = formatIn(timeZone);
  const w = wallClock(f, at.getTime());
  const midnightAsUtc = Date.UTC(w.y, w.m - 1, w.d - daysBack);
  // Two passes settle the offset on the day itself (it may differ from `at`'s across a DST change).
  let t = midnightAsUtc - offsetAt(f, midnightAsUtc);
  t = midnightAsUtc - offsetAt(f, t);
  return new Date(t);
}

/** `YYYY-MM-DD` of the local day holding `at`. */
export function localDay(timeZone: string, at: Date): string {
  const w = wallClock(formatIn(timeZone), at.getTime());
  return `${w.y}-${String(w.m).padStart(2, '0')}-${String(w.d).padStart(2, '0')}`;
}
