import { z } from 'zod';
import { crashPoint } from '../fairness/crash-point';
import { hashServerSeed } from '../fairness/hmac';
import { ZClientSeed, ZHouseEdgePercent, ZNonce, ZServerSeed } from '../fairness/schemas';
import { hmacStream } from '../fairness/stream';
import { ZBet, ZFairnessRef } from './common';
import { DEFAULT_CRASH_HOUSE_EDGE_PERCENT } from './crash/curve';
import { DEFAULT_GACHA_CONFIG, type TGachaConfig } from './gacha/config';
import { pullGachaBatch } from './gacha/pull';
import { ZCrashDerivation, ZGachaPull, ZRpsRound, ZSlotSpin } from './outcomes';
import { playRps, ZRpsChoice } from './rps/play';
import { DEFAULT_SLOT_CONFIG, type TSlotConfig } from './slot/config';
import { spinSlot } from './slot/spin';

const seeds = {
  serverSeed: ZServerSeed,
  clientSeed: ZClientSeed,
  nonce: ZNonce,
  /** The game configuration version the round was played under (its record says); absent = the active one. */
  configVersion: z.number().int().min(1).max(2_147_483_647).optional(),
};
/** Verification replays rounds of up to a million gold. */
const ZVerifyBet = ZBet.max(1_000_000);

/** Input of games.fairness.verify: the revealed seed pair, the round's nonce and the round's own parameters. */
export const ZVerifyInput = z.discriminatedUnion('game', [
  z.object({
    game: z.literal('slot'),
    ...seeds,
    bet: ZVerifyBet,
    streak: z.number().int().min(0).max(1_000_000).default(0),
    /** The smallest bet of the streak (the round's `streakStakeBefore`); absent = the bet, as rounds before that rule paid. */
    streakStake: ZVerifyBet.optional(),
  }),
  z.object({
    game: z.literal('gacha'),
    ...seeds,
    count: z.union([z.literal(1), z.literal(10)]).default(1),
    /** The pity counter before the round's first pull. */
    pityCounter: z.number().int().min(0).max(1_000_000).default(0),
  }),
  z.object({ game: z.literal('rps'), ...seeds, bet: ZVerifyBet, choice: ZRpsChoice, houseEdgePercent: ZHouseEdgePercent.optional() }),
  /** Absent edge: the server fills in its configuration's; the pure verifier uses the default. */
  z.object({ game: z.literal('crash'), ...seeds, houseEdgePercent: ZHouseEdgePercent.optional() }),
]);
export type TVerifyInput = z.input<typeof ZVerifyInput>;
export type TVerifyGame = TVerifyInput['game'];

/**
 * Output of verifyRound and games.fairness.verify: the seed pair's hash and what the seeds
 * derive for the game (the part of the stored outcome a round can be checked against).
 */
export const ZVerifyResult = z.discriminatedUnion('game', [
  z.object({ game: z.literal('slot'), ...ZFairnessRef.shape, outcome: ZSlotSpin }),
  z.object({ game: z.literal('gacha'), ...ZFairnessRef.shape, outcome: z.object({ pulls: z.array(ZGachaPull) }) }),
  z.object({ game: z.literal('rps'), ...ZFairnessRef.shape, outcome: ZRpsRound }),
  z.object({ game: z.literal('crash'), ...ZFairnessRef.shape, outcome: ZCrashDerivation }),
]);
export type TVerifyResult = z.infer<typeof ZVerifyResult>;
type Fairness = z.infer<typeof ZFairnessRef>;

export interface TVerifyConfigs {
  slot?: TSlotConfig;
  gacha?: TGachaConfig;
}

/**
 * Re-derives a round's outcome from its seeds exactly as the server did (server and SPA share it).
 * `configs` must be the game configuration in force for that round; defaults otherwise.
 * Bet limits are not re-checked: the round already passed the limits of its time.
 */
export function verifyRound(raw: TVerifyInput, configs: TVerifyConfigs = {}): TVerifyResult {
  const input = ZVerifyInput.parse(raw);
  const fairness: Fairness = { serverSeedHash: hashServerSeed(input.serverSeed), clientSeed: input.clientSeed, nonce: input.nonce };
  const stream = () => hmacStream(input.serverSeed, input.clientSeed, input.nonce);
  switch (input.game) {
    case 'slot': {
      const config = { ...(configs.slot ?? DEFAULT_SLOT_CONFIG), minBet: 1, maxBet: Number.MAX_SAFE_INTEGER };
      return {
        game: 'slot',
        ...fairness,
        outcome: spinSlot(config, stream(), { bet: input.bet, streak: input.streak, streakStake: input.streakStake ?? input.bet }),
      };
    }
    case 'gacha': {
      const pulls = pullGachaBatch(configs.gacha ?? DEFAULT_GACHA_CONFIG, stream(), { count: input.count, pityCounter: input.pityCounter });
      return { game: 'gacha', ...fairness, outcome: { pulls } };
    }
    case 'rps':
      return { game: 'rps', ...fairness, outcome: playRps(stream(), input) };
    case 'crash':
      return {
        game: 'crash',
        ...fairness,
        outcome: {
          crashPoint: crashPoint(
            input.serverSeed,
            input.clientSeed,
            input.nonce,
            input.houseEdgePercent ?? DEFAULT_CRASH_HOUSE_EDGE_PERCENT,
          ),
        },
      };
  }
}
