/**
 * What a user's next slot spin needs before it can derive its outcome: the active seed pair and
 * its next nonce, the win streak (and the smallest bet that built it) left by the latest slot
 * round, and the achievements already unlocked. Kept per instance after each spin, so a spin
 * reads nothing first; the round's statement (slot-round.ts) checks the seed row still holds
 * that nonce, so a stale entry (a spin on another instance, another game, a rotation) changes
 * nothing and the spin loads the state again under the seed row's lock.
 */
import { type Db, queryRows } from '@casino/db';
import { sql } from 'drizzle-orm';
import { LRUCache } from 'lru-cache';
import { createSeed } from './fairness';

/** A streak idle this long starts over. */
export const STREAK_IDLE_MS = 86_400_000;

export type SlotState = {
  seedId: number;
  serverSeed: string;
  serverSeedHash: string;
  clientSeed: string;
  /** The nonce the next round takes. */
  nonce: number;
  streak: number;
  streakStake: number;
  /** When the round that left the streak was played (ms), or null. */
  streakAt: number | null;
  achievements: Set<string>;
};

/** The streak a spin at `now` starts from: none when idle for a day or never built. */
export function streakAt(s: SlotState, now: Date): { streak: number; stake: number } {
  const fresh = s.streakAt !== null && s.streakAt >= now.getTime() - STREAK_IDLE_MS;
  if (!fresh || s.streak < 1 || s.streakStake < 1) return { streak: 0, stake: 0 };
  return { streak: s.streak, stake: s.streakStake };
}

/** Per database handle (one per instance; tests run several), bounded. */
const caches = new WeakMap<Db, LRUCache<number, SlotState>>();
export function slotStates(db: Db): LRUCache<number, SlotState> {
  let cache = caches.get(db);
  if (!cache) {
    cache = new LRUCache<number, SlotState>({ max: 20_000 });
    caches.set(db, cache);
  }
  return cache;
}

/**
 * Loads the state into this instance's cache if it holds none: a player who opens the crash
 * screen is about to bet, and the bet then reads nothing before its statement. An entry a round
 * set meanwhile is kept; a stale one is harmless (the round's statement checks the nonce).
 */
export async function warmSlotState(db: Db, userId: number): Promise<void> {
  const cache = slotStates(db);
  // At most a few at once (a reconnect storm after a deploy must not take the pool): the rest
  // are left to their first bet, which loads the state itself.
  if (cache.has(userId) || warming >= MAX_WARMING) return;
  warming++;
  try {
    const state = await loadSlotState(db, userId, { lock: false });
    if (!cache.has(userId)) cache.set(userId, state);
  } finally {
    warming--;
  }
}
let warming = 0;
const MAX_WARMING = 4;

type Row = {
  id: number | string;
  server_seed: string;
  server_seed_hash: string;
  client_seed: string;
  next_nonce: number;
  streak: number | null;
  stake: number | null;
  streak_at: string | Date | null;
  achievements: string[] | string | null;
};

/**
 * Reads the state; with `lock` (inside a transaction) the seed row is locked first, as every
 * round takes it, so the state cannot move until the transaction ends. Among
 * the latest slot rounds by time, the last one in lock order (seed, nonce) left the streak, so
 * equal or slightly skewed clocks (several instances) still find it.
 */
export async function loadSlotState(db: Db, userId: number, opts: { lock: boolean }): Promise<SlotState> {
  for (let attempt = 0; attempt < 3; attempt++) {
    // The lock first, on its own: the read below then takes its snapshot after any round that
    // held the row committed (one statement would read the rounds as they were before the wait).
    const locked = opts.lock
      ? (
          await queryRows<{ id: string }>(
            db,
            sql`SELECT id FROM fairness_seeds WHERE user_id = ${userId}::int AND revealed_at IS NULL FOR UPDATE`,
          )
        ).length
      : 0;
    const [row] = await queryRows<Row>(
      db,
      sql`WITH f AS (
            SELECT id, server_seed, server_seed_hash, client_seed, next_nonce FROM fairness_seeds
            WHERE user_id = ${userId}::int AND revealed_at IS NULL),
          last AS (
            SELECT (outcome->>'streakAfter')::int AS streak, (outcome->>'streakStakeAfter')::int AS stake, created_at
            FROM (SELECT outcome, created_at, seed_id, nonce FROM game_rounds
                  WHERE user_id = ${userId}::int AND game = 'slot'
                  ORDER BY created_at DESC, seed_id DESC, nonce DESC LIMIT 8) latest
            ORDER BY seed_id DESC, nonce DESC LIMIT 1)
          SELECT f.*, last.streak, last.stake, last.created_at AS streak_at,
            ARRAY(SELECT code FROM user_achievements WHERE user_id = ${userId}::int) AS achievements
          FROM f LEFT JOIN last ON true`,
    );
    // A pair another spin created and committed between the lock and the read is not locked
    // yet (its rounds would move the nonce under this one): go round and lock it.
    if (row && (!opts.lock || locked > 0)) return toState(row);
    if (!row) await createSeed(db, userId);
  }
  throw new Error('could not create a seed pair');
}

function toState(row: Row): SlotState {
  const codes = Array.isArray(row.achievements) ? row.achievements : parseTextArray(row.achievements);
  return {
    seedId: Number(row.id),
    serverSeed: row.server_seed,
    serverSeedHash: row.server_seed_hash,
    clientSeed: row.client_seed,
    nonce: Number(row.next_nonce),
    streak: row.streak ?? 0,
    streakStake: row.stake ?? 0,
    streakAt: row.streak_at === null ? null : new Date(row.streak_at).getTime(),
    achievements: new Set(codes),
  };
}

/** A text[] as PostgreSQL writes it ({a,b}); achievement codes are plain identifiers. */
function parseTextArray(text: string | null): string[] {
  if (!text || text === '{}') return [];
  return text.slice(1, -1).split(',');
}
