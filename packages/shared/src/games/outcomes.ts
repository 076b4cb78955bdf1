/**
 * What each game stores in game_rounds.outcome (and answers in its history), as one zod
 * discriminated union on the round's `game`. recordRound validates every round against it
 * before the insert, so a service cannot store a shape the clients do not know.
 *
 * Each stored outcome extends what the shared derivation returns for that game (ZSlotSpin,
 * ZGachaPull, ZRpsRound, ZCrashDerivation): the part games.fairness.verify re-derives.
 * outcomes.test.ts checks that those schemas and the derivations' types are the same shape.
 */
import { z } from 'zod';
import { GACHA_ANIMATIONS, ZGachaRarity } from './gacha/config';
import { ZRpsChoice } from './rps/play';

const ZInt = z.number().int();

/** What spinSlot derives from the seeds (TSlotSpin). */
export const ZSlotSpin = z.object({
  reels: z.tuple([z.string(), z.string(), z.string()]),
  kind: z.enum(['triple', 'pair', 'none']),
  baseMultiplier: z.number(),
  bonusPercent: z.number(),
  bonusStake: ZInt,
  jitterPermille: z.number(),
  payout: ZInt,
  win: z.boolean(),
  /** What the next spin reads. */
  streakAfter: ZInt,
  streakStakeAfter: ZInt,
});

export const ZSlotOutcome = ZSlotSpin.extend({
  bet: ZInt,
  /** What this spin was derived from (verifyRound's streak and streakStake). */
  streakBefore: ZInt,
  streakStakeBefore: ZInt,
});

/** One pull as pullGacha derives it (TGachaPull). */
export const ZGachaPull = z.object({
  rarity: ZGachaRarity,
  itemId: z.string(),
  animationType: z.enum(GACHA_ANIMATIONS),
  pityCounter: ZInt,
});

export const ZGachaOutcome = z.object({
  count: z.union([z.literal(1), z.literal(10)]),
  pityBefore: ZInt,
  items: z.array(ZGachaPull),
  pityAfter: ZInt,
});

/** What playRps derives from the seeds (TRpsRound). */
export const ZRpsRound = z.object({ serverChoice: ZRpsChoice, result: z.enum(['win', 'draw', 'lose']), payout: ZInt });

export const ZRpsOutcome = ZRpsRound.extend({
  choice: ZRpsChoice,
  bet: ZInt,
  houseEdgePercent: z.number(),
});

/** What the seeds fix for a crash round: its crash point. */
export const ZCrashDerivation = z.object({ crashPoint: z.number() });

export const ZCrashOutcome = ZCrashDerivation.extend({
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
