/**
 * Output schemas of the games.* procedures that answer rows or configuration rather than a
 * round (the rounds declare theirs inline), built from the shared schemas of packages/shared.
 */
import {
  GACHA_ANIMATIONS,
  ZCurrency,
  ZFairnessRef,
  ZGachaConfig,
  ZGachaOutcome,
  ZGachaRarity,
  ZGame,
  ZGameOutcome,
  ZHouseEdgePercent,
  ZSlotConfig,
  ZSlotSymbol,
} from '@casino/shared';
import { z } from 'zod';

const ZInt = z.number().int();
/** A return to player as a fraction (0.96 = 96%). */
const ZRtp = z.number().min(0);
const slot = ZSlotConfig.shape;
const gacha = ZGachaConfig.shape;

/** games.slot.config: the machine in full (reel weights by symbol), so clients can re-derive spins, and its exact RTP. */
/** The game configuration version a config answer describes. */
const ZVersion = z.number().int().min(1);

export const ZSlotPublicConfig = z.object({
  version: ZVersion,
  symbols: z.array(ZSlotSymbol.pick({ id: true, name: true })),
  /** Reel weights of `symbols[i]`, in the same order. */
  weights: z.array(ZSlotSymbol.shape.weights),
  paytable: slot.paytable,
  streakBonus: slot.streakBonus,
  maxWinMultiplier: slot.maxWinMultiplier,
  rtp: ZRtp,
  rtpBreakdown: z.object({ baseRtp: ZRtp, hitRate: z.number(), meanBonusPercent: z.number(), rtp: ZRtp }),
  minBet: slot.minBet,
  maxBet: slot.maxBet,
});

/** games.gacha.config: the odds disclosure and the full table (weights, near-miss weights, items), so clients can re-derive pulls. */
export const ZGachaPublicConfig = z.object({
  version: ZVersion,
  rarities: z.array(z.object({ rarity: ZGachaRarity, probability: z.number(), effectiveProbability: z.number() })),
  weights: gacha.weights,
  nearMiss: gacha.nearMiss,
  costs: gacha.costs,
  pity: gacha.pity,
  items: gacha.items,
  values: gacha.values,
});

const ZBetLimits = { minBet: ZInt, maxBet: ZInt };

export const ZRpsPublicConfig = z.object({ version: ZVersion, ...ZBetLimits, houseEdgePercent: ZHouseEdgePercent, rtp: ZRtp });

/** games.crash.config: what players may know (never a crash point). */
export const ZCrashPublicConfig = z.object({
  version: ZVersion,
  ...ZBetLimits,
  houseEdgePercent: ZHouseEdgePercent,
  maxWinMultiplier: z.number(),
  roundTtlMs: ZInt,
  rtp: ZRtp,
});

export const ZGameSession = z.object({
  id: z.string(),
  gameType: ZGame,
  startedAt: z.date(),
  endedAt: z.date().nullable(),
  active: z.boolean(),
  durationMs: z.number(),
  totalRounds: ZInt,
  totalBet: ZInt,
  totalWin: ZInt,
  netProfit: ZInt,
  roi: z.number(),
  averageRoundMs: z.number(),
});

export const ZGameStats = z.array(
  z.object({
    game: ZGame,
    totalBets: ZInt,
    totalWagered: ZInt,
    totalWins: ZInt,
    totalLosses: ZInt,
    totalPayout: ZInt,
    totalProfit: ZInt,
    highestMultiplier: z.number(),
    winRate: z.number(),
  }),
);

export const ZLeaderboard = z.object({
  period: z.enum(['day', 'week', 'month', 'all']),
  metric: z.enum(['profit', 'wins', 'wagered', 'multiplier']),
  game: z.union([ZGame, z.literal('all')]),
  since: z.date().nullable(),
  entries: z.array(z.object({ rank: ZInt, userId: ZInt, nickname: z.string(), value: z.number(), rounds: ZInt })),
});

export const ZAchievements = z.array(
  z.object({
    code: z.string(),
    title: z.string(),
    description: z.string(),
    rewardGold: ZInt,
    unlocked: z.boolean(),
    unlockedAt: z.date().nullable(),
    progress: z.object({ current: z.number(), target: z.number(), done: z.boolean() }),
  }),
);

export const ZSeedRotation = z.object({
  revealed: z.object({ serverSeed: z.string(), serverSeedHash: z.string(), clientSeed: z.string(), lastNonce: ZInt }),
  next: z.object({ serverSeedHash: z.string(), clientSeed: z.string() }),
});

export const ZSeedHistory = z.array(
  z.object({
    id: ZInt,
    serverSeedHash: z.string(),
    serverSeed: z.string().nullable(),
    clientSeed: z.string(),
    roundsPlayed: ZInt,
    createdAt: z.date(),
    revealedAt: z.date().nullable(),
  }),
);

/** A round with what is needed to verify it; `outcome` is typed by `game`. */
export const ZRoundsPage = z.object({
  items: z.array(
    z.intersection(
      z.object({
        id: z.string(),
        currency: z.string(),
        bet: ZInt,
        payout: ZInt,
        multiplier: z.number(),
        result: z.enum(['win', 'loss', 'draw']),
        nonce: ZInt,
        /** Verify under this configuration version (games.slot.config / gacha.config { version }). */
        configVersion: ZInt,
        createdAt: z.date(),
        serverSeedHash: z.string(),
        clientSeed: z.string(),
        serverSeed: z.string().nullable(),
      }),
      ZGameOutcome,
    ),
  ),
  nextCursor: z.string().nullable(),
});

export const ZGachaItem = z.object({
  rarity: ZGachaRarity,
  item: z.object({ id: z.string(), name: z.string() }),
  animationType: z.enum(GACHA_ANIMATIONS),
});

export const ZGachaPull = z.object({
  roundId: z.string(),
  items: z.array(ZGachaItem),
  pityCounter: ZInt,
  /** An Epic or better is certain within this many pulls from now (games.gacha.pity says the same). */
  guaranteedWithin: ZInt,
  cost: ZInt,
  currency: ZCurrency,
  balance: ZInt,
  fairness: ZFairnessRef,
  configVersion: ZInt,
});

export const ZGachaInventory = z.array(
  z.object({ userId: ZInt, itemId: z.string(), rarity: z.string(), quantity: ZInt, firstAcquiredAt: z.date() }),
);

export const ZGachaHistory = z.object({
  items: z.array(z.object({ id: z.string(), cost: ZInt, currency: z.string(), outcome: ZGachaOutcome, nonce: ZInt, createdAt: z.date() })),
  nextCursor: z.string().nullable(),
});
