import type { Db } from '@casino/db';
import { type AuditFilter, auditRowsForExport } from './audit';
import { toCsv } from './csv';

const HEADER = [
  'id',
  'time',
  'admin_id',
  'admin',
  'action',
  'target_type',
  'target_id',
  'target',
  'reason',
  'before',
  'after',
  'details',
  'ip',
];

/** The filtered audit log as CSV (the same filters as the list). */
export async function exportAuditCsv(db: Db, f: AuditFilter) {
  const { rows, truncated } = await auditRowsForExport(db, f);
  const csv = toCsv(
    HEADER,
    rows.map((r) => [
      r.id,
      r.createdAt,
      r.adminId,
      r.adminNickname,
      r.action,
      r.targetType,
      r.targetId,
      r.targetLabel,
      r.reason,
      r.before,
      r.after,
      r.meta,
      r.ip,
    ]),
  );
  return { csv, rows: rows.length, truncated };
}
