import { bigserial, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Transactional outbox: live events are inserted in the transaction that causes
 * them, so they commit or vanish with it. The relay (packages/api/src/realtime/relay.ts)
 * appends them to Redis exactly once (deduplicated by id) and then deletes them.
 */
export const outboxEvents = pgTable(
  'outbox_events',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    userId: integer().notNull(),
    type: text().notNull(),
    data: jsonb().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    attempts: integer().notNull().default(0),
    /** Earliest time the relay tries again after a failed publish (backoff). */
    retryAt: timestamp({ withTimezone: true }),
  },
  (t) => [index('outbox_events_retry_idx').on(t.retryAt, t.id)],
);

export type OutboxEvent = typeof outboxEvents.$inferSelect;
