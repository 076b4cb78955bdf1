/** Admin user management; each mutation writes the audit log in its own transaction. */
import { type Db, users } from '@casino/db';
import type { TCurrency } from '@casino/shared';
import { eq, sql } from 'drizzle-orm';
import { type Deps, inTransaction, type Outbox } from '../../deps';
import { DomainError } from '../../errors';
import { writeAudit } from '../audit/audit';
import { revokeAllSessions } from '../auth/sessions';
import { applyChange, refusal } from '../wallet/wallet';
import { runAdjust } from './adjust-statement';
import { type Actor, lockTarget, refuseSelf } from './user-guards';

export type { Actor } from './user-guards';

async function setStatus(deps: Deps, actor: Actor, userId: number, status: 'active' | 'banned', reason: string) {
  refuseSelf(actor, userId, 'Admins cannot ban or unban themselves.');
  const now = deps.clock.now();
  return inTransaction(deps, async (tx, outbox) => {
    const target = await lockTarget(tx, actor, userId, { removesAdmin: () => status === 'banned' });
    const banned = status === 'banned';
    await tx
      .update(users)
      .set({ status, banReason: banned ? reason : null, bannedAt: banned ? now : null, updatedAt: sql`now()` })
      .where(eq(users.id, userId));
    const revoked = banned ? await revokeAllSessions(tx, outbox, userId, 'account_banned', now) : 0;
    await writeAudit(tx, {
      adminId: actor.id,
      action: banned ? 'user.ban' : 'user.unban',
      targetType: 'user',
      targetId: userId,
      before: { status: target.status, ...(target.banReason ? { banReason: target.banReason } : {}) },
      after: { status, ...(banned ? { banReason: reason } : {}) },
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
    const [u] = await tx.select({ status: users.status }).from(users).where(eq(users.id, userId));
    if (!u) throw new DomainError('user_not_found');
    if (u.status === 'deleted') throw new DomainError('user_anonymised');
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

/** Without an idempotency key: one statement (adjust-statement.ts); with one, adjustBalanceTx. */
export async function adjustBalance(deps: Deps, actor: Actor, input: AdjustInput) {
  if (input.idempotencyKey) return inTransaction(deps, (tx, outbox) => adjustBalanceTx(tx, outbox, actor, input));
  const reason = input.delta > 0 ? 'admin_grant' : 'admin_deduct';
  const res = await runAdjust(deps.db, {
    userId: input.userId,
    adminId: actor.id,
    currency: input.currency,
    delta: input.delta,
    reason,
    note: input.reason,
    ip: actor.ip ?? null,
    at: deps.clock.now(),
  });
  if (!res.applied) {
    if (res.status === null) throw new DomainError('user_not_found');
    if (res.status === 'deleted') throw new DomainError('user_anonymised');
    throw await refusal(deps.db, { userId: input.userId, entries: [{ currency: input.currency, delta: input.delta, reason }] });
  }
  await deps.bus.afterCommit([{ id: res.event.id, userId: input.userId, body: res.event.body }]);
  return { balance: res.balance, ledgerId: res.ledgerId, idempotent: false };
}

/** The ledger change and its audit row inside the caller's transaction (four-eyes approval runs it there). */
export async function adjustBalanceTx(tx: Db, outbox: Outbox, actor: Actor, input: AdjustInput, meta: Record<string, unknown> = {}) {
  const [u] = await tx.select({ status: users.status }).from(users).where(eq(users.id, input.userId));
  if (u?.status === 'deleted') throw new DomainError('user_anonymised');
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
