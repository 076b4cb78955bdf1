/**
 * Missions: daily / weekly / one-off goals. Every active mission tracks every player (no
 * join); progress lives per period key (UTC day, ISO week, `once`), so a new period starts
 * from zero by itself. Claimed once per period. Admin CRUD + activate, audited.
 */
import { type Db, missionProgress, missions, rewards } from '@casino/db';
import { missionPeriod, type TEventRewards, type TMissionPeriod, type TProgress, type TRequirements } from '@casino/shared';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { type Deps, inTransaction } from '../../deps';
import { DomainError } from '../../errors';
import type { Actor } from '../admin/users';
import { writeAudit } from '../audit/audit';
import { grantReward, lockPlayer } from '../rewards/rewards';
import { getBalance } from '../wallet/queries';

const periodKeySql = (at: Date) => {
  const day = missionPeriod('daily', at).key;
  const week = missionPeriod('weekly', at).key;
  return sql`CASE ${missions.period} WHEN 'daily' THEN ${day} WHEN 'weekly' THEN ${week} ELSE 'once' END`;
};

export async function listMissions(deps: Pick<Deps, 'db' | 'clock'>, userId: number) {
  const now = deps.clock.now();
  const rows = await deps.db
    .select({
      id: missions.id,
      title: missions.title,
      description: missions.description,
      period: missions.period,
      requirements: missions.requirements,
      rewards: missions.rewards,
      progress: missionProgress.progress,
      completedAt: missionProgress.completedAt,
      claimedAt: missionProgress.claimedAt,
    })
    .from(missions)
    .leftJoin(
      missionProgress,
      and(eq(missionProgress.missionId, missions.id), eq(missionProgress.userId, userId), eq(missionProgress.periodKey, periodKeySql(now))),
    )
    .where(and(eq(missions.isActive, true), isNull(missions.deletedAt)))
    .orderBy(asc(missions.sortOrder), asc(missions.id));
  return rows.map((r) => {
    const requirements = r.requirements as TRequirements;
    const progress: TProgress = {};
    for (const k of Object.keys(requirements) as (keyof TRequirements)[])
      progress[k] = Math.min(requirements[k] ?? 0, r.progress?.[k] ?? 0);
    const p = missionPeriod(r.period, now);
    return {
      id: r.id,
      title: r.title,
      description: r.description,
      period: r.period,
      requirements,
      rewards: r.rewards as TEventRewards,
      progress,
      completed: r.completedAt !== null,
      claimed: r.claimedAt !== null,
      completedAt: r.completedAt,
      claimedAt: r.claimedAt,
      periodKey: p.key,
      resetsAt: p.resetsAt,
    };
  });
}

export async function claimMission(deps: Deps, userId: number, missionId: number) {
  const at = deps.clock.now();
  return inTransaction(deps, async (tx, outbox) => {
    await lockPlayer(tx, userId);
    const [m] = await tx
      .select()
      .from(missions)
      .where(and(eq(missions.id, missionId), eq(missions.isActive, true), isNull(missions.deletedAt)));
    if (!m) throw new DomainError('mission_not_found');
    const periodKey = missionPeriod(m.period, at).key;
    const where = and(
      eq(missionProgress.userId, userId),
      eq(missionProgress.missionId, missionId),
      eq(missionProgress.periodKey, periodKey),
    );
    const [p] = await tx.select().from(missionProgress).where(where).for('update');
    if (p?.rewardId != null) {
      const [r] = await tx.select().from(rewards).where(eq(rewards.id, p.rewardId));
      const b = await getBalance(tx, userId);
      return {
        missionId,
        periodKey,
        gold: r?.gold ?? 0,
        gems: r?.gems ?? 0,
        exp: r?.xp ?? 0,
        idempotent: true,
        rewardId: p.rewardId,
        balance: { gold: b.gold, gems: b.gems },
      };
    }
    if (!p?.completedAt) throw new DomainError('mission_not_completed');
    const g = await grantReward(
      tx,
      outbox,
      { config: deps.config, at },
      {
        userId,
        idempotencyKey: `mission:${missionId}:${periodKey}`,
        source: 'mission_reward',
        description: m.title,
        gold: m.rewards.gold ?? 0,
        gems: m.rewards.gems ?? 0,
        xp: m.rewards.exp ?? 0,
        refType: 'mission',
        refId: `${missionId}:${periodKey}`,
      },
    );
    await tx.update(missionProgress).set({ claimedAt: at, rewardId: g.rewardId }).where(where);
    return {
      missionId,
      periodKey,
      gold: g.gold,
      gems: g.gems,
      exp: g.xp,
      idempotent: g.idempotent,
      rewardId: g.rewardId,
      balance: g.balance,
    };
  });
}

