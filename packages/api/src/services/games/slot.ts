/** Slot: weighted reels from the fair stream; the win streak lives in Redis. */
import { hmacStream, slotRtp, spinSlot } from '@casino/shared';
import type { Deps } from '../../deps';
import { fairnessRef } from './fairness';
import { checkBet, playRound } from './play';

const streakKey = (userId: number) => `slot:streak:${userId}`;

async function readStreak(deps: Deps, userId: number): Promise<number> {
  try {
    return Number((await deps.kv.get(streakKey(userId))) ?? 0) || 0;
  } catch (err) {
    deps.logger.warn({ err }, 'slot streak unavailable; spinning without bonus');
    return 0;
  }
}

export async function spin(deps: Deps, userId: number, bet: number) {
  const cfg = deps.config.games.slot;
  checkBet(cfg, bet);
  const round = await playRound(deps, {
    userId,
    game: 'slot',
    currency: 'gold',
    cost: bet,
    // Read after the seed row lock: this user's spins are serialised, so the streak is current.
    decide: async (seed) => {
      const streak = await readStreak(deps, userId);
      const s = spinSlot(cfg, hmacStream(seed.serverSeed, seed.clientSeed, seed.nonce), { bet, streak });
      return { payout: s.payout, result: s.win ? 'win' : 'loss', outcome: { ...s, bet, streakBefore: streak } };
    },
    beforeCommit: async (o) => {
      await deps.kv.set(streakKey(userId), String(o.streakAfter), { ttlMs: 86_400_000 }).catch(() => {});
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
    streak: o.streakAfter,
    balance: round.balance,
    fairness: fairnessRef(round.seed),
  };
}

export function slotPublicConfig(deps: Pick<Deps, 'config'>) {
  const cfg = deps.config.games.slot;
  const rtp = slotRtp(cfg);
  return {
    symbols: cfg.symbols.map((s) => ({ id: s.id, name: s.name })),
    weights: cfg.symbols.map((s) => s.weights),
    paytable: cfg.paytable,
    streakBonus: cfg.streakBonus,
    maxWinMultiplier: cfg.maxWinMultiplier,
    /** Exact RTP including the streak bonus, as a fraction (0.96 = 96%). */
    rtp: rtp.rtp,
    rtpBreakdown: rtp,
    minBet: cfg.minBet,
    maxBet: cfg.maxBet,
  };
}
