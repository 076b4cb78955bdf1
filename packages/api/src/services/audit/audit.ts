/** Admin audit log: one row per admin mutation, written in the mutation's transaction. */
import { adminAuditLog, type Db, users } from '@casino/db';
import { and, count, desc, eq, gte, ilike, lt, lte, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
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
  /** The acting admin's nickname or siteId (part of it). */
  actor?: string | undefined;
  action?: string | undefined;
  targetType?: string | undefined;
  targetId?: string | undefined;
  search?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
};

const escapeLike = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
const targetUser = alias(users, 'target_user');

function filterSql(f: AuditFilter): SQL | undefined {
  return and(
    f.adminId ? eq(adminAuditLog.adminId, f.adminId) : undefined,
    f.actor ? or(ilike(users.nickname, escapeLike(f.actor)), ilike(users.siteId, escapeLike(f.actor))) : undefined,
    f.action ? eq(adminAuditLog.action, f.action) : undefined,
    f.targetType ? eq(adminAuditLog.targetType, f.targetType) : undefined,
    f.targetId ? eq(adminAuditLog.targetId, f.targetId) : undefined,
    f.search
      ? or(
          ilike(adminAuditLog.action, escapeLike(f.search)),
          ilike(users.nickname, escapeLike(f.search)),
          sql`${adminAuditLog.meta}->>'reason' ILIKE ${escapeLike(f.search)}`,
        )
      : undefined,
    f.from ? gte(adminAuditLog.createdAt, f.from) : undefined,
    f.to ? lte(adminAuditLog.createdAt, f.to) : undefined,
  );
}

const COLUMNS = {
  id: adminAuditLog.id,
  adminId: adminAuditLog.adminId,
  adminNickname: users.nickname,
  action: adminAuditLog.action,
  targetType: adminAuditLog.targetType,
  targetId: adminAuditLog.targetId,
  /** The target user's current nickname (user targets only), to show beside the id. */
  targetLabel: targetUser.nickname,
  before: adminAuditLog.before,
  after: adminAuditLog.after,
  meta: adminAuditLog.meta,
  reason: sql<string | null>`${adminAuditLog.meta}->>'reason'`,
  ip: adminAuditLog.ip,
  createdAt: adminAuditLog.createdAt,
};

function baseQuery(db: Db) {
  return db
    .select(COLUMNS)
    .from(adminAuditLog)
    .innerJoin(users, eq(users.id, adminAuditLog.adminId))
    .leftJoin(
      targetUser,
      // Compared as text: other targets' ids are not numbers, and SQL does not promise to check the type first.
      and(eq(adminAuditLog.targetType, 'user'), eq(sql`${targetUser.id}::text`, adminAuditLog.targetId)),
    )
    .$dynamic();
}

/** Newest first by id cursor (admin.audit.list). */
export async function listAudit(db: Db, f: AuditFilter & { cursor?: number | undefined; limit: number }) {
  const rows = await baseQuery(db)
    .where(and(filterSql(f), f.cursor ? lt(adminAuditLog.id, f.cursor) : undefined))
    .orderBy(desc(adminAuditLog.id))
    .limit(f.limit + 1);
  return pageOf(rows, f.limit, byId);
}

/** Numbered pages with the total (the console's table). */
export async function searchAudit(db: Db, f: AuditFilter & { page: number; pageSize: number }) {
  const where = filterSql(f);
  const [items, [total]] = await Promise.all([
    baseQuery(db)
      .where(where)
      .orderBy(desc(adminAuditLog.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db.select({ n: count() }).from(adminAuditLog).innerJoin(users, eq(users.id, adminAuditLog.adminId)).where(where),
  ]);
  return { items, total: total?.n ?? 0, page: f.page, pageSize: f.pageSize };
}

export const AUDIT_EXPORT_CAP = 10_000;

/** Every entry the filters match (newest first, at most AUDIT_EXPORT_CAP) for the CSV export. */
export async function auditRowsForExport(db: Db, f: AuditFilter) {
  const rows = await baseQuery(db)
    .where(filterSql(f))
    .orderBy(desc(adminAuditLog.id))
    .limit(AUDIT_EXPORT_CAP + 1);
  return { rows: rows.slice(0, AUDIT_EXPORT_CAP), truncated: rows.length > AUDIT_EXPORT_CAP };
}
