import { ZGame } from '@casino/shared';
import { z } from 'zod';
import { activeSessions, endSession, startSession } from '../../services/games/sessions';
import { protectedProcedure, router } from '../../trpc';

export const sessionsRouter = router({
  start: protectedProcedure
    .input(z.object({ gameType: ZGame }))
    .mutation(({ ctx, input }) => startSession(ctx.deps, ctx.user.id, input.gameType)),
  end: protectedProcedure
    .input(z.object({ gameType: ZGame }))
    .mutation(({ ctx, input }) => endSession(ctx.deps, ctx.user.id, input.gameType)),
  active: protectedProcedure
    .input(z.object({ gameType: ZGame.optional() }).optional())
    .query(({ ctx, input }) => activeSessions(ctx.db, ctx.user.id, ctx.clock.now(), input?.gameType)),
});
