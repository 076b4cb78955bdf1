import { ZGame } from '@casino/shared';
import { z } from 'zod';
import { activeSessions, endSession, startSession } from '../../services/games/sessions';
import { protectedProcedure, router } from '../../trpc';
import { ZGameSession } from './outputs';

export const sessionsRouter = router({
  start: protectedProcedure
    .input(z.object({ gameType: ZGame }))
    .output(ZGameSession)
    .mutation(({ ctx, input }) => startSession(ctx.deps, ctx.user.id, input.gameType)),
  end: protectedProcedure
    .input(z.object({ gameType: ZGame }))
    .output(ZGameSession)
    .mutation(({ ctx, input }) => endSession(ctx.deps, ctx.user.id, input.gameType)),
  active: protectedProcedure
    .input(z.object({ gameType: ZGame.optional() }).optional())
    .output(z.array(ZGameSession))
    .query(({ ctx, input }) => activeSessions(ctx.deps.db, ctx.user.id, ctx.deps.clock.now(), input?.gameType)),
});
