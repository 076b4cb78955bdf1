/** Progression settings: XP tables, level rewards, VIP points by rank, the hourly refill, public-list caching. */
import type { TGame, TRank } from '@casino/shared';

/** XP a settled round gives: `perRound[game]` (gacha: per pull) + 1 per `goldPerXp` gold wagered (0 = none). */
export type XpTable = { perRound: Record<TGame, number>; goldPerXp: number };

export type LevelRewardAmounts = { gold?: number; gems?: number };

export type ProgressionConfig = {
  xp: XpTable;
  battlepassXp: XpTable;
  /** Granted on reaching each level: `byLevel[level]` if set, else `every`. */
  levelRewards: { every: LevelRewardAmounts; byLevel: Record<number, LevelRewardAmounts> };
  vip: { dailyPoints: Record<TRank, number> };
  /** A player below `floorGold` may claim `amountGold` once per `periodMs`. */
  hourlyBonus: { floorGold: number; amountGold: number; periodMs: number };
  streak: {
    /** A daily lock older than this whose day has no tick is a leftover of a failed claim (the repair routine's cue). */
    staleLockMs: number;
  };
  events: { publicCacheMs: number; publicRateLimit: { points: number; durationSec: number } };
};

export const defaultProgressionConfig: ProgressionConfig = {
  xp: { perRound: { slot: 5, gacha: 5, rps: 5, crash: 5 }, goldPerXp: 10 },
  battlepassXp: { perRound: { slot: 10, gacha: 10, rps: 10, crash: 10 }, goldPerXp: 0 },
  levelRewards: { every: { gold: 200 }, byLevel: { 5: { gold: 500, gems: 5 }, 10: { gold: 1000, gems: 20 } } },
  vip: { dailyPoints: { STANDARD: 10, PREMIUM: 25, VIP: 50 } },
  hourlyBonus: { floorGold: 100, amountGold: 500, periodMs: 3_600_000 },
  streak: { staleLockMs: 60_000 },
  events: { publicCacheMs: 10_000, publicRateLimit: { points: 60, durationSec: 300 } },
};

/** XP of one round by `table`. */
export function roundXp(table: XpTable, game: TGame, units: number, goldWagered: number): number {
  const base = (table.perRound[game] ?? 0) * units;
  return base + (table.goldPerXp > 0 ? Math.floor(goldWagered / table.goldPerXp) : 0);
}
