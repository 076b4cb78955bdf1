import { ZCurrency, ZIdempotencyKey, ZLimit, ZRank, ZText, ZUserId, ZUserStatus } from '@casino/shared';
import { z } from 'zod';
import { adjustBalance, banUser, forceLogout, getUserDetail, listUsers, unbanUser } from '../../services/admin/users';
import { adminProcedure, router } from '../../trpc';
import { ZAdminUserDetail, ZAdminUserPage } from './outputs';

const ZReason = ZText.trim().min(3).max(500);
const actor = (ctx: { user: { id: number }; meta: { ip: string | null } }) => ({ id: ctx.user.id, ip: ctx.meta.ip });

export const adminUsersRouter = router({
  list: adminProcedure
    .input(
      z
        .object({
          search: ZText.trim().max(64).optional(),
          rank: ZRank.optional(),
          status: ZUserStatus.optional(),
          cursor: z.number().int().positive().optional(),
          limit: ZLimit,
        })
        .default({ limit: 20 }),
    )
    .output(ZAdminUserPage)
    .query(({ ctx, input }) => listUsers(ctx.deps.db, input)),

  get: adminProcedure
    .input(z.object({ userId: ZUserId }))
    .output(ZAdminUserDetail)
    .query(({ ctx, input }) => getUserDetail(ctx.deps, input.userId)),

  ban: adminProcedure
    .input(z.object({ userId: ZUserId, reason: ZReason }))
    .output(z.object({ ok: z.literal(true), status: z.enum(['active', 'banned']), revokedSessions: z.number() }))
    .mutation(({ ctx, input }) => banUser(ctx.deps, actor(ctx), input.userId, input.reason)),

  unban: adminProcedure
    .input(z.object({ userId: ZUserId, reason: ZReason.default('unbanned by admin') }))
    .output(z.object({ ok: z.literal(true), status: z.enum(['active', 'banned']), revokedSessions: z.number() }))
    .mutation(({ ctx, input }) => unbanUser(ctx.deps, actor(ctx), input.userId, input.reason)),

  forceLogout: adminProcedure
    .input(z.object({ userId: ZUserId, reason: ZReason.default('forced logout by admin') }))
    .output(z.object({ revoked: z.number() }))
    .mutation(({ ctx, input }) => forceLogout(ctx.deps, actor(ctx), input.userId, input.reason)),

  adjustBalance: adminProcedure
    .input(
      z.object({
        userId: ZUserId,
        currency: ZCurrency,
        delta: z
          .number()
          .int()
          .min(-1_000_000_000)
          .max(1_000_000_000)
          .refine((n) => n !== 0, 'delta must not be zero'),
        reason: ZReason,
        idempotencyKey: ZIdempotencyKey.optional(),
      }),
    )
    .output(z.object({ balance: z.number(), ledgerId: z.number(), idempotent: z.boolean() }))
    .mutation(({ ctx, input }) => adjustBalance(ctx.deps, actor(ctx), input)),
});
