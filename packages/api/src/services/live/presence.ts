/**
 * Who is around: every authenticated call (and every open live stream, periodically) marks
 * its player seen in one Redis sorted set (member = user id, score = when). Counting a
 * window is one ZCOUNT; members older than a day are pruned. Writes are throttled per
 * instance, so a busy player costs one ZADD per PRESENCE_WRITE_MS, not one per call.
 */
import type { Deps } from '../../deps';
import type { Kv } from '../../infra/kv';

export const PRESENCE_KEY = 'presence:users';
export const ONLINE_WINDOW_MS = 5 * 60 * 1000;
export const ACTIVE_WINDOW_MS = 24 * 60 * 60 * 1000;
/** A player is re-marked at most this often per instance (well inside the 5-minute window). */
export const PRESENCE_WRITE_MS = 30_000;

const lastWrite = new WeakMap<Kv, Map<number, number>>();

/** Marks the player seen now; never fails the caller (presence is best effort). */
export function notePresence(deps: Pick<Deps, 'kv' | 'clock' | 'logger'>, userId: number): void {
  const now = deps.clock.now().getTime();
  let seen = lastWrite.get(deps.kv);
  if (!seen) {
    seen = new Map();
    lastWrite.set(deps.kv, seen);
  }
  const last = seen.get(userId);
  if (last !== undefined && now - last < PRESENCE_WRITE_MS && now >= last) return;
  seen.set(userId, now);
  if (seen.size > 50_000) for (const [id, at] of seen) if (now - at > ONLINE_WINDOW_MS) seen.delete(id);
  deps.kv.zadd(PRESENCE_KEY, now, String(userId)).catch((err) => {
    seen.delete(userId);
    deps.logger.debug({ err }, 'presence not recorded');
  });
}

/** Players seen in the last `windowMs` (0 when Redis cannot say). */
export async function countPresence(deps: Pick<Deps, 'kv' | 'clock' | 'logger'>, windowMs: number): Promise<number> {
  const now = deps.clock.now().getTime();
  try {
    return await deps.kv.zcount(PRESENCE_KEY, now - windowMs, Number.POSITIVE_INFINITY);
  } catch (err) {
    deps.logger.warn({ err }, 'presence unavailable; counting nobody');
    return 0;
  }
}

/** Drops players not seen for a day (the widest window anything counts). */
export async function prunePresence(deps: Pick<Deps, 'kv' | 'clock'>): Promise<number> {
  return deps.kv.zremRangeByScore(PRESENCE_KEY, Number.NEGATIVE_INFINITY, deps.clock.now().getTime() - ACTIVE_WINDOW_MS - 1);
}
