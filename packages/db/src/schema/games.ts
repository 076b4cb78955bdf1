import { GAMES } from '@casino/shared';
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  check,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './users';

export const gameType = pgEnum('game_type', GAMES);
export const roundResult = pgEnum('round_result', ['win', 'loss', 'draw']);

/**
 * Provably-fair seed pairs. A user has one active pair; its `nextNonce` is taken
 * (row-locked) by every round, which also serialises a user's rounds.
 */
export const fairnessSeeds = pgTable(
  'fairness_seeds',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    userId: integer()
      .notNull()
      .references(() => users.id),
    serverSeed: text().notNull(),
    serverSeedHash: text().notNull(),
    clientSeed: text().notNull(),
    nextNonce: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    revealedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex('fairness_seeds_one_active_uq').on(t.userId).where(sql`${t.revealedAt} IS NULL`),
    index('fairness_seeds_user_idx').on(t.userId, t.id),
  ],
);

/** One row per settled round of any game; the source of truth for stats and leaderboards. */
export const gameRounds = pgTable(
  'game_rounds',
  {
    id: uuid().primaryKey(),
    userId: integer()
      .notNull()
      .references(() => users.id),
    game: gameType().notNull(),
    currency: text().notNull().default('gold'),
    bet: bigint({ mode: 'number' }).notNull(),
    payout: bigint({ mode: 'number' }).notNull(),
    /** payout / bet, for "big multiplier" stats and achievements. */
    multiplier: doublePrecision().notNull(),
    /** win / loss / draw as the game defines it (gacha: win = Epic or better). */
    result: roundResult().notNull(),
    seedId: bigint({ mode: 'number' })
      .notNull()
      .references(() => fairnessSeeds.id),
    nonce: integer().notNull(),
    outcome: jsonb().notNull(),
    sessionId: uuid(),
    durationMs: integer(),
    /** The game_config_versions.version the round was played under: verification re-derives it with that one. */
    configVersion: integer().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('game_rounds_user_game_idx').on(t.userId, t.game, t.createdAt),
    index('game_rounds_game_created_idx').on(t.game, t.createdAt),
    uniqueIndex('game_rounds_seed_nonce_uq').on(t.seedId, t.nonce),
    check('game_rounds_amounts_nonneg', sql`${t.bet} >= 0 AND ${t.payout} >= 0`),
  ],
);

export const crashStatus = pgEnum('crash_status', ['active', 'cashed', 'busted', 'expired']);

/** Crash rounds; Redis holds the live state, this row is the durable truth the sweeper settles from. */
export const crashBets = pgTable(
  'crash_bets',
  {
    id: uuid().primaryKey(),
    userId: integer()
      .notNull()
      .references(() => users.id),
    bet: bigint({ mode: 'number' }).notNull(),
    autoCashout: doublePrecision(),
    crashPoint: doublePrecision().notNull(),
    seedId: bigint({ mode: 'number' })
      .notNull()
      .references(() => fairnessSeeds.id),
    nonce: integer().notNull(),
    status: crashStatus().notNull().default('active'),
    payout: bigint({ mode: 'number' }).notNull().default(0),
    cashoutMultiplier: doublePrecision(),
    /** The configuration version at bet time; the round keeps it (and its edge and cap) even across a publish. */
    configVersion: integer().notNull(),
    houseEdgePercent: doublePrecision().notNull(),
    maxWinMultiplier: doublePrecision().notNull(),
    startedAt: timestamp({ withTimezone: true }).notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    /** When the server must settle it by itself: auto-cashout reached, bust, or expiry, whichever is first. */
    dueAt: timestamp({ withTimezone: true }).notNull(),
    settledAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex('crash_bets_one_active_uq').on(t.userId).where(sql`${t.status} = 'active'`),
    index('crash_bets_user_idx').on(t.userId, t.startedAt),
    index('crash_bets_due_idx').on(t.dueAt).where(sql`${t.status} = 'active'`),
  ],
);

export const userGameStats = pgTable(
  'user_game_stats',
  {
    userId: integer()
      .notNull()
      .references(() => users.id),
    game: gameType().notNull(),
    totalBets: integer().notNull().default(0),
    totalWagered: bigint({ mode: 'number' }).notNull().default(0),
    totalWins: integer().notNull().default(0),
    totalLosses: integer().notNull().default(0),
    totalPayout: bigint({ mode: 'number' }).notNull().default(0),
    totalProfit: bigint({ mode: 'number' }).notNull().default(0),
    highestMultiplier: doublePrecision().notNull().default(0),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.game] })],
);

export const gameSessions = pgTable(
  'game_sessions',
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: integer()
      .notNull()
      .references(() => users.id),
    game: gameType().notNull(),
    startedAt: timestamp({ withTimezone: true }).notNull(),
    endedAt: timestamp({ withTimezone: true }),
    totalRounds: integer().notNull().default(0),
    totalBet: bigint({ mode: 'number' }).notNull().default(0),
    totalWin: bigint({ mode: 'number' }).notNull().default(0),
    totalDurationMs: bigint({ mode: 'number' }).notNull().default(0),
  },
  (t) => [
    uniqueIndex('game_sessions_one_active_uq').on(t.userId, t.game).where(sql`${t.endedAt} IS NULL`),
    index('game_sessions_user_idx').on(t.userId, t.startedAt),
  ],
);

/** Per-user gacha state: pulls since the last Epic-or-better. */
export const gachaPity = pgTable('gacha_pity', {
  userId: integer()
    .primaryKey()
    .references(() => users.id),
  counter: integer().notNull().default(0),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const userItems = pgTable(
  'user_items',
  {
    userId: integer()
      .notNull()
      .references(() => users.id),
    itemId: text().notNull(),
    rarity: text().notNull(),
    quantity: integer().notNull().default(0),
    firstAcquiredAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.itemId] }), check('user_items_qty_nonneg', sql`${t.quantity} >= 0`)],
);

export const userAchievements = pgTable(
  'user_achievements',
  {
    userId: integer()
      .notNull()
      .references(() => users.id),
    code: text().notNull(),
    unlockedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    rewardGold: integer().notNull().default(0),
    roundId: uuid(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.code] })],
);

export type FairnessSeed = typeof fairnessSeeds.$inferSelect;
export type GameRound = typeof gameRounds.$inferSelect;
export type CrashBet = typeof crashBets.$inferSelect;
export type GameSession = typeof gameSessions.$inferSelect;
