/**
 * A player's notifications: creating one (with its live event, in the caller's transaction),
 * the inbox page with the unread count, marking read, and dropping expired ones.
 * Expired notifications are invisible at once; the sweeper deletes them later.
 */
import { type Db, type Notification, notifications } from '@casino/db';
import type { TNotificationItem } from '@casino/shared';
import { and, count, desc, eq, gt, inArray, isNull, lt, lte, or } from 'drizzle-orm';
import type { Deps, Outbox } from '../../deps';
import { pageCursorOf, pageOf, parsePageCursor } from '../shared/page';

export type NotificationKind = Notification['kind'];

export type NewNotification = {
  userId: number;
  kind: NotificationKind;
  title: string;
  body: string;
  data?: Record<string, unknown> | null | undefined;
  expiresAt?: Date | null | undefined;
  jobId?: string | null | undefined;
};

/** The live event a stored notification is delivered as (its type is the notification's kind). */
export function notificationEvent(row: Pick<Notification, 'id' | 'userId' | 'kind' | 'title' | 'body' | 'data'>) {
  return {
    userId: row.userId,
    type: row.kind,
    data: { id: row.id, title: row.title, body: row.body, data: row.data ?? null },
  } as const;
}

/**
 * Stores a notification and queues its live event in the caller's transaction: other domains
 * (rewards, level-ups, …) notify a player through this. Returns the notification's id.
 */
export async function createNotification(tx: Db, outbox: Outbox, n: NewNotification, at: Date): Promise<string> {
  const [row] = await tx
    .insert(notifications)
    .values({
      userId: n.userId,
      kind: n.kind,
      title: n.title,
      body: n.body,
      data: n.data ?? null,
      expiresAt: n.expiresAt ?? null,
      jobId: n.jobId ?? null,
      createdAt: at,
    })
    .returning();
  if (!row) throw new Error('notification insert returned nothing');
  outbox.push(notificationEvent(row));
  return row.id;
}

const visible = (userId: number, now: Date) =>
  and(eq(notifications.userId, userId), or(isNull(notifications.expiresAt), gt(notifications.expiresAt, now)));

export async function unreadCount(db: Db, userId: number, now: Date): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(visible(userId, now), isNull(notifications.readAt)));
  return Number(row?.n ?? 0);
}

export async function listNotifications(
  deps: Pick<Deps, 'db' | 'clock'>,
  userId: number,
  opts: { cursor?: string | undefined; limit: number; unreadOnly?: boolean | undefined },
): Promise<{ items: TNotificationItem[]; nextCursor: string | null; unread: number }> {
  const now = deps.clock.now();
  const at = opts.cursor ? parsePageCursor(opts.cursor) : null;
  const rows = await deps.db
    .select()
    .from(notifications)
    .where(
      and(
        visible(userId, now),
        opts.unreadOnly ? isNull(notifications.readAt) : undefined,
        at ? or(lt(notifications.createdAt, at.at), and(eq(notifications.createdAt, at.at), lt(notifications.id, at.id))) : undefined,
      ),
    )
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(opts.limit + 1);
  const page = pageOf(rows, opts.limit, pageCursorOf);
  return {
    items: page.items.map((r) => ({
      id: r.id,
      type: r.kind,
      title: r.title,
      body: r.body,
      data: r.data ?? null,
      read: r.readAt !== null,
      readAt: r.readAt,
      createdAt: r.createdAt,
      expiresAt: r.expiresAt,
    })),
    nextCursor: page.nextCursor,
    unread: await unreadCount(deps.db, userId, now),
  };
}

/**
 * Marks the user's notifications read: the given ids, or all when none are given. Ids of other
 * players' notifications (or unknown ones) change nothing and are not reported apart.
 */
export async function markRead(
  deps: Pick<Deps, 'db' | 'clock'>,
  userId: number,
  ids: readonly string[] | undefined,
): Promise<{ updated: number; unread: number }> {
  const now = deps.clock.now();
  const updated = await deps.db
    .update(notifications)
    .set({ readAt: now })
    .where(and(visible(userId, now), isNull(notifications.readAt), ids ? inArray(notifications.id, [...ids]) : undefined))
    .returning({ id: notifications.id });
  return { updated: updated.length, unread: await unreadCount(deps.db, userId, now) };
}

/** Deletes notifications that expired; returns how many. Bounded per call so a backlog never holds one long lock. */
export async function deleteExpired(deps: Pick<Deps, 'db' | 'clock'>, limit = 5000): Promise<number> {
  const expired = deps.db
    .select({ id: notifications.id })
    .from(notifications)
    .where(lte(notifications.expiresAt, deps.clock.now()))
    .limit(limit);
  const rows = await deps.db.delete(notifications).where(inArray(notifications.id, expired)).returning({ id: notifications.id });
  return rows.length;
}
