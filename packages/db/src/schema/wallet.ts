import { sql } from 'drizzle-orm';
import { bigint, bigserial, check, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
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
    check('wallet_ledger_balance_after_nonneg', sql`${t.balanceAfter} >= 0`),
    check('wallet_ledger_delta_nonzero', sql`${t.delta} <> 0`),
  ],
);

export type LedgerEntry = typeof walletLedger.$inferSelect;
