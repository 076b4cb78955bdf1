import { ZText } from '@casino/shared';
import { z } from 'zod';
import { limitByIp } from '../../middleware/rate-limit';
import { blacklistAccessToken, listSessions, logout, refresh, revokeAllSessions, revokeSession } from '../../services/auth/sessions';
import { protectedProcedure, publicProcedure } from '../../trpc';
import { ZOk, ZTokenPair } from '../shared/outputs';

const ZRefreshToken = ZText.min(16).max(200);

export const sessionProcedures = {
  refresh: publicProcedure
    .input(z.object({ refreshToken: ZRefreshToken }))
    .output(ZTokenPair)
    .mutation(async ({ ctx, input }) => {
      await limitByIp(ctx, 'refresh', 120, 60);
      return refresh(ctx, input.refreshToken);
    }),

  logout: protectedProcedure
    .input(z.object({ refreshToken: ZRefreshToken.optional() }).optional())
    .output(ZOk)
    .mutation(({ ctx, input }) => logout(ctx, ctx.user, input?.refreshToken)),

  logoutAll: protectedProcedure.output(z.object({ revoked: z.number() })).mutation(async ({ ctx }) => {
    const revoked = await revokeAllSessions(ctx.db, ctx.user.id, 'logout_all', ctx.clock.now());
    await blacklistAccessToken(ctx, ctx.user.jti, ctx.user.tokenExp);
    return { revoked };
  }),

  sessions: protectedProcedure
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
    .query(({ ctx }) => listSessions(ctx, ctx.user.id, ctx.user.sessionId)),

  revokeSession: protectedProcedure
    .input(z.object({ sessionId: z.uuid() }))
    .output(ZOk)
    .mutation(({ ctx, input }) => revokeSession(ctx, ctx.user.id, input.sessionId)),
};
