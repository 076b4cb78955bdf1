import { ZText } from '@casino/shared';
import { z } from 'zod';
import { listAudit, searchAudit } from '../../services/audit/audit';
import { exportAuditCsv } from '../../services/audit/export';
import { adminProcedure, router, staffProcedure } from '../../trpc';
import { ZAuditPage, ZAuditTablePage } from './outputs';

const ZAuditFilters = z.object({
  adminId: z.number().int().positive().optional(),
  actor: ZText.trim().max(64).optional(),
  action: ZText.trim().max(64).optional(),
  targetType: ZText.trim().max(32).optional(),
  targetId: ZText.trim().max(64).optional(),
  search: ZText.trim().max(64).optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
});

export const adminAuditRouter = router({
  list: staffProcedure
    .input(
      ZAuditFilters.extend({
        cursor: z.number().int().positive().optional(),
        limit: z.number().int().min(1).max(100).default(50),
      }).default({ limit: 50 }),
    )
    .output(ZAuditPage)
    .query(({ ctx, input }) => listAudit(ctx.deps.db, input)),

  search: staffProcedure
    .input(
      ZAuditFilters.extend({
        page: z.number().int().min(1).max(100_000).default(1),
        pageSize: z.number().int().min(1).max(100).default(25),
      }).default({ page: 1, pageSize: 25 }),
    )
    .output(ZAuditTablePage)
    .query(({ ctx, input }) => searchAudit(ctx.deps.db, input)),

  /** The filtered entries as CSV (at most 10,000, newest first; `truncated` says when there were more). */
  export: adminProcedure
    .input(ZAuditFilters.default({}))
    .output(z.object({ csv: z.string(), rows: z.number(), truncated: z.boolean() }))
    .query(({ ctx, input }) => exportAuditCsv(ctx.deps.db, input)),
});
