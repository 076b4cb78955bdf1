/** The admin's list of notification jobs (scheduled, running, sent, cancelled), newest first. */
import { type Db, type NotificationJob, notificationJobs } from '@casino/db';
import type { TNotificationJob } from '@casino/shared';
import { and, desc, eq, lt, or } from 'drizzle-orm';
import { pageCursorOf, pageOf, parsePageCursor } from '../shared/page';

export const jobView = (r: NotificationJob): TNotificationJob => ({
  id: r.id,
  kind: r.kind,
  userId: r.userId,
  title: r.title,
  body: r.body,
  data: r.data ?? null,
  ttlDays: r.ttlSeconds === null ? null : r.ttlSeconds / 86_400,
  sendAt: r.sendAt,
  status: r.status,
  recipients: r.recipients,
  attempts: r.attempts,
  createdBy: r.createdBy,
  createdAt: r.createdAt,
  startedAt: r.startedAt,
  finishedAt: r.finishedAt,
  cancelledAt: r.cancelledAt,
});

export async function listJobs(
  db: Db,
  opts: { status?: NotificationJob['status'] | undefined; cursor?: string | undefined; limit: number },
): Promise<{ items: TNotificationJob[]; nextCursor: string | null }> {
  const at = opts.cursor ? parsePageCursor(opts.cursor) : null;
  const rows = await db
    .select()
    .from(notificationJobs)
    .where(
      and(
        opts.status ? eq(notificationJobs.status, opts.status) : undefined,
        at
          ? or(lt(notificationJobs.createdAt, at.at), and(eq(notificationJobs.createdAt, at.at), lt(notificationJobs.id, at.id)))
          : undefined,
      ),
    )
    .orderBy(desc(notificationJobs.createdAt), desc(notificationJobs.id))
    .limit(opts.limit + 1);
  const page = pageOf(rows, opts.limit, pageCursorOf);
  return { items: page.items.map(jobView), nextCursor: page.nextCursor };
}
