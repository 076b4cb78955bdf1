/** admin.approvals: four-eyes requests for large grants; staff read them, another admin decides. */
import { ZText } from '@casino/shared';
import { z } from 'zod';
import { approve, listApprovals, reject } from '../../services/admin-security/approvals';
import { adminProcedure, router, staffProcedure } from '../../trpc';
import { ZApprovalPage, ZApprovalSummary } from './outputs';

const ZId = z.number().int().positive().max(2_147_483_647);
const actor = (ctx: { user: { id: number }; meta: { ip: string | null } }) => ({ id: ctx.user.id, ip: ctx.meta.ip });

export const adminApprovalsRouter = router({
  list: staffProcedure
    .input(
      z
        .object({
          status: z.enum(['pending', 'approved', 'rejected']).optional(),
          cursor: ZId.optional(),
          limit: z.number().int().min(1).max(100).default(50),
        })
        .default({ limit: 50 }),
    )
    .output(ZApprovalPage)
    .query(({ ctx, input }) => listApprovals(ctx.deps.db, input)),

  /** Executes the grant exactly once; the requester cannot approve their own. */
  approve: adminProcedure
    .input(z.object({ approvalId: ZId }))
    .output(z.object({ approval: ZApprovalSummary, result: z.unknown(), idempotent: z.boolean() }))
    .mutation(({ ctx, input }) => approve(ctx.deps, actor(ctx), input.approvalId)),

  reject: adminProcedure
    .input(z.object({ approvalId: ZId, note: ZText.trim().min(3).max(500) }))
    .output(z.object({ approval: ZApprovalSummary }))
    .mutation(({ ctx, input }) => reject(ctx.deps, actor(ctx), input.approvalId, input.note)),
});
