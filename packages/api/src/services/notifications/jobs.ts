/**
 * Admin notifications as durable jobs. A broadcast (or a scheduled send) is a row in
 * notification_jobs; it is carried out in batches, each one transaction that locks the job,
 * inserts the batch's notifications with their outbox events and advances the job's cursor.
 * Any instance may claim a due job (FOR UPDATE SKIP LOCKED) or take over one whose process
 * died (its lock expired): the cursor read under the row lock and the (job, user) unique
 * index make every recipient get it exactly once. A batch is never one giant transaction.
 */
import { type Db, type NotificationJob, notificationJobs, queryRows, users } from '@casino/db';
import { and, eq, sql } from 'drizzle-orm';
import { type Deps, inTransaction } from '../../deps';
import { DomainError } from '../../errors';
import { writeAudit } from '../audit/audit';
import { createNotification, notificationEvent } from './inbox';

export type Actor = { id: number; ip: string | null };
export type NotificationContent = {
  title: string;
  body: string;
  data?: Record<string, unknown> | undefined;
  ttlDays?: number | undefined;
};

/** A job is locked for this long per batch; a process that dies holding it is taken over after it. */
const LOCK_MS = 60_000;
const MAX_SCHEDULE_AHEAD_MS = 366 * 24 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

const expiryOf = (ttlDays: number | null | undefined, at: Date) => (ttlDays ? new Date(at.getTime() + ttlDays * DAY_MS) : null);

async function requireUser(db: Db, userId: number) {
  const [u] = await db.select({ id: users.id, status: users.status }).from(users).where(eq(users.id, userId));
  if (!u || u.status === 'deleted') throw new DomainError('user_not_found');
  return u;
}

/** admin.notifications.send: one notification to one player, now, with its ADMIN_NOTIFICATION event. */
export async function sendNotification(deps: Deps, actor: Actor, input: NotificationContent & { userId: number }) {
  await requireUser(deps.db, input.userId);
  const at = deps.clock.now();
  return inTransaction(deps, async (tx, outbox) => {
    const notificationId = await createNotification(
      tx,
      outbox,
      {
        userId: input.userId,
        kind: 'ADMIN_NOTIFICATION',
        title: input.title,
        body: input.body,
        data: input.data,
        expiresAt: expiryOf(input.ttlDays, at),
      },
      at,
    );
    await writeAudit(tx, {
      adminId: actor.id,
      ip: actor.ip,
      action: 'notification.send',
      targetType: 'user',
      targetId: input.userId,
      after: { notificationId, title: input.title },
    });
    return { notificationId };
  });
}

async function insertJob(
  deps: Deps,
  actor: Actor,
  job: NotificationContent & { kind: 'send' | 'broadcast'; userId: number | null; sendAt: Date; status: 'scheduled' | 'running' },
): Promise<NotificationJob> {
  return inTransaction(deps, async (tx) => {
    const [row] = await tx
      .insert(notificationJobs)
      .values({
        kind: job.kind,
        userId: job.userId,
        title: job.title,
        body: job.body,
        data: job.data ?? null,
        ttlSeconds: job.ttlDays ? job.ttlDays * 86_400 : null,
        sendAt: job.sendAt,
        status: job.status,
        createdBy: actor.id,
        // From the clock, in milliseconds like the page cursor (the column default would add microseconds).
        createdAt: deps.clock.now(),
        ...(job.status === 'running'
          ? { startedAt: deps.clock.now(), lockedUntil: new Date(deps.clock.now().getTime() + LOCK_MS), attempts: 1 }
          : {}),
      })
      .returning();
    if (!row) throw new Error('job insert returned nothing');
    await writeAudit(tx, {
      adminId: actor.id,
      ip: actor.ip,
      action: job.status === 'running' ? 'notification.broadcast' : 'notification.schedule',
      targetType: job.userId ? 'user' : 'all_users',
      targetId: job.userId,
      after: { jobId: row.id, kind: job.kind, title: job.title, sendAt: job.sendAt.toISOString() },
    });
    return row;
  });
}

