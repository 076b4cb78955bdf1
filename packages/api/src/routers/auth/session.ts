import { ZText } from '@casino/shared';
import { z } from 'zod';
import { limitByIp } from '../../middleware/rate-limit';
import { listSessions, logout, logoutAll, refresh, revokeSession } from '../../services/auth/sessions';
import { passwordChangeAllowedProcedure, publicProcedure } from '../../trpc';
import { ZOk, ZTokenPair } from '../shared/outputs';

const ZRefreshToken = ZText.min(16).max(200);

export const sessionProcedures = {
  refresh: publicProcedure
    .input(z.object({ refreshToken: ZRefreshToken }))
    .output(ZTokenPair)
    .mutation(async ({ ctx, input }) => {
      await limitByIp(ctx, 'refresh', 120, 60);
      return refresh(ctx.deps, input.refreshToken);
    }),

  logout: passwordChangeAllowedProcedure
    .input(z.object({ refreshToken: ZRefreshToken.optional() }).optional())
    .output(ZOk)
    .mutation(({ ctx, input }) => logout(ctx.deps, ctx.user, input?.refreshToken)),

  logoutAll: passwordChangeAllowedProcedure.output(z.object({ revoked: z.number() })).mutation(({ ctx }) => logoutAll(ctx.deps, ctx.user)),

  sessions: passwordChangeAllowedProcedure
    .output(
      z.array(
        z.object({
          id: z.string(),
          userAgent: z.string().nullable(),
          ip: z.string().nullable(),
          createdAt: z.date(),
          lastUsedAt: z.date(),
          expiresAt: z.date(),
          current: z.boolean(),
        }),
      ),
    )
    .query(({ ctx }) => listSessions(ctx.deps, ctx.user.id, ctx.user.sessionId)),

  revokeSession: passwordChangeAllowedProcedure
    .input(z.object({ sessionId: z.uuid() }))
    .output(ZOk)
    .mutation(({ ctx, input }) => revokeSession(ctx.deps, ctx.user.id, input.sessionId)),
};
