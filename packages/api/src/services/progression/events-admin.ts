/** Admin side of events (SPEC §5): every mutation writes the audit log in its own transaction. */
import { type Db, eventParticipations, events, users } from '@casino/db';
import type { TEventRewards, TEventType, TRequirements } from '@casino/shared';
import { and, asc, desc, eq, gt, isNotNull, isNull, sql } from 'drizzle-orm';
import { type Deps, inTransaction } from '../../deps';
import { DomainError } from '../../errors';
import { writeAudit } from '../audit/audit';
import { pageOf } from '../shared/page';
import { claimEventInTx, participationCount } from './events';

export type { Actor } from '../admin/users';

import type { Actor } from '../admin/users';

export type EventFields = {
  title: string;
  description: string;
  type: TEventType;
  startsAt: Date;
  endsAt: Date;
  requirements: TRequirements;
  rewards: TEventRewards;
  priority: number;
  isActive: boolean;
};

const adminColumns = {
  id: events.id,
  title: events.title,
  description: events.description,
  type: events.type,
  startsAt: events.startsAt,
  endsAt: events.endsAt,
  requirements: events.requirements,
  rewards: events.rewards,
  priority: events.priority,
  isActive: events.isActive,
  publishedAt: events.publishedAt,
  seedKey: events.seedKey,
  createdAt: events.createdAt,
  updatedAt: events.updatedAt,
  participationCount,
  completedCount: sql<number>`(SELECT count(*)::int FROM event_participations pc WHERE pc.event_id = ${events.id} AND pc.completed_at IS NOT NULL)`,
  claimedCount: sql<number>`(SELECT count(*)::int FROM event_participations pc WHERE pc.event_id = ${events.id} AND pc.claimed_at IS NOT NULL)`,
};

const snapshot = (e: Partial<EventFields>) => ({
  ...e,
  startsAt: e.startsAt?.toISOString(),
  endsAt: e.endsAt?.toISOString(),
});

export async function adminListEvents(db: Db) {
  const rows = await db
    .select(adminColumns)
    .from(events)
    .where(isNull(events.deletedAt))
    .orderBy(desc(events.priority), desc(events.startsAt), desc(events.id));
  return rows.map((r) => ({
    ...r,
    participationCount: Number(r.participationCount),
    completedCount: Number(r.completedCount),
    claimedCount: Number(r.claimedCount),
  }));
}

export async function createEvent(deps: Deps, actor: Actor, f: EventFields, seedKey: string | null = null) {
  if (f.endsAt <= f.startsAt) throw new DomainError('invalid_window');
  const now = deps.clock.now();
  return inTransaction(deps, async (tx) => {
    const [row] = await tx
      .insert(events)
      .values({ ...f, seedKey, publishedAt: f.isActive ? now : null, createdBy: actor.id, createdAt: now, updatedAt: now })
      .onConflictDoNothing({ target: events.seedKey })
      .returning({ id: events.id });
    if (!row) return null;
    await writeAudit(tx, {
      adminId: actor.id,
      action: 'event.create',
      targetType: 'event',
      targetId: row.id,
      after: snapshot(f),
      meta: seedKey ? { seedKey } : null,
      ip: actor.ip ?? null,
    });
    return { id: row.id };
  });
}

async function lockEvent(tx: Db, id: number) {
  const [row] = await tx
    .select()
    .from(events)
    .where(and(eq(events.id, id), isNull(events.deletedAt)))
    .for('update');
  if (!row) throw new DomainError('event_not_found');
  return row;
}

export async function updateEvent(deps: Deps, actor: Actor, id: number, patch: Partial<EventFields>) {
  const now = deps.clock.now();
  return inTransaction(deps, async (tx) => {
    const before = await lockEvent(tx, id);
    const startsAt = patch.startsAt ?? before.startsAt;
    const endsAt = patch.endsAt ?? before.endsAt;
    if (endsAt <= startsAt) throw new DomainError('invalid_window');
    const publishing = patch.isActive === true && !before.publishedAt;
    await tx
      .update(events)
      .set({ ...patch, ...(publishing ? { publishedAt: now } : {}), updatedAt: now })
      .where(eq(events.id, id));
    const changed = Object.fromEntries(Object.keys(patch).map((k) => [k, before[k as keyof typeof before]]));
    await writeAudit(tx, {
      adminId: actor.id,
      action: 'event.update',
      targetType: 'event',
      targetId: id,
      before: snapshot(changed as Partial<EventFields>),
      after: snapshot(patch),
      ip: actor.ip ?? null,
    });
    return { ok: true as const };
  });
}