/**
 * admin.notifications.broadcast: every active player, now. Carried out in this request, batch
 * by batch; if the process dies part-way the job is taken over and finished by any instance.
 */
export async function broadcastNotification(deps: Deps, actor: Actor, input: NotificationContent) {
  const job = await insertJob(deps, actor, { ...input, kind: 'broadcast', userId: null, sendAt: deps.clock.now(), status: 'running' });
  const done = await runJob(deps, job.id);
  return { jobId: job.id, recipients: done.recipients };
}

/** admin.notifications.schedule: one player (userId) or everyone, at `sendAt`. */
export async function scheduleNotification(
  deps: Deps,
  actor: Actor,
  input: NotificationContent & { userId?: number | undefined; sendAt: Date },
) {
  const now = deps.clock.now().getTime();
  const when = input.sendAt.getTime();
  if (!(when > now) || when - now > MAX_SCHEDULE_AHEAD_MS) throw new DomainError('send_at_invalid');
  if (input.userId) await requireUser(deps.db, input.userId);
  const job = await insertJob(deps, actor, {
    ...input,
    kind: input.userId ? 'send' : 'broadcast',
    userId: input.userId ?? null,
    status: 'scheduled',
  });
  return { jobId: job.id, sendAt: job.sendAt };
}

/** Cancels a job that has not finished: a scheduled one never runs, a running broadcast stops at its next batch. */
export async function cancelJob(deps: Deps, actor: Actor, jobId: string) {
  return inTransaction(deps, async (tx) => {
    const [row] = await queryRows<{ status: NotificationJob['status']; recipients: number }>(
      tx,
      sql`SELECT status, recipients FROM notification_jobs WHERE id = ${jobId}::uuid FOR UPDATE`,
    );
    if (!row) throw new DomainError('notification_job_not_found');
    if (row.status !== 'scheduled' && row.status !== 'running')
      throw new DomainError('notification_job_not_cancellable', { status: row.status });
    await tx
      .update(notificationJobs)
      .set({ status: 'cancelled', cancelledAt: deps.clock.now(), cancelledBy: actor.id, lockedUntil: null })
      .where(eq(notificationJobs.id, jobId));
    await writeAudit(tx, {
      adminId: actor.id,
      ip: actor.ip,
      action: 'notification.cancel',
      targetType: 'notification_job',
      targetId: jobId,
      before: { status: row.status },
      after: { status: 'cancelled', recipients: row.recipients },
    });
    return { jobId, status: 'cancelled' as const, recipients: Number(row.recipients) };
  });
}

type JobRow = {
  id: string;
  kind: 'send' | 'broadcast';
  user_id: number | null;
  title: string;
  body: string;
  data: Record<string, unknown> | null;
  ttl_seconds: number | null;
  status: NotificationJob['status'];
  cursor: number;
};

/**
 * One batch of a running job in one transaction: the job row locked, the next recipients after
 * its cursor, their notifications (one per job and user) with their outbox events, the cursor
 * advanced. Returns whether the job is still running afterwards.
 */
