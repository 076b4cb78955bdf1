import { randomBytes } from 'node:crypto';
import { inviteCodes } from '@casino/db';
import { ZLimit } from '@casino/shared';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { DomainError } from '../../errors';
import { writeAudit } from '../../services/audit/audit';
import { createInvite, listInvites } from '../../services/auth/invites';
import { adminProcedure, router } from '../../trpc';
import { ZInvite, ZInvitePage } from './outputs';

export const adminInvitesRouter = router({
  create: adminProcedure
    .input(
      z.object({
        code: z
          .string()
          .trim()
          .regex(/^[A-Za-z0-9_-]{3,64}$/)
          .optional(),
        maxUses: z.number().int().min(1).max(1_000_000).nullish(),
        expiresAt: z.coerce.date().nullish(),
      }),
    )
    .output(ZInvite)
    .mutation(({ ctx, input }) =>
      ctx.db.transaction(async (tx) => {
        const code = input.code ?? randomBytes(6).toString('base64url').toUpperCase();
        if (input.expiresAt && input.expiresAt <= ctx.clock.now())
          throw new DomainError('invalid_expiry', {}, 'expiresAt must be in the future.');
        const created = await createInvite(tx as never, {
          code,
          maxUses: input.maxUses ?? null,
          expiresAt: input.expiresAt ?? null,
          createdBy: ctx.user.id,
        });
        await writeAudit(tx as never, {
          adminId: ctx.user.id,
          action: 'invite.create',
          targetType: 'invite',
          targetId: created.id,
          after: created,
          ip: ctx.meta.ip,
        });
        return created;
      }),
    ),

  list: adminProcedure
    .input(
      z
        .object({ activeOnly: z.boolean().default(false), cursor: z.number().int().positive().optional(), limit: ZLimit })
        .default({ activeOnly: false, limit: 20 }),
    )
    .output(ZInvitePage)
    .query(({ ctx, input }) => listInvites(ctx.db, input)),

  deactivate: adminProcedure.input(z.object({ code: z.string().trim().min(1).max(64) })).mutation(({ ctx, input }) =>
    ctx.db.transaction(async (tx) => {
      const [row] = await tx.update(inviteCodes).set({ isActive: false }).where(eq(inviteCodes.code, input.code)).returning();
      if (!row) throw new DomainError('invite_not_found');
      await writeAudit(tx as never, {
        adminId: ctx.user.id,
        action: 'invite.deactivate',
        targetType: 'invite',
        targetId: row.id,
        before: { isActive: true },
        after: { isActive: false },
        ip: ctx.meta.ip,
      });
      return { ok: true as const };
    }),
  ),
});
