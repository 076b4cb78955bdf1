/**
 * The live layer: per-user notifications (read/unread, expiry), the durable notification
 * jobs behind admin broadcasts and scheduled sends, and the players' action log.
 * Notifications and their live events are written in one transaction; a job's cursor
 * advances in the transaction that writes its batch, so a job resumed by another
 * instance never notifies anyone twice (the (job, user) unique index is the last word).
 */
import { sql } from 'drizzle-orm';
import { bigserial, check, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './users';

/** The live event type a notification is delivered as (economy.live). */
export const notificationKind = pgEnum('notification_kind', ['notification', 'ADMIN_NOTIFICATION', 'ADMIN_BROADCAST']);

export const notificationJobKind = pgEnum('notification_job_kind', ['send', 'broadcast']);
export const notificationJobStatus = pgEnum('notification_job_status', ['scheduled', 'running', 'sent', 'cancelled']);

/**
 * Admin sends and broadcasts, now or later. Any instance may claim a due job
 * (FOR UPDATE SKIP LOCKED); `cursor` is the last user id notified, `lockedUntil` lets
 * another instance take over a job whose process died.
 */
export const notificationJobs = pgTable(
  'notification_jobs',
  {
    id: uuid().primaryKey().defaultRandom(),
    kind: notificationJobKind().notNull(),
    /** The recipient of a `send`; null for a broadcast. */
    userId: integer().references(() => users.id),
    title: text().notNull(),
    body: text().notNull(),
    data: jsonb().$type<Record<string, unknown>>(),
    /** How long the notifications it creates stay in the inbox (null = until read and beyond). */
    ttlSeconds: integer(),
    sendAt: timestamp({ withTimezone: true }).notNull(),
    status: notificationJobStatus().notNull().default('scheduled'),
    cursor: integer().notNull().default(0),
    recipients: integer().notNull().default(0),
    attempts: integer().notNull().default(0),
    lockedUntil: timestamp({ withTimezone: true }),
    lastError: text(),
    createdBy: integer()
      .notNull()
      .references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp({ withTimezone: true }),
    finishedAt: timestamp({ withTimezone: true }),
    cancelledAt: timestamp({ withTimezone: true }),
    cancelledBy: integer().references(() => users.id),
  },
  (t) => [
    index('notification_jobs_due_idx').on(t.status, t.sendAt),
    index('notification_jobs_created_idx').on(t.createdAt, t.id),
    check('notification_jobs_send_target', sql`(${t.kind} = 'send') = (${t.userId} IS NOT NULL)`),
    check('notification_jobs_counts_nonneg', sql`${t.recipients} >= 0 AND ${t.cursor} >= 0`),
  ],
);

export const notifications = pgTable(
  'notifications',
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: integer()
      .notNull()
      .references(() => users.id),
    kind: notificationKind().notNull(),
    title: text().notNull(),
    body: text().notNull(),
    data: jsonb().$type<Record<string, unknown>>(),
    /** The job that created it (admin send/broadcast/schedule); at most one per user and job. */
    jobId: uuid().references(() => notificationJobs.id),
    readAt: timestamp({ withTimezone: true }),
    expiresAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    index('notifications_user_created_idx').on(t.userId, t.createdAt, t.id),
    index('notifications_user_unread_idx').on(t.userId).where(sql`${t.readAt} IS NULL`),
    index('notifications_expires_idx').on(t.expiresAt).where(sql`${t.expiresAt} IS NOT NULL`),
    uniqueIndex('notifications_job_user_uq').on(t.jobId, t.userId),
  ],
);

/** What players did (page views, game actions), masked before it is stored; analytics read the Redis stream. */
export const actionLog = pgTable(
  'action_log',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    userId: integer()
      .notNull()
      .references(() => users.id),
    type: text().notNull(),
    name: text(),
    payload: jsonb(),
    /** When the client says it happened; `createdAt` is when the server stored it. */
    clientAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index('action_log_user_created_idx').on(t.userId, t.createdAt), index('action_log_type_created_idx').on(t.type, t.createdAt)],
);

export type Notification = typeof notifications.$inferSelect;
export type NotificationJob = typeof notificationJobs.$inferSelect;
export type ActionLogEntry = typeof actionLog.$inferSelect;
