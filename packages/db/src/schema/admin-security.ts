/**
 * Admin security: TOTP second factor (secret sealed at rest, last accepted time step for replay
 * refusal), single-use recovery codes (SHA-256 only), and four-eyes approvals of large grants.
 */
import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from './users';

export const adminTotp = pgTable('admin_totp', {
  userId: integer()
    .primaryKey()
    .references(() => users.id),
  /** AES-256-GCM sealed base32 secret (`iv.tag.ciphertext`, base64url). */
  secretSealed: text().notNull(),
  /** null while enrolment waits for its first code; set once confirmed (the factor is active). */
  enabledAt: timestamp({ withTimezone: true }),
  /** Highest TOTP time step accepted; a code of this step or earlier is a replay. */
  lastTimeStep: bigint({ mode: 'number' }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const adminRecoveryCodes = pgTable(
  'admin_recovery_codes',
  {
    id: serial().primaryKey(),
    userId: integer()
      .notNull()
      .references(() => users.id),
    codeHash: text().notNull(),
    usedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('admin_recovery_codes_uq').on(t.userId, t.codeHash)],
);

/** A grant above the four-eyes threshold waits here until another admin approves (executes once) or rejects it. */
export const adminApprovals = pgTable(
  'admin_approvals',
  {
    id: serial().primaryKey(),
    kind: text({ enum: ['adjust_balance', 'grant_bulk'] }).notNull(),
    /** The request exactly as it will be executed. */
    payload: jsonb().notNull(),
    /** Totals the grant asks for, for the list and the threshold. */
    gold: bigint({ mode: 'number' }).notNull().default(0),
    gems: bigint({ mode: 'number' }).notNull().default(0),
    reason: text().notNull(),
    /** The requester's idempotency key: the same request again answers the same approval. */
    idempotencyKey: text(),
    requestedBy: integer()
      .notNull()
      .references(() => users.id),
    status: text({ enum: ['pending', 'approved', 'rejected'] })
      .notNull()
      .default('pending'),
    decidedBy: integer().references(() => users.id),
    decidedAt: timestamp({ withTimezone: true }),
    decisionNote: text(),
    /** What the execution answered; null until it has run. */
    result: jsonb(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('admin_approvals_idem_uq').on(t.kind, t.requestedBy, t.idempotencyKey),
    index('admin_approvals_status_idx').on(t.status, t.id),
    check('admin_approvals_four_eyes', sql`${t.status} <> 'approved' OR ${t.decidedBy} <> ${t.requestedBy}`),
  ],
);

export type AdminApproval = typeof adminApprovals.$inferSelect;
