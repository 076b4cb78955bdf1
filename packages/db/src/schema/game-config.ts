import { sql } from 'drizzle-orm';
import { check, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from './users';

/**
 * Every game configuration ever published, whole (all games in one version), never updated
 * or deleted. The active configuration is the highest version: a rollback publishes a copy
 * of an older one as a new version, so history is never rewritten. A publish inserts
 * `base + 1`, so two admins publishing from the same base collide on the primary key.
 */
export const gameConfigVersions = pgTable(
  'game_config_versions',
  {
    version: integer().primaryKey(),
    /** TGameConfig (packages/shared): slot, gacha, rps, crash. */
    config: jsonb().notNull(),
    /** TGameConfigRtp computed when it was published. */
    rtp: jsonb().notNull(),
    /** Null for the version seeded from the built-in defaults. */
    authorId: integer().references(() => users.id),
    reason: text().notNull(),
    /** Set when this version is a rollback: the version it copies. */
    rolledBackFrom: integer(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('game_config_versions_positive', sql`${t.version} >= 1`)],
);

export type GameConfigVersion = typeof gameConfigVersions.$inferSelect;
