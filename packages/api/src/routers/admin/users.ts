import { ZCurrency, ZIdempotencyKey, ZLimit, ZNickname, ZRank, ZRole, ZText, ZUserId, ZUserStatus } from '@casino/shared';
import { z } from 'zod';
import { exportUser } from '../../services/admin/user-export';
import { importUsers } from '../../services/admin/user-import';
import { anonymizeUser, resetPassword, unlockLogin, updateUser } from '../../services/admin/user-lifecycle';
import { getUserDetail, listActivities, listUsers, searchUsers, USER_SORT_FIELDS } from '../../services/admin/user-queries';
import { banUser, forceLogout, unbanUser } from '../../services/admin/users';
import { adjustOrRequest } from '../../services/admin-security/grants';
import { adminProcedure, router, staffProcedure } from '../../trpc';
import { ZApprovalSummary } from './outputs';
import {
  ZActivityPage,
  ZAdminUserDetail,
  ZAdminUserPage,
  ZAdminUserTablePage,
  ZImportReport,
  ZUpdateResult,
  ZUserExport,
} from './user-outputs';

/** Why the admin did it: every mutation's audit row carries one. */
const ZReason = ZText.trim().min(3).max(500);
const actor = (ctx: { user: { id: number }; meta: { ip: string | null } }) => ({ id: ctx.user.id, ip: ctx.meta.ip });

const ZFilters = z.object({
  search: ZText.trim().max(64).optional(),
  rank: ZRank.optional(),
  status: z.enum([...ZUserStatus.options, 'anonymised']).optional(),
  locked: z.boolean().optional(),
  createdFrom: z.coerce.date().optional(),
  createdTo: z.coerce.date().optional(),
});

const ZImportRowInput = z.object({
  // Loose here, checked row by row in the service: one bad row is reported, not a 400 for all.
  // Control characters are refused for the whole request (400), like every text field.
  siteId: ZText.max(200),
  nickname: ZText.max(200),
  password: ZText.max(200).optional(),
  phoneNumber: ZText.max(60).optional(),
  rank: ZText.max(20).optional(),
});

const ZStatusResult = z.object({ ok: z.literal(true), status: z.enum(['active', 'banned']), revokedSessions: z.number() });

export const adminUsersRouter = router({
  list: staffProcedure
    .input(ZFilters.extend({ cursor: z.number().int().positive().optional(), limit: ZLimit }).default({ limit: 20 }))
    .output(ZAdminUserPage)
    .query(({ ctx, input }) => listUsers(ctx.deps, input)),

  search: staffProcedure
    .input(
      ZFilters.extend({
        sort: z.enum(USER_SORT_FIELDS).default('id'),
        dir: z.enum(['asc', 'desc']).default('desc'),
        page: z.number().int().min(1).max(100_000).default(1),
        pageSize: z.number().int().min(1).max(100).default(25),
      }).default({ sort: 'id', dir: 'desc', page: 1, pageSize: 25 }),
    )
    .output(ZAdminUserTablePage)
    .query(({ ctx, input }) => searchUsers(ctx.deps, input)),

  get: staffProcedure
    .input(z.object({ userId: ZUserId }))
    .output(ZAdminUserDetail)
    .query(({ ctx, input }) => getUserDetail(ctx.deps, input.userId)),

  activities: staffProcedure
    .input(z.object({ userId: ZUserId, cursor: z.number().int().positive().optional(), limit: ZLimit }))
    .output(ZActivityPage)
    .query(({ ctx, input }) => listActivities(ctx.deps.db, input)),

  update: adminProcedure
    .input(
      z
        .object({
          userId: ZUserId,
          nickname: ZNickname.optional(),
          rank: ZRank.optional(),
          role: ZRole.optional(),
          reason: ZReason.default('updated by admin'),
        })
        .refine((v) => v.nickname !== undefined || v.rank !== undefined || v.role !== undefined, 'give a nickname, rank or role to change'),
    )
    .output(ZUpdateResult)
    .mutation(({ ctx, input }) => updateUser(ctx.deps, actor(ctx), input.userId, input, input.reason)),

  ban: staffProcedure
    .input(z.object({ userId: ZUserId, reason: ZReason }))
    .output(ZStatusResult)
    .mutation(({ ctx, input }) => banUser(ctx.deps, actor(ctx), input.userId, input.reason)),

  unban: staffProcedure
    .input(z.object({ userId: ZUserId, reason: ZReason.default('unbanned by admin') }))
    .output(ZStatusResult)
    .mutation(({ ctx, input }) => unbanUser(ctx.deps, actor(ctx), input.userId, input.reason)),

  forceLogout: adminProcedure
    .input(z.object({ userId: ZUserId, reason: ZReason.default('forced logout by admin') }))
    .output(z.object({ revoked: z.number() }))
    .mutation(({ ctx, input }) => forceLogout(ctx.deps, actor(ctx), input.userId, input.reason)),

  resetPassword: adminProcedure
    .input(z.object({ userId: ZUserId, reason: ZReason.default('password reset by admin') }))
    .output(z.object({ temporaryPassword: z.string(), mustChangePassword: z.literal(true), revokedSessions: z.number() }))
    .mutation(({ ctx, input }) => resetPassword(ctx.deps, actor(ctx), input.userId, input.reason)),

  unlock: staffProcedure
    .input(z.object({ userId: ZUserId, reason: ZReason.default('login unlocked by admin') }))
    .output(z.object({ ok: z.literal(true), wasLockedUntil: z.date().nullable() }))
    .mutation(({ ctx, input }) => unlockLogin(ctx.deps, actor(ctx), input.userId, input.reason)),

  anonymize: adminProcedure
    .input(z.object({ userId: ZUserId, reason: ZReason.default('account deleted on request') }))
    .output(z.object({ ok: z.literal(true), anonymisedAt: z.date(), revokedSessions: z.number() }))
    .mutation(({ ctx, input }) => anonymizeUser(ctx.deps, actor(ctx), input.userId, input.reason)),

  import: adminProcedure
    .input(
      z.object({
        users: z.array(ZImportRowInput).min(1).max(200),
        dryRun: z.boolean().default(true),
        reason: ZReason.default('bulk import'),
      }),
    )
    .output(ZImportReport)
    .mutation(({ ctx, input }) => importUsers(ctx.deps, actor(ctx), input.users, input.dryRun, input.reason)),

  // A mutation, not a query: reading everything about a person is audited.
  export: adminProcedure
    .input(z.object({ userId: ZUserId, reason: ZReason.default('data export requested') }))
    .output(ZUserExport)
    .mutation(({ ctx, input }) => exportUser(ctx.deps, actor(ctx), input.userId, input.reason)),

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
