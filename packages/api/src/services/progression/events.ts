/**
 * Events for players: list and get with the real participation count and the caller's own
 * progress, join, claim once when complete, and the public list (no login, limited fields,
 * cached in Redis). Progress itself is advanced by the rounds (round-progress.ts).
 */
import { type Db, eventParticipations, events, rewards } from '@casino/db';
import type { TEventRewards, TEventType, TProgress, TRequirements } from '@casino/shared';
import { and, asc, desc, eq, gt, isNotNull, isNull, or, sql } from 'drizzle-orm';
import { type Deps, inTransaction, type Outbox } from '../../deps';
import { DomainError } from '../../errors';
import { grantReward, lockPlayer } from '../rewards/rewards';
import { getBalance } from '../wallet/queries';

export const participationCount = sql<number>`(SELECT count(*)::int FROM event_participations pc WHERE pc.event_id = ${events.id})`;

const playerColumns = {
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
  participationCount,
  progress: eventParticipations.progress,
  joinedAt: eventParticipations.joinedAt,
  completedAt: eventParticipations.completedAt,
  claimedAt: eventParticipations.claimedAt,
};

type PlayerRow = {
  id: number;
  title: string;
  description: string;
  type: TEventType;
  startsAt: Date;
  endsAt: Date;
  requirements: Record<string, number>;
  rewards: TEventRewards;
  priority: number;
  participationCount: number;
  progress: Record<string, number> | null;
  joinedAt: Date | null;
  completedAt: Date | null;
  claimedAt: Date | null;
};

export function toPlayerEvent(r: PlayerRow, now: Date) {
  const requirements = r.requirements as TRequirements;
  const progress: TProgress = {};
  for (const k of Object.keys(requirements) as (keyof TRequirements)[]) progress[k] = Math.min(requirements[k] ?? 0, r.progress?.[k] ?? 0);
  return {
    id: r.id,
    title: r.title,
    description: r.description,
    type: r.type,
    startsAt: r.startsAt,
    endsAt: r.endsAt,
    requirements,
    rewards: r.rewards,
    priority: r.priority,
    participationCount: Number(r.participationCount),
    joined: r.joinedAt !== null,
    progress,
    completed: r.completedAt !== null,
    claimed: r.claimedAt !== null,
    joinedAt: r.joinedAt,
    completedAt: r.completedAt,
    claimedAt: r.claimedAt,
    status: now < r.startsAt ? ('upcoming' as const) : now >= r.endsAt ? ('ended' as const) : ('running' as const),
  };
}
export type PlayerEvent = ReturnType<typeof toPlayerEvent>;

function playerQuery(db: Db, userId: number) {
  return db
    .select(playerColumns)
    .from(events)
    .leftJoin(eventParticipations, and(eq(eventParticipations.eventId, events.id), eq(eventParticipations.userId, userId)));
}

/** Running and upcoming events, plus ended ones the caller completed and has not claimed yet. */
export async function listEvents(deps: Pick<Deps, 'db' | 'clock'>, userId: number): Promise<PlayerEvent[]> {
  const now = deps.clock.now();
  const rows = await playerQuery(deps.db, userId)
    .where(
      and(
        isNull(events.deletedAt),
        or(
          and(eq(events.isActive, true), gt(events.endsAt, now)),
          and(isNotNull(eventParticipations.completedAt), isNull(eventParticipations.claimedAt)),
        ),
      ),
    )
    .orderBy(desc(events.priority), asc(events.startsAt), asc(events.id));
  return rows.map((r) => toPlayerEvent(r, now));
}

/** An event the caller can see: active, or one they take part in; never a deleted one. */
export async function getEvent(deps: Pick<Deps, 'db' | 'clock'>, userId: number, eventId: number): Promise<PlayerEvent> {
  const [row] = await playerQuery(deps.db, userId).where(and(eq(events.id, eventId), isNull(events.deletedAt)));
  if (!row || (!row.isActive && row.joinedAt === null)) throw new DomainError('event_not_found');
  return toPlayerEvent(row, deps.clock.now());
}

/** Joins an active event that has not ended; joining again changes nothing. */
export async function joinEvent(deps: Deps, userId: number, eventId: number) {
  const now = deps.clock.now();
  const [e] = await deps.db
    .select({ isActive: events.isActive, endsAt: events.endsAt })
    .from(events)
    .where(and(eq(events.id, eventId), isNull(events.deletedAt)));
  if (!e?.isActive) throw new DomainError('event_not_found');
  if (e.endsAt <= now) throw new DomainError('event_not_running');
  const [row] = await deps.db
    .insert(eventParticipations)
    .values({ eventId, userId, joinedAt: now })
    .onConflictDoNothing()
    .returning({ eventId: eventParticipations.eventId });
  return { event: await getEvent(deps, userId, eventId), alreadyJoined: row === undefined };
}

