import { SLOT_JITTER_PERMILLE_MAX, SLOT_JITTER_PERMILLE_MIN, type TSlotConfig } from './config';
import { evaluateReels, streakBonusBp, toHundredths } from './spin';

/** Distinct base multipliers with their exact probabilities (enumerating every reel combination). */
export function slotMultiplierDistribution(config: TSlotConfig): Map<number, number> {
  const { symbols } = config;
  const reelTotal = (r: 0 | 1 | 2) => symbols.reduce((acc, s) => acc + s.weights[r], 0);
  const totals = [reelTotal(0), reelTotal(1), reelTotal(2)] as const;
  const dist = new Map<number, number>();
  for (const a of symbols) {
    for (const b of symbols) {
      for (const c of symbols) {
        const p = (a.weights[0] / totals[0]) * (b.weights[1] / totals[1]) * (c.weights[2] / totals[2]);
        if (p === 0) continue;
        const { baseMultiplier } = evaluateReels(config, [a.id, b.id, c.id]);
        dist.set(baseMultiplier, (dist.get(baseMultiplier) ?? 0) + p);
      }
    }
  }
  return dist;
}

const capped = (config: TSlotConfig, m: number) => Math.min(m, config.maxWinMultiplier);

/** Exact base-game return-to-player (no streak bonus), per unit bet, payout cap applied. */
export function exactRtp(config: TSlotConfig): number {
  let rtp = 0;
  for (const [m, p] of slotMultiplierDistribution(config)) rtp += p * capped(config, m);
  return rtp;
}

export interface TSlotRtp {
  /** Base game only (`exactRtp`). */
  baseRtp: number;
  /** P(win) per spin. */
  hitRate: number;
  /** Mean streak bonus over winning spins, in percent, at the stationary streak law. */
  meanBonusPercent: number;
  /**
   * Published RTP: base game plus streak bonus at a constant bet, which is also the highest
   * long-run return of any betting strategy (see slotRtp).
   */
  rtp: number;
}

/**
 * Exact RTP including the streak bonus. Spins are independent with win probability w, so
 * the prior-win streak of a player who keeps spinning is a Markov chain with stationary law
 * P(streak = k) = (1 − w)·w^k; streaks at or beyond the bonus cap share one class (w^K).
 * The bonus multiplies the payout of a win and is independent of the reels, so
 * rtp = Σ_k P(k) · E_jitter E_reels[min(m·(1 + bonus(k, jitter)), cap)], enumerated exactly.
 * Integer flooring of payouts is not modelled: it lowers a payout by less than one coin.
 *
 * No betting strategy returns more, because the bonus applies to at most the smallest bet
 * of the streak (spin.ts). Raising a bet above that stake adds only base-game return
 * (< rtp), so a best strategy never bets above the streak's stake: its bets fall along a
 * streak (b₀ ≥ b₁ ≥ …) and each carries the full bonus. Between losses the player then
 * nets Σ_k w^k·a_k·b_k, where a_k = (return per unit at streak k) − rtp rises with k and
 * Σ_k w^k·a_k = 0 (that is what rtp means). By Abel summation that is
 * Σ_j (b_j − b_{j+1})·Σ_{k≤j} w^k·a_k ≤ 0: the terms w^k·a_k turn from negative to positive
 * once and sum to 0, so every partial sum is ≤ 0. strategy.test.ts checks it exactly.
 */
export function slotRtp(config: TSlotConfig): TSlotRtp {
  const dist = slotMultiplierDistribution(config);
  let hitRate = 0;
  for (const [m, p] of dist) if (m > 0) hitRate += p;
  const perWin = toHundredths(config.streakBonus.percentPerWin);
  const cap = toHundredths(config.streakBonus.maxPercent);
  const classes = perWin > 0 && cap > 0 ? Math.ceil(cap / perWin) : 0;
  const jitters = SLOT_JITTER_PERMILLE_MAX - SLOT_JITTER_PERMILLE_MIN + 1;
  let rtp = 0;
  let meanBonusBp = 0;
  for (let k = 0; k <= classes; k++) {
    const pStreak = k < classes ? (1 - hitRate) * hitRate ** k : hitRate ** classes;
    for (let j = SLOT_JITTER_PERMILLE_MIN; j <= SLOT_JITTER_PERMILLE_MAX; j++) {
      const bonusBp = streakBonusBp(config, k, j);
      const weight = pStreak / jitters;
      meanBonusBp += weight * bonusBp;
      for (const [m, p] of dist) if (m > 0) rtp += weight * p * capped(config, (m * (10_000 + bonusBp)) / 10_000);
    }
  }
  return { baseRtp: exactRtp(config), hitRate, meanBonusPercent: meanBonusBp / 100, rtp };
}
