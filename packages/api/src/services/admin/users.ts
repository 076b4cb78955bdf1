/** Admin user management; each mutation writes the audit log in its own transaction. */
import { type Db, loginAttempts, sessions, users, walletLedger } from '@casino/db';
import type { TCurrency, TRank, TUserStatus } from '@casino/shared';
import { and, desc, eq, ilike, isNull, lt, or, sql } from 'drizzle-orm';
import { type Deps, inTransaction, type Outbox } from '../../deps';
import { DomainError } from '../../errors';
import { writeAudit } from '../audit/audit';
import { getProfile } from '../auth/profile';
import { revokeAllSessions } from '../auth/sessions';
import { byId, pageOf } from '../shared/page';
import { applyChange } from '../wallet/wallet';

export type Actor = { id: number; ip?: string | null };

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function listUsers(
  db: Db,
  f: {
    search?: string | undefined;
    rank?: TRank | undefined;
    status?: TUserStatus | undefined;
    cursor?: number | undefined;
    limit: number;
  },
) {
  const q = f.search ? `%${escapeLike(f.search)}%` : null;
  const rows = await db
    .select({
      id: users.id,
      siteId: users.siteId,
      nickname: users.nickname,
      role: users.role,
      rank: users.rank,
      status: users.status,
      gold: users.gold,
      gems: users.gems,
      level: users.level,
      createdAt: users.createdAt,
      lastLoginAt: users.lastLoginAt,
    })
    .from(users)
    .where(
      and(
        q ? or(ilike(users.siteId, q), ilike(users.nickname, q)) : undefined,
        f.rank ? eq(users.rank, f.rank) : undefined,
        f.status ? eq(users.status, f.status) : undefined,
        f.cursor ? lt(users.id, f.cursor) : undefined,
      ),
    )
    .orderBy(desc(users.id))
    .limit(f.limit + 1);
  return pageOf(rows, f.limit, byId);
}

export async function getUserDetail(deps: Pick<Deps, 'db' | 'clock'>, userId: number) {
  const profile = await getProfile(deps.db, userId);
  const [recentLedger, activeSessions, recentLogins] = await Promise.all([
    deps.db.select().from(walletLedger).where(eq(walletLedger.userId, userId)).orderBy(desc(walletLedger.id)).limit(20),
    deps.db
      .select({
        id: sessions.id,
        userAgent: sessions.userAgent,
        ip: sessions.ip,
        createdAt: sessions.createdAt,
        lastUsedAt: sessions.lastUsedAt,
      })
      .from(sessions)
      .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)))
      .orderBy(desc(sessions.lastUsedAt))
      .limit(20),
    deps.db
      .select({ success: loginAttempts.success, reason: loginAttempts.reason, ip: loginAttempts.ip, createdAt: loginAttempts.createdAt })
      .from(loginAttempts)
      .where(eq(loginAttempts.userId, userId))
      .orderBy(desc(loginAttempts.id))
      .limit(20),
  ]);
  const [phone] = await deps.db.select({ phoneNumber: users.phoneNumber }).from(users).where(eq(users.id, userId));
  return { profile: { ...profile, phoneNumber: phone?.phoneNumber ?? null }, recentLedger, activeSessions, recentLogins };
}

async function setStatus(deps: Deps, actor: Actor, userId: number, status: 'active' | 'banned', reason: string) {
  if (userId === actor.id) throw new DomainError('cannot_target_self', {}, 'Admins cannot ban or unban themselves.');
  return inTransaction(deps, async (tx, outbox) => {
    const [before] = await tx.select({ status: users.status }).from(users).where(eq(users.id, userId)).for('update');
    if (!before || before.status === 'deleted') throw new DomainError('user_not_found');
    await tx.update(users).set({ status, updatedAt: sql`now()` }).where(eq(users.id, userId));
    const revoked = status === 'banned' ? await revokeAllSessions(tx, outbox, userId, 'account_banned', deps.clock.now()) : 0;
    await writeAudit(tx, {
      adminId: actor.id,
      action: status === 'banned' ? 'user.ban' : 'user.unban',
      targetType: 'user',
      targetId: userId,
      before,
      after: { status },
      meta: { reason, revokedSessions: revoked },
      ip: actor.ip ?? null,
    });
    return { ok: true as const, status, revokedSessions: revoked };
  });
}

export const banUser = (deps: Deps, actor: Actor, userId: number, reason: string) => setStatus(deps, actor, userId, 'banned', reason);
export const unbanUser = (deps: Deps, actor: Actor, userId: number, reason: string) => setStatus(deps, actor, userId, 'active', reason);

export async function forceLogout(deps: Deps, actor: Actor, userId: number, reason: string) {
  return inTransaction(deps, async (tx, outbox) => {
    const [u] = await tx.select({ id: users.id }).from(users).where(eq(users.id, userId));
    if (!u) throw new DomainError('user_not_found');
    const revoked = await revokeAllSessions(tx, outbox, userId, 'forced_logout', deps.clock.now());
    await writeAudit(tx, {
      adminId: actor.id,
      action: 'user.force_logout',
      targetType: 'user',
      targetId: userId,
      after: { revokedSessions: revoked },
      meta: { reason },
      ip: actor.ip ?? null,
    });
    return { revoked };
  });
}

export type AdjustInput = { userId: number; currency: TCurrency; delta: number; reason: string; idempotencyKey?: string | undefined };

export function adjustBalance(deps: Deps, actor: Actor, input: AdjustInput) {
  return inTransaction(deps, (tx, outbox) => adjustBalanceTx(tx, outbox, actor, input));
}

/** The ledger change and its audit row inside the caller's transaction (four-eyes approval runs it there). */
export async function adjustBalanceTx(tx: Db, outbox: Outbox, actor: Actor, input: AdjustInput, meta: Record<string, unknown> = {}) {
  const res = await applyChange(tx, outbox, {
    userId: input.userId,
    currency: input.currency,
    delta: input.delta,
    reason: input.delta > 0 ? 'admin_grant' : 'admin_deduct',
    refType: 'admin',
    refId: String(actor.id),
    idempotencyKey: input.idempotencyKey ? `admin:${input.idempotencyKey}` : null,
  });
  if (!res.idempotent) {
    await writeAudit(tx, {
      adminId: actor.id,
      action: 'user.adjust_balance',
      targetType: 'user',
      targetId: input.userId,
      before: { [input.currency]: res.balance - input.delta },
      after: { [input.currency]: res.balance },
      meta: { reason: input.reason, delta: input.delta, ledgerId: res.ledgerId, ...meta },
      ip: actor.ip ?? null,
    });
  }
  return { balance: res.balance, ledgerId: res.ledgerId, idempotent: res.idempotent };
}
