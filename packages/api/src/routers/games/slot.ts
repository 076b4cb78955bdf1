import { ZBet, ZFairnessRef } from '@casino/shared';
import { z } from 'zod';
import { slotPublicConfig, spin } from '../../services/games/slot';
import { protectedProcedure, publicProcedure, router } from '../../trpc';
import { ZSlotPublicConfig } from './outputs';

export const slotRouter = router({
  config: publicProcedure.output(ZSlotPublicConfig).query(({ ctx }) => slotPublicConfig(ctx.deps)),
  spin: protectedProcedure
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
      }),
    )
    .mutation(({ ctx, input }) => spin(ctx.deps, ctx.user.id, input.bet)),
});