export type MissionFields = {
  title: string;
  description: string;
  period: TMissionPeriod;
  requirements: TRequirements;
  rewards: TEventRewards;
  isActive: boolean;
  sortOrder: number;
};

export async function adminListMissions(db: Db, at: Date) {
  const rows = await db
    .select({
      id: missions.id,
      title: missions.title,
      description: missions.description,
      period: missions.period,
      requirements: missions.requirements,
      rewards: missions.rewards,
      isActive: missions.isActive,
      sortOrder: missions.sortOrder,
      createdAt: missions.createdAt,
      updatedAt: missions.updatedAt,
      completedThisPeriod: sql<number>`(SELECT count(*)::int FROM mission_progress mp WHERE mp.mission_id = ${missions.id}
        AND mp.period_key = ${periodKeySql(at)} AND mp.completed_at IS NOT NULL)`,
      claimedThisPeriod: sql<number>`(SELECT count(*)::int FROM mission_progress mp WHERE mp.mission_id = ${missions.id}
        AND mp.period_key = ${periodKeySql(at)} AND mp.claimed_at IS NOT NULL)`,
    })
    .from(missions)
    .where(isNull(missions.deletedAt))
    .orderBy(asc(missions.sortOrder), asc(missions.id));
  return rows.map((r) => ({ ...r, completedThisPeriod: Number(r.completedThisPeriod), claimedThisPeriod: Number(r.claimedThisPeriod) }));
}

export async function createMission(deps: Deps, actor: Actor, f: MissionFields) {
  const now = deps.clock.now();
  return inTransaction(deps, async (tx) => {
    const [row] = await tx
      .insert(missions)
      .values({ ...f, createdBy: actor.id, createdAt: now, updatedAt: now })
      .returning({ id: missions.id });
    if (!row) throw new DomainError('service_unavailable');
    await writeAudit(tx, {
      adminId: actor.id,
      action: 'mission.create',
      targetType: 'mission',
      targetId: row.id,
      after: f,
      ip: actor.ip ?? null,
    });
    return { id: row.id };
  });
}

/** update (a patch), activate / deactivate, delete (soft): one audited transaction each. */
export async function changeMission(
  deps: Deps,
  actor: Actor,
  id: number,
  op: { kind: 'update'; patch: Partial<MissionFields> } | { kind: 'activate' | 'deactivate' | 'delete' },
) {
  const now = deps.clock.now();
  return inTransaction(deps, async (tx) => {
    const [before] = await tx
      .select()
      .from(missions)
      .where(and(eq(missions.id, id), isNull(missions.deletedAt)))
      .for('update');
    if (!before) throw new DomainError('mission_not_found');
    const set =
      op.kind === 'update' ? op.patch : op.kind === 'delete' ? { isActive: false, deletedAt: now } : { isActive: op.kind === 'activate' };
    await tx
      .update(missions)
      .set({ ...set, updatedAt: now })
      .where(eq(missions.id, id));
    const keys = Object.keys(set) as (keyof typeof before)[];
    await writeAudit(tx, {
      adminId: actor.id,
      action: `mission.${op.kind}`,
      targetType: 'mission',
      targetId: id,
      before: Object.fromEntries(keys.map((k) => [k, before[k]])),
      after: set,
      ip: actor.ip ?? null,
    });
    return { ok: true as const };
  });
}
