import { ZInviteCode, ZLoginInput, ZPassword, ZSignupInput, ZText, ZUserId } from '@casino/shared';
import { z } from 'zod';
import { limitByIp } from '../../middleware/rate-limit';
import { verifyLoginChallenge } from '../../services/admin-security/challenge';
import { validateInvite } from '../../services/auth/invites';
import { login } from '../../services/auth/login';
import { changePassword } from '../../services/auth/password-change';
import { getProfile, getPublicProfile } from '../../services/auth/profile';
import { signup } from '../../services/auth/signup';
import { passwordChangeAllowedProcedure, protectedProcedure, publicProcedure } from '../../trpc';
import { ZAuthResult, ZOk, ZProfile } from '../shared/outputs';

export const accountProcedures = {
  validateInvite: publicProcedure
    .input(z.object({ code: ZInviteCode }))
    .output(
      z.object({
        isValid: z.boolean(),
        errorMessage: z.string().nullable(),
        reason: z.string().nullable(),
        code: z.string(),
        expiresAt: z.date().nullable(),
        remainingUses: z.number().nullable(),
      }),
    )
    .query(async ({ ctx, input }) => {
      await limitByIp(ctx, 'invite', 60, 60);
      return validateInvite(ctx.deps, input.code);
    }),

  signup: publicProcedure
    .input(ZSignupInput)
    .output(ZAuthResult)
    .mutation(async ({ ctx, input }) => {
      await limitByIp(ctx, 'signup', ctx.deps.config.authRateLimitPerMinute, 60);
      return signup(ctx.deps, input, ctx.meta);
    }),

  login: publicProcedure
    .input(ZLoginInput)
    .output(ZAuthResult)
    .mutation(async ({ ctx, input }) => {
      await limitByIp(ctx, 'login', ctx.deps.config.authRateLimitPerMinute, 60);
      return login(ctx.deps, input, ctx.meta);
    }),

  /** The login's second step for staff with TOTP: the challenge from `totp_required` and a code (or recovery code). */
  verifyTotp: publicProcedure
    .input(z.object({ challenge: ZText.min(20).max(100), code: ZText.trim().min(6).max(20) }))
    .output(ZAuthResult)
    .mutation(async ({ ctx, input }) => {
      await limitByIp(ctx, 'login', ctx.deps.config.authRateLimitPerMinute, 60);
      return verifyLoginChallenge(ctx.deps, input, ctx.meta);
    }),

  me: passwordChangeAllowedProcedure.output(ZProfile).query(({ ctx }) => getProfile(ctx.deps.db, ctx.user.id)),

  publicProfile: protectedProcedure
    .input(z.object({ userId: ZUserId }))
    .output(
      z.object({
        id: z.number(),
        nickname: z.string(),
        rank: z.string(),
        level: z.number(),
        memberSince: z.date(),
        stats: z.object({ totalRounds: z.number(), totalWins: z.number(), highestMultiplier: z.number() }),
      }),
    )
    .query(({ ctx, input }) => getPublicProfile(ctx.deps.db, input.userId)),

  changePassword: passwordChangeAllowedProcedure
    .input(z.object({ currentPassword: ZText.min(1).max(128), newPassword: ZPassword }))
    .output(ZOk)
    .mutation(({ ctx, input }) => changePassword(ctx.deps, ctx.user, input.currentPassword, input.newPassword)),
};
