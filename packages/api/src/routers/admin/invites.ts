import { ZLimit, ZText } from '@casino/shared';
import { z } from 'zod';
import { adminCreateInvite, adminDeactivateInvite } from '../../services/admin/invites';
import { listInvites } from '../../services/auth/invites';
import { adminProcedure, router, staffProcedure } from '../../trpc';
import { ZInvite, ZInvitePage, ZOkOutput } from './outputs';

const actor = (ctx: { user: { id: number }; meta: { ip: string | null } }) => ({ id: ctx.user.id, ip: ctx.meta.ip });

export const adminInvitesRouter = router({
  create: adminProcedure
    .input(
      z.object({
        code: ZText.trim()
          .regex(/^[A-Za-z0-9_-]{3,64}$/)
          .optional(),
        maxUses: z.number().int().min(1).max(1_000_000).nullish(),
        expiresAt: z.coerce.date().nullish(),
      }),
    )
    .output(ZInvite)
    .mutation(({ ctx, input }) => adminCreateInvite(ctx.deps, actor(ctx), input)),

  list: staffProcedure
    .input(
      z
        .object({ activeOnly: z.boolean().default(false), cursor: z.number().int().positive().optional(), limit: ZLimit })
        .default({ activeOnly: false, limit: 20 }),
    )
    .output(ZInvitePage)
    .query(({ ctx, input }) => listInvites(ctx.deps.db, input)),

  deactivate: adminProcedure
    .input(z.object({ code: ZText.trim().min(1).max(64) }))
    .output(ZOkOutput)
    .mutation(({ ctx, input }) => adminDeactivateInvite(ctx.deps, actor(ctx), input.code)),
});