/** publish (active, publishedAt stamped once), deactivate, delete (soft; frees its seed key). */
export async function setEventState(deps: Deps, actor: Actor, id: number, op: 'publish' | 'deactivate' | 'delete') {
  const now = deps.clock.now();
  return inTransaction(deps, async (tx) => {
    const before = await lockEvent(tx, id);
    const set =
      op === 'publish'
        ? { isActive: true, publishedAt: before.publishedAt ?? now }
        : op === 'deactivate'
          ? { isActive: false }
          : { isActive: false, deletedAt: now, seedKey: null };
    await tx
      .update(events)
      .set({ ...set, updatedAt: now })
      .where(eq(events.id, id));
    await writeAudit(tx, {
      adminId: actor.id,
      action: `event.${op}`,
      targetType: 'event',
      targetId: id,
      before: { isActive: before.isActive, publishedAt: before.publishedAt?.toISOString() ?? null },
      after: { isActive: set.isActive, ...(op === 'delete' ? { deletedAt: now.toISOString() } : {}) },
      ip: actor.ip ?? null,
    });
    return { ok: true as const };
  });
}

export async function eventParticipationsPage(
  db: Db,
  f: { eventId: number; completed?: boolean | undefined; claimed?: boolean | undefined; cursor?: number | undefined; limit: number },
) {
  const [e] = await db.select({ id: events.id }).from(events).where(eq(events.id, f.eventId));
  if (!e) throw new DomainError('event_not_found');
  const p = eventParticipations;
  const rows = await db
    .select({
      userId: p.userId,
      nickname: users.nickname,
      progress: p.progress,
      joinedAt: p.joinedAt,
      completedAt: p.completedAt,
      claimedAt: p.claimedAt,
      rewardId: p.rewardId,
    })
    .from(p)
    .innerJoin(users, eq(users.id, p.userId))
    .where(
      and(
        eq(p.eventId, f.eventId),
        f.completed === undefined ? undefined : f.completed ? isNotNull(p.completedAt) : isNull(p.completedAt),
        f.claimed === undefined ? undefined : f.claimed ? isNotNull(p.claimedAt) : isNull(p.claimedAt),
        f.cursor ? gt(p.userId, f.cursor) : undefined,
      ),
    )
    .orderBy(asc(p.userId))
    .limit(f.limit + 1);
  return pageOf(rows, f.limit, (r) => r.userId);
}

/** Pays a user's completed participation (BAD_REQUEST event_not_completed otherwise). */
export async function forceClaimEvent(deps: Deps, actor: Actor, eventId: number, userId: number) {
  const at = deps.clock.now();
  return inTransaction(deps, async (tx, outbox) => {
    const res = await claimEventInTx(tx, outbox, deps, { userId, eventId, at });
    if (!res.idempotent) {
      await writeAudit(tx, {
        adminId: actor.id,
        action: 'event.force_claim',
        targetType: 'user',
        targetId: userId,
        after: { eventId, rewardId: res.rewardId, gold: res.gold, gems: res.gems, exp: res.exp },
        ip: actor.ip ?? null,
      });
    }
    return res;
  });
}

export const MODEL_INDEX_SEED = 'model_index_challenge';

/** SPEC §5: special, today + 14 days, model_index_points 1000, 5,000 gold + 1,000 exp, priority 50 — once. */
export async function seedModelIndex(deps: Deps, actor: Actor) {
  const today = new Date(`${deps.clock.now().toISOString().slice(0, 10)}T00:00:00Z`);
  const created = await createEvent(
    deps,
    actor,
    {
      title: 'Model Index Challenge',
      description: 'Earn 1,000 model index points (1 point per 10 gold wagered) within 14 days.',
      type: 'special',
      startsAt: today,
      endsAt: new Date(today.getTime() + 14 * 86_400_000),
      requirements: { model_index_points: 1000 },
      rewards: { gold: 5000, exp: 1000 },
      priority: 50,
      isActive: true,
    },
    MODEL_INDEX_SEED,
  );
  if (created) return { id: created.id, created: true };
  const [existing] = await deps.db.select({ id: events.id }).from(events).where(eq(events.seedKey, MODEL_INDEX_SEED));
  if (!existing) throw new DomainError('service_unavailable');
  return { id: existing.id, created: false };
}
