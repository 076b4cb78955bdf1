import { ZCurrency, ZIdempotencyKey, ZLimit, ZRank, ZText, ZUserId, ZUserStatus } from '@casino/shared';
import { z } from 'zod';
import { banUser, forceLogout, getUserDetail, listUsers, unbanUser } from '../../services/admin/users';
import { adjustOrRequest } from '../../services/admin-security/grants';
import { adminProcedure, router, staffProcedure } from '../../trpc';
import { ZAdminUserDetail, ZAdminUserPage, ZApprovalSummary } from './outputs';

const ZReason = ZText.trim().min(3).max(500);
const actor = (ctx: { user: { id: number }; meta: { ip: string | null } }) => ({ id: ctx.user.id, ip: ctx.meta.ip });

export const adminUsersRouter = router({
  list: staffProcedure
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

  get: staffProcedure
    .input(z.object({ userId: ZUserId }))
    .output(ZAdminUserDetail)
    .query(({ ctx, input }) => getUserDetail(ctx.deps, input.userId)),

  ban: staffProcedure
    .input(z.object({ userId: ZUserId, reason: ZReason }))
    .output(z.object({ ok: z.literal(true), status: z.enum(['active', 'banned']), revokedSessions: z.number() }))
    .mutation(({ ctx, input }) => banUser(ctx.deps, actor(ctx), input.userId, input.reason)),

  unban: staffProcedure
    .input(z.object({ userId: ZUserId, reason: ZReason.default('unbanned by admin') }))
    .output(z.object({ ok: z.literal(true), status: z.enum(['active', 'banned']), revokedSessions: z.number() }))
    .mutation(({ ctx, input }) => unbanUser(ctx.deps, actor(ctx), input.userId, input.reason)),

  forceLogout: adminProcedure
    .input(z.object({ userId: ZUserId, reason: ZReason.default('forced logout by admin') }))
    .output(z.object({ revoked: z.number() }))
    .mutation(({ ctx, input }) => forceLogout(ctx.deps, actor(ctx), input.userId, input.reason)),

  /** Support: grants up to the cap only; above the four-eyes threshold the grant waits for another admin. */
  adjustBalance: staffProcedure
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
    .output(
      z.object({
        balance: z.number(),
        /** null while the grant waits for approval (`approval` says which). */
        ledgerId: z.number().nullable(),
        idempotent: z.boolean(),
        approval: ZApprovalSummary.nullable(),
      }),
    )
    .mutation(({ ctx, input }) => adjustOrRequest(ctx.deps, { ...actor(ctx), role: ctx.user.role }, input)),
});
