/**
 * Live crash state in Redis: `crash:round:{id}` (JSON, including the crash point — it never
 * leaves the server), `crash:user:{userId}` → the user's latest gameId, and the `crash:due`
 * sorted set scored by due time (ms) that the worker polls. Postgres stays the truth: all
 * of this may vanish (flush, restart) and the sweeper then settles from crash_bets.
 */

import { DomainError } from '../../../errors';
import type { Kv } from '../../../infra/kv';
import type { Logger } from '../../../infra/logger';

export const DUE_SET = 'crash:due';
const roundKey = (gameId: string) => `crash:round:${gameId}`;
const userKey = (userId: number) => `crash:user:${userId}`;

/** Bounds every Redis call on the bet path so a dead Redis cannot hold the bet's row locks. */
const KV_TIMEOUT_MS = 1500;

export type RoundState = {
  gameId: string;
  userId: number;
  bet: number;
  autoCashout: number | null;
  crashPoint: number;
  startedAtMs: number;
  ttlMs: number;
  dueAtMs: number;
};

export function withTimeout<T>(p: Promise<T>, ms = KV_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`redis did not answer within ${ms} ms`)), ms);
    timer.unref?.();
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/** Writes the round's live state; any failure is SERVICE_UNAVAILABLE so the caller's transaction rolls back. */
export async function writeRoundState(kv: Kv, s: RoundState, logger: Logger): Promise<void> {
  const ttlMs = s.ttlMs + 60_000;
  try {
    await withTimeout(
      (async () => {
        await kv.set(roundKey(s.gameId), JSON.stringify(s), { ttlMs });
        await kv.set(userKey(s.userId), s.gameId, { ttlMs });
        await kv.zadd(DUE_SET, s.dueAtMs, s.gameId);
      })(),
    );
  } catch (err) {
    logger.warn({ err, gameId: s.gameId }, 'crash bet refused: redis unavailable');
    throw new DomainError('service_unavailable', { service: 'redis' }, 'Crash is unavailable right now; nothing was charged.');
  }
}

export async function readRoundState(kv: Kv, gameId: string): Promise<RoundState | null> {
  try {
    const raw = await withTimeout(kv.get(roundKey(gameId)));
    return raw ? (JSON.parse(raw) as RoundState) : null;
  } catch {
    return null;
  }
}

/** The user's live round per Redis, or null (also when Redis is down or was flushed). */
export async function readUserRound(kv: Kv, userId: number): Promise<RoundState | null> {
  try {
    const gameId = await withTimeout(kv.get(userKey(userId)));
    return gameId ? await readRoundState(kv, gameId) : null;
  } catch {
    return null;
  }
}

/**
 * Forgets a settled round. The user pointer is left to expire: deleting it could race a
 * newer bet's pointer, and readers go through the round key, which is gone.
 */
export async function clearRoundState(kv: Kv, gameId: string): Promise<void> {
  await Promise.allSettled([kv.zrem(DUE_SET, gameId), kv.del(roundKey(gameId))]);
}

export function dueRoundIds(kv: Kv, nowMs: number, limit: number): Promise<string[]> {
  return withTimeout(kv.zrangeByScore(DUE_SET, nowMs, limit));
}

/** Whether Redis answers, i.e. crash can take bets. */
export async function kvAvailable(kv: Kv): Promise<boolean> {
  try {
    await withTimeout(kv.ping(), 1000);
    return true;
  } catch {
    return false;
  }
}
