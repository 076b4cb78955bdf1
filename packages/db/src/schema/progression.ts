/**
 * Progression: granted rewards (one row per grant, unique per user and idempotency key), the
 * daily streak with its per-day ticks, the hourly bonus, battle-pass seasons with progress and
 * claims, events with participations, missions with per-period progress, and bulk-grant
 * batches. Every "once" is a unique key here; Redis only filters in front of it.
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { users } from './users';

export type RewardItemRow = { itemId: string; quantity: number };
/** Event and mission rewards (CONTRACT shape). */
export type EventRewardsRow = { gold?: number; gems?: number; exp?: number };
export type LevelRewardRow = EventRewardsRow & { items?: RewardItemRow[] };
export type BattlepassLevelRow = { level: number; free: LevelRewardRow | null; premium: LevelRewardRow | null };
export type RequirementsRow = Record<string, number>;

/** Every grant: gold and gems also have their ledger entries (ref rewards.id); the key makes a grant happen once. */
export const rewards = pgTable(
  'rewards',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    userId: integer()
      .notNull()
      .references(() => users.id),
    idempotencyKey: text().notNull(),
    source: text().notNull(),
    description: text(),
    gold: bigint({ mode: 'number' }).notNull().default(0),
    gems: bigint({ mode: 'number' }).notNull().default(0),
    xp: integer().notNull().default(0),
    battlepassXp: integer().notNull().default(0),
    vipPoints: integer().notNull().default(0),
    items: jsonb().$type<RewardItemRow[]>().notNull().default(sql`'[]'::jsonb`),
    refType: text(),
    refId: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('rewards_user_key_uq').on(t.userId, t.idempotencyKey),
    index('rewards_user_id_idx').on(t.userId, t.id),
    index('rewards_user_source_idx').on(t.userId, t.source, t.id),
    check(
      'rewards_amounts_nonneg',
      sql`${t.gold} >= 0 AND ${t.gems} >= 0 AND ${t.xp} >= 0 AND ${t.battlepassXp} >= 0 AND ${t.vipPoints} >= 0`,
    ),
  ],
);

/** One streak per user and action; advanced only together with a streak_ticks row. */
export const streaks = pgTable(
  'streaks',
  {
    userId: integer()
      .notNull()
      .references(() => users.id),
    action: text().notNull(),
    count: integer().notNull().default(0),
    lastTickDay: date({ mode: 'string' }),
    lastTickAt: timestamp({ withTimezone: true }),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.action] }), check('streaks_count_nonneg', sql`${t.count} >= 0`)],
);

/** One tick per user, action and UTC day (the database's half of the daily lock), with the protections it used. */
export const streakTicks = pgTable(
  'streak_ticks',
  {
    userId: integer()
      .notNull()
      .references(() => users.id),
    action: text().notNull(),
    day: date({ mode: 'string' }).notNull(),
    /** The streak count after this tick. */
    count: integer().notNull(),
    missedDays: integer().notNull().default(0),
    protectionsUsed: integer().notNull().default(0),
    /** The claim of this day's reward (rewards row with key streak:{userId}:{action}:{day}). */
    rewardId: bigint({ mode: 'number' }).references(() => rewards.id),
    claimedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.action, t.day] }),
    check('streak_ticks_counts_nonneg', sql`${t.count} > 0 AND ${t.missedDays} >= 0 AND ${t.protectionsUsed} >= 0`),
  ],
);

/** The hourly refill: the last claim per user; a conditional upsert lets one claim per period through. */
export const hourlyBonus = pgTable('hourly_bonus', {
  userId: integer()
    .primaryKey()
    .references(() => users.id),
  lastClaimAt: timestamp({ withTimezone: true }).notNull(),
  claims: integer().notNull(),
  lastRewardId: bigint({ mode: 'number' }).references(() => rewards.id),
});

export const battlepassSeasons = pgTable(
  'battlepass_seasons',
  {
    id: serial().primaryKey(),
    name: text().notNull(),
    startsAt: timestamp({ withTimezone: true }).notNull(),
    endsAt: timestamp({ withTimezone: true }).notNull(),
    maxLevel: integer().notNull(),
    xpPerLevel: integer().notNull(),
    levels: jsonb().$type<BattlepassLevelRow[]>().notNull(),
    isActive: boolean().notNull().default(true),
    createdBy: integer().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('battlepass_seasons_window_idx').on(t.startsAt, t.endsAt),
    check('battlepass_seasons_window', sql`${t.endsAt} > ${t.startsAt}`),
    check('battlepass_seasons_levels_pos', sql`${t.maxLevel} > 0 AND ${t.xpPerLevel} > 0`),
  ],
);

export const battlepassProgress = pgTable(
  'battlepass_progress',
  {
    userId: integer()
      .notNull()
      .references(() => users.id),
    seasonId: integer()
      .notNull()
      .references(() => battlepassSeasons.id),
    xp: integer().notNull().default(0),
    premium: boolean().notNull().default(false),
    /** Who unlocked premium: 'shop' (with the purchase id), 'admin', … */
    premiumSource: text(),
    premiumRef: text(),
    premiumAt: timestamp({ withTimezone: true }),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.seasonId] }), check('battlepass_progress_xp_nonneg', sql`${t.xp} >= 0`)],
);

