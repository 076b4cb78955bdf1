/** Slot: weighted reels from the fair stream; the win streak is carried by the player's slot rounds. */
import { type Db, queryRows } from '@casino/db';
import { hmacStream, slotRtp, spinSlot } from '@casino/shared';
import { sql } from 'drizzle-orm';
import type { Deps } from '../../deps';
import { activeGameConfig, gameConfigAt } from '../game-config/cache';
import { fairnessRef } from './fairness';
import { checkBet, playRound } from './play';

/** A streak idle this long starts over. */
const STREAK_IDLE_MS = 86_400_000;

type Streak = { streak: number; stake: number };

/**
 * The streak (and the smallest bet that built it) left by the user's latest slot round,
 * stored in that round's outcome. It is read inside the spin's transaction, after takeNonce
 * locked the user's seed row: the user's rounds are serialised, so two racing spins cannot
 * both collect the bonus of one streak (which, kept in Redis and read before the
 * transaction, they could), and no Redis call is made while the transaction holds locks.
 * Among the latest few by time, the last one in lock order (seed, nonce) wins, so equal
 * or slightly skewed clocks (several instances) still find it. Rounds from before the
 * streak kept its stake start over.
 */
async function lastStreak(tx: Db, userId: number, now: Date): Promise<Streak> {
  const since = new Date(now.getTime() - STREAK_IDLE_MS).toISOString();
  const [row] = await queryRows<{ streak: number | null; stake: number | null; fresh: boolean }>(
    tx,
    sql`SELECT (outcome->>'streakAfter')::int AS streak, (outcome->>'streakStakeAfter')::int AS stake,
          created_at >= ${since}::timestamptz AS fresh
        FROM (SELECT outcome, created_at, seed_id, nonce FROM game_rounds
              WHERE user_id = ${userId}::int AND game = 'slot'
              ORDER BY created_at DESC, seed_id DESC, nonce DESC LIMIT 8) latest
        ORDER BY seed_id DESC, nonce DESC LIMIT 1`,
  );
  if (!row?.fresh || !row.streak || !row.stake || row.streak < 1 || row.stake < 1) return { streak: 0, stake: 0 };
  return { streak: row.streak, stake: row.stake };
}

export async function spin(deps: Deps, userId: number, bet: number) {
  const { version, config } = await activeGameConfig(deps);
  const cfg = config.slot;
  checkBet(cfg, bet);
  const round = await playRound(deps, {
    userId,
    game: 'slot',
    configVersion: version,
    currency: 'gold',
    cost: bet,
    decide: async (seed, tx) => {
      const { streak, stake } = await lastStreak(tx, userId, deps.clock.now());
      const s = spinSlot(cfg, hmacStream(seed.serverSeed, seed.clientSeed, seed.nonce), { bet, streak, streakStake: stake });
      return {
        payout: s.payout,
        result: s.win ? 'win' : 'loss',
        // The *After fields (from s) are what the next spin reads; *Before verifies this one.
        outcome: { ...s, bet, streakBefore: streak, streakStakeBefore: stake },
      };
    },
  });
  const o = round.outcome;
  return {
    roundId: round.roundId,
    reels: o.reels,
    win: o.win,
    kind: o.kind,
    payout: o.payout,
    bonusPercent: o.bonusPercent,
    bonusStake: o.bonusStake,
    streak: o.streakAfter,
    streakStake: o.streakStakeAfter,
    balance: round.balance,
    fairness: fairnessRef(round.seed),
    configVersion: version,
  };
}

/** The machine in force, or the one of an earlier version (to re-derive that version's rounds). */
export async function slotPublicConfig(deps: Deps, at?: number) {
  const active = at === undefined ? await activeGameConfig(deps) : { version: at, config: await gameConfigAt(deps, at) };
  const cfg = active.config.slot;
  const rtp = slotRtp(cfg);
  return {
    version: active.version,
    symbols: cfg.symbols.map((s) => ({ id: s.id, name: s.name })),
    weights: cfg.symbols.map((s) => s.weights),
    paytable: cfg.paytable,
    streakBonus: cfg.streakBonus,
    maxWinMultiplier: cfg.maxWinMultiplier,
    /** Exact RTP including the streak bonus, as a fraction (0.96 = 96%); no betting strategy returns more. */
    rtp: rtp.rtp,
    rtpBreakdown: rtp,
    minBet: cfg.minBet,
    maxBet: cfg.maxBet,
  };
}