export type EventClaim = {
  eventId: number;
  gold: number;
  gems: number;
  exp: number;
  idempotent: boolean;
  rewardId: number;
  balance: { gold: number; gems: number };
};

/**
 * Pays a completed participation once (key `event:{eventId}`). Used by the player's claim and
 * the admin's forceClaim. A claim already made answers it again with `idempotent: true`.
 */
export async function claimEventInTx(
  tx: Db,
  outbox: Outbox,
  deps: Pick<Deps, 'config'>,
  p: { userId: number; eventId: number; at: Date; source?: string },
): Promise<EventClaim> {
  await lockPlayer(tx, p.userId);
  const [row] = await tx
    .select({ p: eventParticipations, rewards: events.rewards, title: events.title, deletedAt: events.deletedAt })
    .from(eventParticipations)
    .innerJoin(events, eq(events.id, eventParticipations.eventId))
    .where(and(eq(eventParticipations.eventId, p.eventId), eq(eventParticipations.userId, p.userId)))
    .for('update', { of: eventParticipations });
  if (!row) {
    const [e] = await tx
      .select({ id: events.id })
      .from(events)
      .where(and(eq(events.id, p.eventId), isNull(events.deletedAt)));
    throw new DomainError(e ? 'event_not_joined' : 'event_not_found');
  }
  if (row.deletedAt) throw new DomainError('event_not_found');
  if (row.p.rewardId !== null) {
    const [r] = await tx.select().from(rewards).where(eq(rewards.id, row.p.rewardId));
    const balance = await getBalance(tx, p.userId);
    return {
      eventId: p.eventId,
      gold: r?.gold ?? 0,
      gems: r?.gems ?? 0,
      exp: r?.xp ?? 0,
      idempotent: true,
      rewardId: row.p.rewardId,
      balance: { gold: balance.gold, gems: balance.gems },
    };
  }
  if (!row.p.completedAt) throw new DomainError('event_not_completed');
  const rw = row.rewards;
  const g = await grantReward(
    tx,
    outbox,
    { config: deps.config, at: p.at },
    {
      userId: p.userId,
      idempotencyKey: `event:${p.eventId}`,
      source: p.source ?? 'event_reward',
      description: row.title,
      gold: rw.gold ?? 0,
      gems: rw.gems ?? 0,
      xp: rw.exp ?? 0,
      refType: 'event',
      refId: String(p.eventId),
    },
  );
  await tx
    .update(eventParticipations)
    .set({ claimedAt: p.at, rewardId: g.rewardId })
    .where(and(eq(eventParticipations.eventId, p.eventId), eq(eventParticipations.userId, p.userId)));
  return { eventId: p.eventId, gold: g.gold, gems: g.gems, exp: g.xp, idempotent: g.idempotent, rewardId: g.rewardId, balance: g.balance };
}

export function claimEvent(deps: Deps, userId: number, eventId: number): Promise<EventClaim> {
  const at = deps.clock.now();
  return inTransaction(deps, (tx, outbox) => claimEventInTx(tx, outbox, deps, { userId, eventId, at }));
}

type PublicEvent = {
  id: number;
  title: string;
  type: TEventType;
  startsAt: Date;
  endsAt: Date;
  rewards: { gold: number; gems: number; exp: number };
  participationCount: number;
};

const PUBLIC_CACHE = 'cache:events:public';

/** No login: only id, title, type, dates, rewards and participationCount, from a short Redis cache. */
export async function publicEvents(deps: Pick<Deps, 'db' | 'kv' | 'clock' | 'config' | 'logger'>): Promise<PublicEvent[]> {
  const cached = await deps.kv.get(PUBLIC_CACHE).catch(() => null);
  if (cached) {
    return (JSON.parse(cached) as (Omit<PublicEvent, 'startsAt' | 'endsAt'> & { startsAt: string; endsAt: string })[]).map((e) => ({
      ...e,
      startsAt: new Date(e.startsAt),
      endsAt: new Date(e.endsAt),
    }));
  }
  const now = deps.clock.now();
  const rows = await deps.db
    .select({
      id: events.id,
      title: events.title,
      type: events.type,
      startsAt: events.startsAt,
      endsAt: events.endsAt,
      rewards: events.rewards,
      participationCount,
    })
    .from(events)
    .where(and(isNull(events.deletedAt), eq(events.isActive, true), gt(events.endsAt, now)))
    .orderBy(desc(events.priority), asc(events.startsAt), asc(events.id))
    .limit(50);
  const list = rows.map((r) => ({
    ...r,
    rewards: { gold: r.rewards.gold ?? 0, gems: r.rewards.gems ?? 0, exp: r.rewards.exp ?? 0 },
    participationCount: Number(r.participationCount),
  }));
  await deps.kv
    .set(PUBLIC_CACHE, JSON.stringify(list), { ttlMs: deps.config.progression.events.publicCacheMs })
    .catch((err: unknown) => deps.logger.warn({ err }, 'public events cache unavailable'));
  return list;
}
