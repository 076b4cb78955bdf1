/** Game configuration: paytables and odds from packages/shared, limits and edges here. */
import {
  DEFAULT_GACHA_CONFIG,
  DEFAULT_RPS_HOUSE_EDGE_PERCENT,
  DEFAULT_SLOT_CONFIG,
  type TGachaConfig,
  type TSlotConfig,
} from '@casino/shared';

export type BetLimits = { minBet: number; maxBet: number };

export type GamesConfig = {
  slot: TSlotConfig;
  gacha: TGachaConfig;
  rps: BetLimits & { houseEdgePercent: number };
  crash: BetLimits & {
    houseEdgePercent: number;
    /** Caps one round's payout: bet × this. */
    maxWinMultiplier: number;
    /** Unsettled rounds expire (lost) after this long. */
    roundTtlMs: number;
    /**
     * Interval of multiplier ticks on games.crash.onRound. The curve is deterministic, so
     * clients draw it between ticks; ticks only keep their clock in step with the server's.
     */
    tickMs: number;
  };
  /** Wins of at least this much gold count as big wins (social proof, achievements). */
  bigWinThresholdGold: number;
};

export const defaultGamesConfig: GamesConfig = {
  slot: DEFAULT_SLOT_CONFIG,
  gacha: DEFAULT_GACHA_CONFIG,
  rps: { minBet: 10, maxBet: 10_000, houseEdgePercent: DEFAULT_RPS_HOUSE_EDGE_PERCENT },
  crash: { minBet: 10, maxBet: 10_000, houseEdgePercent: 1, maxWinMultiplier: 1000, roundTtlMs: 120_000, tickMs: 250 },
  bigWinThresholdGold: 1000,
};
