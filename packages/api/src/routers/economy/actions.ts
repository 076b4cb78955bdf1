import { ZActionBatch } from '@casino/shared';
import { z } from 'zod';
import { logActions } from '../../services/actions/log';
import { protectedProcedure, router } from '../../trpc';

export const actionsRouter = router({
  /** Page views and game actions from the SPA, ≤ 50 per batch (≤ 32 KB); personal data is masked before it is kept. */
  log: protectedProcedure
    .input(ZActionBatch)
    .output(z.object({ accepted: z.number().int() }))
    .mutation(({ ctx, input }) => logActions(ctx.deps, ctx.user.id, input.actions)),
});
