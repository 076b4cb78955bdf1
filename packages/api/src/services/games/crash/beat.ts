/**
 * One timer per instance and tick interval for every crash stream: while any stream has a
 * round in play, a beat fires every `tickMs` and wakes those streams together (each then
 * yields its tick), instead of one timer per subscriber. Streams join when their round
 * starts and leave when it ends; with none left the timer stops.
 */
type Beat = { members: Set<() => void>; timer: NodeJS.Timeout | null };

const beats = new Map<number, Beat>();

/** Calls `wake` on every beat of `tickMs` until the returned function is called. */
export function onBeat(tickMs: number, wake: () => void): () => void {
  let beat = beats.get(tickMs);
  if (!beat) {
    beat = { members: new Set(), timer: null };
    beats.set(tickMs, beat);
  }
  const b = beat;
  b.members.add(wake);
  b.timer ??= setInterval(() => {
    for (const w of b.members) w();
  }, tickMs);
  return () => {
    b.members.delete(wake);
    if (b.members.size === 0 && b.timer) {
      clearInterval(b.timer);
      b.timer = null;
    }
  };
}
