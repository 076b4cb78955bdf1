/**
 * What each game stores in game_rounds.outcome (and answers in its history), as one zod
 * discriminated union on the round's `game`. recordRound validates every round against it
 * before the insert, so a service cannot store a shape the clients do not know.
 */
import { z } from 'zod';
import { GACHA_ANIMATIONS, ZGachaRarity } from './gacha/config';
import { ZRpsChoice } from './rps/play';

const ZInt = z.number().int();

export const ZSlotOutcome = z.object({
  reels: z.tuple([z.string(), z.string(), z.string()]),
  kind: z.enum(['triple', 'pair', 'none']),
  baseMultiplier: z.number(),
  bonusPercent: z.number(),
  bonusStake: ZInt,
  jitterPermille: z.number(),
  payout: ZInt,
  win: z.boolean(),
  bet: ZInt,
  /** What this spin was derived from (verifyRound's streak and streakStake). */
  streakBefore: ZInt,
  streakStakeBefore: ZInt,
  /** What the next spin reads. */
  streakAfter: ZInt,
  streakStakeAfter: ZInt,
});

export const ZGachaOutcome = z.object({
  count: z.union([z.literal(1), z.literal(10)]),
  pityBefore: ZInt,
  items: z.array(z.object({ rarity: ZGachaRarity, itemId: z.string(), animationType: z.enum(GACHA_ANIMATIONS), pityCounter: ZInt })),
  pityAfter: ZInt,
});

export const ZRpsOutcome = z.object({
  choice: ZRpsChoice,
  serverChoice: ZRpsChoice,
  result: z.enum(['win', 'draw', 'lose']),
  payout: ZInt,
  bet: ZInt,
  houseEdgePercent: z.number(),
});

export const ZCrashOutcome = z.object({
  crashPoint: z.number(),
  /** Needed to re-derive the crash point from the revealed seed. */
  houseEdgePercent: z.number(),
  status: z.enum(['cashed', 'busted', 'expired']),
  cashoutMultiplier: z.number().nullable(),
  autoCashout: z.number().nullable(),
  auto: z.boolean(),
});

export const ZGameOutcome = z.discriminatedUnion('game', [
  z.object({ game: z.literal('slot'), outcome: ZSlotOutcome }),
  z.object({ game: z.literal('gacha'), outcome: ZGachaOutcome }),
  z.object({ game: z.literal('rps'), outcome: ZRpsOutcome }),
  z.object({ game: z.literal('crash'), outcome: ZCrashOutcome }),
]);
export type TGameOutcome = z.infer<typeof ZGameOutcome>;
export type TRoundOutcome = TGameOutcome['outcome'];
export type TSlotOutcome = z.infer<typeof ZSlotOutcome>;
export type TGachaOutcome = z.infer<typeof ZGachaOutcome>;
export type TRpsOutcome = z.infer<typeof ZRpsOutcome>;
export type TCrashOutcome = z.infer<typeof ZCrashOutcome>;
