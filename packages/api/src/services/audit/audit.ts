/** Admin audit log: one row per admin mutation, written in the mutation's transaction. */
import { adminAuditLog, type Db, users } from '@casino/db';
import { and, desc, eq, gte, ilike, lt, lte, or } from 'drizzle-orm';
import { byId, pageOf } from '../shared/page';

export type AuditInput = {
  adminId: number;
  action: string;
  targetType: string;
  targetId?: string | number | null;
  before?: unknown;
  after?: unknown;
  meta?: unknown;
  ip?: string | null;
};

export async function writeAudit(tx: Db, e: AuditInput) {
  await tx.insert(adminAuditLog).values({
    adminId: e.adminId,
    action: e.action,
    targetType: e.targetType,
    targetId: e.targetId == null ? null : String(e.targetId),
    before: e.before ?? null,
    after: e.after ?? null,
    meta: e.meta ?? null,
    ip: e.ip ?? null,
  });
}

export type AuditFilter = {
  adminId?: number | undefined;
  action?: string | undefined;
  targetType?: string | undefined;
  targetId?: string | undefined;
  search?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  cursor?: number | undefined;
  limit: number;
};

export async function listAudit(db: Db, f: AuditFilter) {
  const rows = await db
    .select({
      id: adminAuditLog.id,
      adminId: adminAuditLog.adminId,
      adminNickname: users.nickname,
      action: adminAuditLog.action,
      targetType: adminAuditLog.targetType,
      targetId: adminAuditLog.targetId,
      before: adminAuditLog.before,
      after: adminAuditLog.after,
      meta: adminAuditLog.meta,
      createdAt: adminAuditLog.createdAt,
    })
    .from(adminAuditLog)
    .innerJoin(users, eq(users.id, adminAuditLog.adminId))
    .where(
      and(
        f.adminId ? eq(adminAuditLog.adminId, f.adminId) : undefined,
        f.action ? eq(adminAuditLog.action, f.action) : undefined,
        f.targetType ? eq(adminAuditLog.targetType, f.targetType) : undefined,
        f.targetId ? eq(adminAuditLog.targetId, f.targetId) : undefined,
        f.search ? or(ilike(adminAuditLog.action, `%${f.search}%`), ilike(users.nickname, `%${f.search}%`)) : undefined,
        f.from ? gte(adminAuditLog.createdAt, f.from) : undefined,
        f.to ? lte(adminAuditLog.createdAt, f.to) : undefined,
        f.cursor ? lt(adminAuditLog.id, f.cursor) : undefined,
      ),
    )
    .orderBy(desc(adminAuditLog.id))
    .limit(f.limit + 1);
  return pageOf(rows, f.limit, byId);
}