export const battlepassTrack = pgEnum('battlepass_track', ['free', 'premium']);

/** Each level once per track. */
export const battlepassClaims = pgTable(
  'battlepass_claims',
  {
    userId: integer()
      .notNull()
      .references(() => users.id),
    seasonId: integer()
      .notNull()
      .references(() => battlepassSeasons.id),
    level: integer().notNull(),
    track: battlepassTrack().notNull(),
    rewardId: bigint({ mode: 'number' })
      .notNull()
      .references(() => rewards.id),
    claimedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.seasonId, t.level, t.track] })],
);

export const eventType = pgEnum('event_type', ['daily', 'weekly', 'special']);

export const events = pgTable(
  'events',
  {
    id: serial().primaryKey(),
    title: text().notNull(),
    description: text().notNull().default(''),
    type: eventType().notNull(),
    startsAt: timestamp({ withTimezone: true }).notNull(),
    endsAt: timestamp({ withTimezone: true }).notNull(),
    requirements: jsonb().$type<RequirementsRow>().notNull(),
    rewards: jsonb().$type<EventRewardsRow>().notNull(),
    priority: integer().notNull().default(0),
    isActive: boolean().notNull().default(true),
    publishedAt: timestamp({ withTimezone: true }),
    /** Set on events made by an idempotent seed (e.g. the Model Index Challenge). */
    seedKey: text(),
    createdBy: integer().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    deletedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex('events_seed_key_uq').on(t.seedKey),
    index('events_listed_idx').on(t.endsAt).where(sql`${t.isActive} AND ${t.deletedAt} IS NULL`),
    check('events_window', sql`${t.endsAt} > ${t.startsAt}`),
  ],
);

export const eventParticipations = pgTable(
  'event_participations',
  {
    eventId: integer()
      .notNull()
      .references(() => events.id),
    userId: integer()
      .notNull()
      .references(() => users.id),
    progress: jsonb().$type<RequirementsRow>().notNull().default(sql`'{}'::jsonb`),
    joinedAt: timestamp({ withTimezone: true }).notNull(),
    completedAt: timestamp({ withTimezone: true }),
    claimedAt: timestamp({ withTimezone: true }),
    rewardId: bigint({ mode: 'number' }).references(() => rewards.id),
  },
  (t) => [
    primaryKey({ columns: [t.eventId, t.userId] }),
    // What a round advances: the player's unfinished participations.
    index('event_participations_open_idx').on(t.userId).where(sql`${t.completedAt} IS NULL`),
    index('event_participations_user_idx').on(t.userId, t.eventId),
  ],
);

export const missionPeriod = pgEnum('mission_period', ['daily', 'weekly', 'once']);

export const missions = pgTable(
  'missions',
  {
    id: serial().primaryKey(),
    title: text().notNull(),
    description: text().notNull().default(''),
    period: missionPeriod().notNull(),
    requirements: jsonb().$type<RequirementsRow>().notNull(),
    rewards: jsonb().$type<EventRewardsRow>().notNull(),
    isActive: boolean().notNull().default(true),
    sortOrder: integer().notNull().default(0),
    createdBy: integer().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    deletedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index('missions_live_idx').on(t.sortOrder).where(sql`${t.isActive} AND ${t.deletedAt} IS NULL`)],
);

/** A player's progress on a mission in one period (`YYYY-MM-DD`, `YYYY-Www` or `once`). */
export const missionProgress = pgTable(
  'mission_progress',
  {
    userId: integer()
      .notNull()
      .references(() => users.id),
    missionId: integer()
      .notNull()
      .references(() => missions.id),
    periodKey: text().notNull(),
    progress: jsonb().$type<RequirementsRow>().notNull().default(sql`'{}'::jsonb`),
    completedAt: timestamp({ withTimezone: true }),
    claimedAt: timestamp({ withTimezone: true }),
    rewardId: bigint({ mode: 'number' }).references(() => rewards.id),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.missionId, t.periodKey] })],
);

/** admin.rewards.grantBulk: one row per idempotency key with the request's hash and the stored answer. */
export const rewardBatches = pgTable(
  'reward_batches',
  {
    idempotencyKey: text().primaryKey(),
    adminId: integer()
      .notNull()
      .references(() => users.id),
    requestHash: text().notNull(),
    rows: integer().notNull(),
    response: jsonb(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index('reward_batches_created_idx').on(t.createdAt)],
);

export type Reward = typeof rewards.$inferSelect;
export type Streak = typeof streaks.$inferSelect;
export type BattlepassSeason = typeof battlepassSeasons.$inferSelect;
export type GameEvent = typeof events.$inferSelect;
export type EventParticipation = typeof eventParticipations.$inferSelect;
export type Mission = typeof missions.$inferSelect;
export type MissionProgress = typeof missionProgress.$inferSelect;
