/**
 * Four-eyes approvals of large grants. A request stores the grant exactly as it will run; another
 * admin approves (it executes once) or rejects; the requester cannot approve their own (checked
 * here and by a CHECK constraint). Approving is a conditional `pending → approved` update, so of
 * two racing approvals one wins and the other answers approval_decided; an adjustment runs in
 * that same transaction, a bulk grant right after it under the key `approval:<id>` (idempotent
 * per row, so a retry by the approver after a crash completes it without granting twice).
 */
import { createHash } from 'node:crypto';
import { type AdminApproval, adminApprovals, type Db, users } from '@casino/db';
import { and, desc, eq, isNull, lt, ne } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { type Deps, inTransaction } from '../../deps';
import { DomainError } from '../../errors';
import { type Actor, type AdjustInput, adjustBalanceTx } from '../admin/users';
import { writeAudit } from '../audit/audit';
import { type BulkRow, grantBulk } from '../rewards/bulk';
import { byId, pageOf } from '../shared/page';

type Request = {
  kind: AdminApproval['kind'];
  payload: AdjustInput | { items: BulkRow[] };
  gold: number;
  gems: number;
  reason: string;
  idempotencyKey: string | null;
  targetUserId: number | null;
};

/** Key order does not matter: jsonb does not keep it. */
function stable(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stable).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.entries(v)
      .filter(([, x]) => x !== undefined)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, x]) => `${JSON.stringify(k)}:${stable(x)}`)
      .join(',')}}`;
  return JSON.stringify(v);
}
const hashOf = (payload: unknown) => createHash('sha256').update(stable(payload)).digest('hex');

const summaryOf = (a: AdminApproval) => ({ id: a.id, status: a.status });

export async function requestApproval(deps: Deps, actor: Actor, r: Request) {
  return inTransaction(deps, async (tx) => {
    const [created] = await tx
      .insert(adminApprovals)
      .values({
        kind: r.kind,
        payload: r.payload,
        gold: r.gold,
        gems: r.gems,
        reason: r.reason,
        idempotencyKey: r.idempotencyKey,
        requestedBy: actor.id,
        createdAt: deps.clock.now(),
      })
      .onConflictDoNothing()
      .returning();
    if (created) {
      await writeAudit(tx, {
        adminId: actor.id,
        action: 'approval.request',
        targetType: 'approval',
        targetId: created.id,
        after: { kind: r.kind, gold: r.gold, gems: r.gems, userId: r.targetUserId },
        meta: { reason: r.reason },
        ip: actor.ip ?? null,
      });
      return { summary: summaryOf(created), idempotent: false };
    }
    // The same key again: the same request answers its approval, another one is a conflict.
    const [prior] = await tx
      .select()
      .from(adminApprovals)
      .where(
        and(
          eq(adminApprovals.kind, r.kind),
          eq(adminApprovals.requestedBy, actor.id),
          eq(adminApprovals.idempotencyKey, r.idempotencyKey ?? ''),
        ),
      );
    if (!prior || hashOf(prior.payload) !== hashOf(r.payload)) throw new DomainError('idempotency_conflict');
    return { summary: summaryOf(prior), idempotent: true };
  });
}

const requester = alias(users, 'requester');
const decider = alias(users, 'decider');

export async function listApprovals(
  db: Db,
  f: { status?: AdminApproval['status'] | undefined; cursor?: number | undefined; limit: number },
) {
  const rows = await db
    .select({
      id: adminApprovals.id,
      kind: adminApprovals.kind,
      payload: adminApprovals.payload,
      gold: adminApprovals.gold,
      gems: adminApprovals.gems,
      reason: adminApprovals.reason,
      status: adminApprovals.status,
      requestedBy: adminApprovals.requestedBy,
      requestedByNickname: requester.nickname,
      decidedBy: adminApprovals.decidedBy,
      decidedByNickname: decider.nickname,
      decidedAt: adminApprovals.decidedAt,
      decisionNote: adminApprovals.decisionNote,
      result: adminApprovals.result,
      createdAt: adminApprovals.createdAt,
    })
    .from(adminApprovals)
    .innerJoin(requester, eq(requester.id, adminApprovals.requestedBy))
    .leftJoin(decider, eq(decider.id, adminApprovals.decidedBy))
    .where(and(f.status ? eq(adminApprovals.status, f.status) : undefined, f.cursor ? lt(adminApprovals.id, f.cursor) : undefined))
    .orderBy(desc(adminApprovals.id))
    .limit(f.limit + 1);
  return pageOf(rows, f.limit, byId);
}

/** Why `actor` cannot decide `row` now, or null; an approval already approved by the actor is not an error (retry). */
function refusal(row: AdminApproval | undefined, actorId: number, decision: 'approve' | 'reject') {
  if (!row) return new DomainError('approval_not_found');
  if (decision === 'approve' && row.requestedBy === actorId) return new DomainError('approval_self');
  if (row.status === 'pending') return null;
  if (decision === 'approve' && row.status === 'approved' && row.decidedBy === actorId) return null;
  return new DomainError('approval_decided');
}

async function load(db: Db, id: number) {
  const [row] = await db.select().from(adminApprovals).where(eq(adminApprovals.id, id));
  return row;
}

export async function approve(deps: Deps, actor: Actor, id: number) {
  const before = await load(deps.db, id);
  const refused = refusal(before, actor.id, 'approve');
  if (refused) throw refused;
  if (before?.result != null) return { approval: summaryOf(before), result: before.result, idempotent: true };

  const decided = await inTransaction(deps, async (tx, outbox) => {
    const now = deps.clock.now();
    const [won] = await tx
      .update(adminApprovals)
      .set({ status: 'approved', decidedBy: actor.id, decidedAt: now })
      .where(and(eq(adminApprovals.id, id), eq(adminApprovals.status, 'pending'), ne(adminApprovals.requestedBy, actor.id)))
      .returning();
    if (!won) return null;
    await writeAudit(tx, {
      adminId: actor.id,
      action: 'approval.approve',
      targetType: 'approval',
      targetId: id,
      before: { status: 'pending' },
      after: { status: 'approved' },
      meta: { kind: won.kind, requestedBy: won.requestedBy, gold: won.gold, gems: won.gems },
      ip: actor.ip ?? null,
    });
    if (won.kind !== 'adjust_balance') return won;
    const input = won.payload as AdjustInput;
    const result = await adjustBalanceTx(
      tx,
      outbox,
      actor,
      { ...input, idempotencyKey: `approval:${id}` },
      { approvalId: id, requestedBy: won.requestedBy },
    );
    const [done] = await tx.update(adminApprovals).set({ result }).where(eq(adminApprovals.id, id)).returning();
    return done ?? won;
  });
  const row = decided ?? (await load(deps.db, id));
  if (!decided) {
    // Lost the race (or a retry of our own approval still running): only our own approval carries on.
    const again = refusal(row, actor.id, 'approve');
    if (again) throw again;
    if (row?.result != null) return { approval: summaryOf(row), result: row.result, idempotent: true };
  }
  if (!row) throw new DomainError('approval_not_found');
  if (row.kind === 'adjust_balance') return { approval: summaryOf(row), result: row.result, idempotent: !decided };
  const { items } = row.payload as { items: BulkRow[] };
  const answer = await grantBulk(deps, actor, { items, idempotencyKey: `approval:${id}` });
  await deps.db
    .update(adminApprovals)
    .set({ result: { success: answer.success, results: answer.results } })
    .where(and(eq(adminApprovals.id, id), isNull(adminApprovals.result)));
  return { approval: summaryOf(row), result: { success: answer.success, results: answer.results }, idempotent: !decided };
}

export async function reject(deps: Deps, actor: Actor, id: number, note: string) {
  const refused = refusal(await load(deps.db, id), actor.id, 'reject');
  if (refused) throw refused;
  return inTransaction(deps, async (tx) => {
    const [row] = await tx
      .update(adminApprovals)
      .set({ status: 'rejected', decidedBy: actor.id, decidedAt: deps.clock.now(), decisionNote: note })
      .where(and(eq(adminApprovals.id, id), eq(adminApprovals.status, 'pending')))
      .returning();
    if (!row) throw new DomainError('approval_decided');
    await writeAudit(tx, {
      adminId: actor.id,
      action: 'approval.reject',
      targetType: 'approval',
      targetId: id,
      before: { status: 'pending' },
      after: { status: 'rejected' },
      meta: { note, kind: row.kind, requestedBy: row.requestedBy },
      ip: actor.ip ?? null,
    });
    return { approval: summaryOf(row) };
  });
}
