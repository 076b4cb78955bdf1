import { ZBet, ZFairnessRef, ZRpsChoice } from '@casino/shared';
import { z } from 'zod';
import { playRpsRound, rpsPublicConfig } from '../../services/games/rps';
import { protectedProcedure, publicProcedure, router } from '../../trpc';
import { ZRpsPublicConfig } from './outputs';

export const rpsRouter = router({
  config: publicProcedure.output(ZRpsPublicConfig).query(({ ctx }) => rpsPublicConfig(ctx.deps)),
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
      }),
    )
    .mutation(({ ctx, input }) => playRpsRound(ctx.deps, ctx.user.id, input.bet, input.choice)),
});
