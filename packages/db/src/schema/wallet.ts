import { sql } from 'drizzle-orm';
import { bigint, bigserial, check, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from './users';

export const currency = pgEnum('currency', ['gold', 'gems']);

/**
 * Append-only ledger. Invariant: for every user and currency,
 * users.<currency> = sum(delta) of that user's entries in that currency.
 */
export const walletLedger = pgTable(
  'wallet_ledger',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    userId: integer()
      .notNull()
      .references(() => users.id),
    currency: currency().notNull(),
    delta: bigint({ mode: 'number' }).notNull(),
    balanceAfter: bigint({ mode: 'number' }).notNull(),
    reason: text().notNull(),
    refType: text(),
    refId: text(),
    idempotencyKey: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('wallet_ledger_user_idem_uq').on(t.userId, t.idempotencyKey),
    index('wallet_ledger_user_id_idx').on(t.userId, t.id),
    // The economy reports read the ledger by time (flows per day, large movements).
    index('wallet_ledger_created_idx').on(t.createdAt),
    check('wallet_ledger_balance_after_nonneg', sql`${t.balanceAfter} >= 0`),
    check('wallet_ledger_delta_nonzero', sql`${t.delta} <> 0`),
  ],
);

export type LedgerEntry = typeof walletLedger.$inferSelect;

/**
 * One row per reconciliation (balance = sum of ledger, every user): run by an admin or by the
 * periodic alert scan, so the economy page shows when the books were last checked and what was found.
 */
export const reconciliationRuns = pgTable(
  'reconciliation_runs',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    trigger: text({ enum: ['manual', 'scheduled'] }).notNull(),
    adminId: integer().references(() => users.id),
    checkedUsers: integer().notNull(),
    violationCount: integer().notNull(),
    /** The first violations found (capped), as `{ userId, currency, balance, ledgerSum }`. */
    violations: jsonb().notNull(),
    durationMs: integer().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('reconciliation_runs_created_idx').on(t.createdAt)],
);
