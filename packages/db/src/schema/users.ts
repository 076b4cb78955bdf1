import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, pgEnum, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

export const userRole = pgEnum('user_role', ['user', 'support', 'admin']);
export const userRank = pgEnum('user_rank', ['STANDARD', 'PREMIUM', 'VIP']);
export const userStatus = pgEnum('user_status', ['active', 'banned', 'deleted']);

/** Balances live on the row; every change goes through the wallet service with a ledger entry. */
export const users = pgTable(
  'users',
  {
    id: serial().primaryKey(),
    siteId: text().notNull(),
    nickname: text().notNull(),
    passwordHash: text().notNull(),
    phoneNumber: text(),
    role: userRole().notNull().default('user'),
    rank: userRank().notNull().default('STANDARD'),
    status: userStatus().notNull().default('active'),
    gold: bigint({ mode: 'number' }).notNull().default(0),
    gems: bigint({ mode: 'number' }).notNull().default(0),
    vipPoints: bigint({ mode: 'number' }).notNull().default(0),
    level: integer().notNull().default(1),
    experience: integer().notNull().default(0),
    battlepassLevel: integer().notNull().default(0),
    mustChangePassword: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastLoginAt: timestamp({ withTimezone: true }),
    /** Shown on the admin's user page while banned; cleared on unban. */
    banReason: text(),
    bannedAt: timestamp({ withTimezone: true }),
    /**
     * Mirror of the login lockout kept in Redis (which enforces it), so admins can filter and
     * see it; set when a failure exhausts the budget, cleared by a success or an admin unlock.
     */
    lockedUntil: timestamp({ withTimezone: true }),
    /** Set once by anonymisation (status 'deleted'); identifiers are replaced and freed then. */
    anonymisedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex('users_site_id_uq').on(t.siteId),
    uniqueIndex('users_nickname_lower_uq').on(sql`lower(${t.nickname})`),
    index('users_created_at_idx').on(t.createdAt),
    check('users_gold_nonneg', sql`${t.gold} >= 0`),
    check('users_gems_nonneg', sql`${t.gems} >= 0`),
    check('users_vip_points_nonneg', sql`${t.vipPoints} >= 0`),
  ],
);

export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;

/**
 * One namespace for login and display names: the normalised, confusable-folded key
 * (skeleton) of every siteId and nickname, each owned by exactly one user. The
 * primary key makes a collision between any two users' names impossible.
 */
export const userHandles = pgTable(
  'user_handles',
  {
    handle: text().primaryKey(),
    userId: integer()
      .notNull()
      .references(() => users.id),
    kind: text({ enum: ['site_id', 'nickname'] }).notNull(),
  },
  (t) => [index('user_handles_user_idx').on(t.userId)],
);
