import { ZBet, ZFairnessRef } from '@casino/shared';
import { z } from 'zod';
import { slotPublicConfig, spin } from '../../services/games/slot';
import { publicProcedure, router, tokenProcedure } from '../../trpc';
import { ZSlotPublicConfig } from './outputs';

export const slotRouter = router({
  /** The machine in force, or with `version` the one an earlier round was played under. */
  config: publicProcedure
    .input(z.object({ version: z.number().int().min(1).max(2_147_483_647).optional() }).optional())
    .output(ZSlotPublicConfig)
    .query(({ ctx, input }) => slotPublicConfig(ctx.deps, input?.version)),
  /** The spin's statement checks the session and the account (tokenProcedure). */
  spin: tokenProcedure
    .input(z.object({ bet: ZBet }))
    .output(
      z.object({
        roundId: z.string(),
        reels: z.tuple([z.string(), z.string(), z.string()]),
        win: z.boolean(),
        kind: z.enum(['triple', 'pair', 'none']),
        payout: z.number(),
        bonusPercent: z.number(),
        /** The part of the bet the bonus applied to (the streak's smallest bet, at most this bet). */
        bonusStake: z.number(),
        streak: z.number(),
        /** The smallest bet among the streak's wins: the next win's bonus applies to at most this much. */
        streakStake: z.number(),
        balance: z.number(),
        fairness: ZFairnessRef,
        /** The game configuration version this spin was played under. */
        configVersion: z.number().int(),
      }),
    )
    .mutation(({ ctx, input }) => spin(ctx.deps, ctx.user.id, input.bet, ctx.user.sessionId)),
});
