import { ZBet, ZFairnessRef, ZRpsChoice } from '@casino/shared';
import { z } from 'zod';
import { playRpsRound, rpsPublicConfig } from '../../services/games/rps';
import { protectedProcedure, publicProcedure, router } from '../../trpc';
import { ZRpsPublicConfig } from './outputs';

export const rpsRouter = router({
  config: publicProcedure
    .input(z.object({ version: z.number().int().min(1).max(2_147_483_647).optional() }).optional())
    .output(ZRpsPublicConfig)
    .query(({ ctx, input }) => rpsPublicConfig(ctx.deps, input?.version)),
  play: protectedProcedure
    .input(z.object({ bet: ZBet, choice: ZRpsChoice }))
    .output(
      z.object({
        roundId: z.string(),
        choice: ZRpsChoice,
        serverChoice: ZRpsChoice,
        result: z.enum(['win', 'draw', 'lose']),
        payout: z.number(),
        balance: z.number(),
        fairness: ZFairnessRef,
        configVersion: z.number().int(),
      }),
    )
    .mutation(({ ctx, input }) => playRpsRound(ctx.deps, ctx.user.id, input.bet, input.choice)),
});
