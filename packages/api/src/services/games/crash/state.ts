/**
 * Live crash state in Redis: `crash:round:{id}` (JSON, including the crash point — it never
 * leaves the server) and the `crash:due` sorted set scored by due time (ms) that the worker
 * polls. Postgres stays the truth: all of this may vanish (flush, restart) and the sweeper
 * then settles from crash_bets. There is no per-user pointer: "the user's round" is always
 * read from Postgres (the partial unique index), since Redis may have lost it.
 */

import { DomainError } from '../../../errors';
import type { Kv } from '../../../infra/kv';
import type { Logger } from '../../../infra/logger';

export const DUE_SET = 'crash:due';
const roundKey = (gameId: string) => `crash:round:${gameId}`;

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
  /** The round's own cap (from its configuration version). */
  maxWinMultiplier: number;
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

/**
 * The rounds this instance started, by id: the player's stream, usually on this instance too,
 * takes the round its `start` event names from here instead of from Redis. A round's state
 * never changes once written, but the round may be settled elsewhere (which forgets it there,
 * not here): so a stream takes the copy once, at the live `start`, and a replayed start later
 * reads Redis and PostgreSQL as before. A copy also goes when the round is forgotten here,
 * when its time to live has passed, or past `LOCAL_MAX` rounds (oldest first).
 */
const startedHere = new WeakMap<Kv, Map<string, RoundState>>();
export const LOCAL_MAX = 20_000;

function rememberLocally(kv: Kv, s: RoundState): void {
  let rounds = startedHere.get(kv);
  if (!rounds) {
    rounds = new Map();
    startedHere.set(kv, rounds);
  }
  rounds.set(s.gameId, Object.freeze({ ...s }));
  const now = s.startedAtMs; // the round just started: the clock the rounds were started by
  for (const [id, r] of rounds) {
    if (rounds.size <= LOCAL_MAX && r.startedAtMs + r.ttlMs > now) break;
    rounds.delete(id);
  }
}

/** Writes the round's live state; any failure is SERVICE_UNAVAILABLE so the caller's transaction rolls back. */
export async function writeRoundState(kv: Kv, s: RoundState, logger: Logger): Promise<void> {
  const ttlMs = s.ttlMs + 60_000;
  try {
    await withTimeout(
      // Issued together: sent back to back, one wait for both replies.
      Promise.all([kv.set(roundKey(s.gameId), JSON.stringify(s), { ttlMs }), kv.zadd(DUE_SET, s.dueAtMs, s.gameId)]),
    );
    rememberLocally(kv, s);
  } catch (err) {
    logger.warn({ err, gameId: s.gameId }, 'crash bet refused: redis unavailable');
    throw new DomainError('service_unavailable', { service: 'redis' }, 'Crash is unavailable right now; nothing was charged.');
  }
}

/** The round's live state; `take`: this instance's copy, if any, is used up (a stream's live `start`). */
export async function readRoundState(kv: Kv, gameId: string, opts: { take?: boolean } = {}): Promise<RoundState | null> {
  const rounds = startedHere.get(kv);
  const local = rounds?.get(gameId);
  if (local) {
    if (opts.take) rounds?.delete(gameId);
    return local;
  }
  try {
    const raw = await withTimeout(kv.get(roundKey(gameId)));
    const s = raw ? (JSON.parse(raw) as Partial<RoundState>) : null;
    // State written before rounds carried their cap: Postgres answers for those.
    return s && typeof s.maxWinMultiplier === 'number' ? (s as RoundState) : null;
  } catch {
    return null;
  }
}

/** Forgets a settled round (best effort: the worker drops leftovers it finds settled). */
export async function clearRoundState(kv: Kv, gameId: string): Promise<void> {
  await clearRoundStates(kv, [gameId]);
}

/** Forgets settled rounds: two Redis calls however many (best effort, as clearRoundState). */
export async function clearRoundStates(kv: Kv, gameIds: readonly string[]): Promise<void> {
  if (!gameIds.length) return;
  const local = startedHere.get(kv);
  for (const id of gameIds) local?.delete(id);
  await Promise.allSettled([kv.zrem(DUE_SET, ...gameIds), kv.del(...gameIds.map(roundKey))]);
}

/**
 * A short claim so that, of several instances polling the same due set, usually one does
 * the settlement work. Only an optimisation: the conditional update is what guarantees
 * exactly-once, and the sweeper settles a round whose claimer died.
 */
export async function claimSettlement(kv: Kv, gameId: string): Promise<boolean> {
  return kv.set(`crash:settling:${gameId}`, '1', { nx: true, ttlMs: 5000 });
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