export async function runJobBatch(deps: Deps, jobId: string): Promise<boolean> {
  const size = deps.config.live.broadcastBatch;
  return inTransaction(deps, async (tx, outbox) => {
    const [job] = await queryRows<JobRow>(
      tx,
      sql`SELECT id, kind, user_id, title, body, data, ttl_seconds, status, cursor FROM notification_jobs WHERE id = ${jobId}::uuid FOR UPDATE`,
    );
    if (job?.status !== 'running') return false;
    const now = deps.clock.now();
    const kind = job.kind === 'send' ? 'ADMIN_NOTIFICATION' : 'ADMIN_BROADCAST';
    const expiresAt = job.ttl_seconds ? new Date(now.getTime() + job.ttl_seconds * 1000) : null;
    const targets =
      job.kind === 'send'
        ? sql`SELECT id FROM users WHERE id = ${job.user_id}::int AND id > ${job.cursor}::int AND status <> 'deleted'`
        : sql`SELECT id FROM users WHERE id > ${job.cursor}::int AND status = 'active' ORDER BY id LIMIT ${size}::int`;
    const [batch] = await queryRows<{ last: number | null; seen: number; rows: { id: string; user_id: number }[] | null }>(
      tx,
      sql`WITH t AS (${targets}),
          ins AS (
            INSERT INTO notifications (user_id, kind, title, body, data, job_id, expires_at, created_at)
            SELECT t.id, ${kind}::notification_kind, ${job.title}, ${job.body}, ${job.data === null ? null : JSON.stringify(job.data)}::jsonb,
              ${jobId}::uuid, ${expiresAt?.toISOString() ?? null}::timestamptz, ${now.toISOString()}::timestamptz
            FROM t
            ON CONFLICT (job_id, user_id) DO NOTHING
            RETURNING id, user_id)
          SELECT (SELECT max(id) FROM t) AS last, (SELECT count(*)::int FROM t) AS seen,
            (SELECT json_agg(json_build_object('id', ins.id, 'user_id', ins.user_id) ORDER BY ins.user_id) FROM ins) AS rows`,
    );
    const rows = batch?.rows ?? [];
    for (const r of rows) {
      outbox.push(notificationEvent({ id: r.id, userId: r.user_id, kind, title: job.title, body: job.body, data: job.data }));
    }
    const finished = job.kind === 'send' || Number(batch?.seen ?? 0) < size;
    await tx
      .update(notificationJobs)
      .set({
        cursor: batch?.last ?? job.cursor,
        recipients: sql`${notificationJobs.recipients} + ${rows.length}`,
        lockedUntil: finished ? null : new Date(now.getTime() + LOCK_MS),
        ...(finished ? { status: 'sent' as const, finishedAt: now } : {}),
      })
      .where(eq(notificationJobs.id, jobId));
    return !finished;
  });
}

/** Runs a claimed (running) job to its end, batch by batch; returns its final row. */
export async function runJob(deps: Deps, jobId: string): Promise<NotificationJob> {
  while (await runJobBatch(deps, jobId)) {}
  const [row] = await deps.db.select().from(notificationJobs).where(eq(notificationJobs.id, jobId));
  if (!row) throw new DomainError('notification_job_not_found');
  return row;
}

/**
 * Claims one job to run: a scheduled one whose time has come, or a running one whose lock
 * expired (its process died). SKIP LOCKED: instances never wait on each other's claims.
 */
export async function claimDueJob(deps: Pick<Deps, 'db' | 'clock'>): Promise<string | null> {
  const now = deps.clock.now();
  const [row] = await queryRows<{ id: string }>(
    deps.db,
    sql`UPDATE notification_jobs SET status = 'running', attempts = attempts + 1,
          started_at = coalesce(started_at, ${now.toISOString()}::timestamptz),
          locked_until = ${new Date(now.getTime() + LOCK_MS).toISOString()}::timestamptz
        WHERE id = (
          SELECT id FROM notification_jobs
          WHERE (status = 'scheduled' AND send_at <= ${now.toISOString()}::timestamptz)
             OR (status = 'running' AND locked_until < ${now.toISOString()}::timestamptz)
          ORDER BY send_at LIMIT 1 FOR UPDATE SKIP LOCKED)
        RETURNING id`,
  );
  return row?.id ?? null;
}

/** Claims and runs due jobs until none is left; returns how many it ran. A failed job is retried after its lock expires. */
export async function runDueJobs(deps: Deps, max = 20): Promise<number> {
  let ran = 0;
  for (; ran < max; ran++) {
    const id = await claimDueJob(deps);
    if (!id) break;
    try {
      await runJob(deps, id);
    } catch (err) {
      deps.logger.error({ err, jobId: id }, 'notification job failed; another pass takes it over when its lock expires');
      await deps.db
        .update(notificationJobs)
        .set({ lastError: String((err as Error)?.message ?? err).slice(0, 500) })
        .where(and(eq(notificationJobs.id, id), eq(notificationJobs.status, 'running')))
        .catch(() => {});
    }
  }
  return ran;
}
