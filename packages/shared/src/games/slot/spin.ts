import type { Rng } from '../../fairness/rng';
import { SLOT_JITTER_PERMILLE_MAX, SLOT_JITTER_PERMILLE_MIN, type TSlotConfig } from './config';

export type TSlotWinKind = 'triple' | 'pair' | 'none';

export interface TSlotEvaluation {
  kind: TSlotWinKind;
  /** Multiplier of the bet before the streak bonus and the cap. */
  baseMultiplier: number;
}

export interface TSlotSpin extends TSlotEvaluation {
  reels: [string, string, string];
  /** Applied bonus in percent (two decimals); 0 unless this spin wins after a streak. */
  bonusPercent: number;
  /** The part of the bet the bonus applied to: min(bet, the streak's smallest stake); 0 without bonus. */
  bonusStake: number;
  jitterPermille: number;
  payout: number;
  win: boolean;
  /** The streak to store for the next spin: prior streak + 1 on a win, else 0. */
  streakAfter: number;
  /** The smallest bet among the wins of `streakAfter` (stored with it); 0 after a loss. */
  streakStakeAfter: number;
}

export const toHundredths = (x: number): number => Math.round(x * 100);

/** Triple beats pair; a pair is any two equal symbols among the three reels. */
export function evaluateReels(config: TSlotConfig, reels: readonly [string, string, string]): TSlotEvaluation {
  const [a, b, c] = reels;
  if (a === b && b === c) {
    const m = config.paytable.triple[a] ?? 0;
    return m > 0 ? { kind: 'triple', baseMultiplier: m } : { kind: 'none', baseMultiplier: 0 };
  }
  const paired = a === b || a === c ? a : b === c ? b : undefined;
  const m = paired === undefined ? 0 : (config.paytable.pair[paired] ?? 0);
  return m > 0 ? { kind: 'pair', baseMultiplier: m } : { kind: 'none', baseMultiplier: 0 };
}

/** Bonus in basis points for a win after `streak` consecutive prior wins. */
export function streakBonusBp(config: TSlotConfig, streak: number, jitterPermille: number): number {
  const { percentPerWin, maxPercent } = config.streakBonus;
  const nominal = Math.min(toHundredths(maxPercent), toHundredths(percentPerWin) * Math.max(0, streak));
  const scaled = nominal * jitterPermille;
  return (scaled - (scaled % 1000)) / 1000;
}

/**
 * payout = min(floor(baseMultiplier × (bet + bonusStake × bonus)), floor(bet × maxWinMultiplier)),
 * evaluated in exact integers (hundredths and basis points; config bounds keep it below 2^53).
 * `bonusStake` (≤ bet) is the part of the bet the streak bonus applies to.
 */
export function slotPayout(config: TSlotConfig, bet: number, baseMultiplier: number, bonusBp: number, bonusStake = bet): number {
  const raw = toHundredths(baseMultiplier) * (bet * 10_000 + Math.min(bonusStake, bet) * bonusBp);
  const payout = (raw - (raw % 1_000_000)) / 1_000_000;
  const capRaw = bet * toHundredths(config.maxWinMultiplier);
  return Math.min(payout, (capRaw - (capRaw % 100)) / 100);
}

/**
 * The streak bonus applies to at most the smallest bet that built the streak
 * (`streakStake`, required when `streak` > 0). Counting wins of any size and paying the
 * bonus on any bet let a player build the streak at the minimum bet and collect it at the
 * maximum (~103% return); with this rule no betting strategy beats the constant-bet RTP
 * (rtp.ts, and the strategy test that checks it exactly).
 *
 * One spin. Stream consumption order (part of the verifiable definition): reel 1, reel 2,
 * reel 3 (each `pickWeighted` over that reel's weights, in `symbols` order), then the jitter
 * permille (`950 + nextInt(101)`), which is drawn on every spin whether or not it is used.
 */
export function spinSlot(config: TSlotConfig, rng: Rng, input: { bet: number; streak: number; streakStake?: number }): TSlotSpin {
  const { bet, streak } = input;
  if (!Number.isSafeInteger(bet) || bet < config.minBet || bet > config.maxBet) {
    throw new RangeError(`bet must be an integer in [${config.minBet}, ${config.maxBet}], got ${bet}`);
  }
  if (!Number.isSafeInteger(streak) || streak < 0) throw new RangeError(`streak must be a non-negative integer, got ${streak}`);
  const streakStake = streak > 0 ? input.streakStake : bet;
  if (streakStake === undefined || !Number.isSafeInteger(streakStake) || streakStake < 1) {
    throw new RangeError(`a streak needs its smallest stake (a positive integer), got ${input.streakStake}`);
  }
  const reel = (r: 0 | 1 | 2): string => {
    const index = rng.pickWeighted(config.symbols.map((s) => s.weights[r]));
    const symbol = config.symbols[index];
    if (!symbol) throw new Error('slot: symbol index out of range');
    return symbol.id;
  };
  const reels: [string, string, string] = [reel(0), reel(1), reel(2)];
  const jitterPermille = SLOT_JITTER_PERMILLE_MIN + rng.nextInt(SLOT_JITTER_PERMILLE_MAX - SLOT_JITTER_PERMILLE_MIN + 1);
  const evaluation = evaluateReels(config, reels);
  const win = evaluation.baseMultiplier > 0;
  const bonusBp = win ? streakBonusBp(config, streak, jitterPermille) : 0;
  const bonusStake = bonusBp > 0 ? Math.min(bet, streakStake) : 0;
  return {
    reels,
    ...evaluation,
    bonusPercent: bonusBp / 100,
    bonusStake,
    jitterPermille,
    payout: win ? slotPayout(config, bet, evaluation.baseMultiplier, bonusBp, bonusStake) : 0,
    win,
    streakAfter: win ? streak + 1 : 0,
    streakStakeAfter: win ? Math.min(bet, streakStake) : 0,
  };
}
