/**
 * Admin notifications: a broadcast to 10,000 players in batches (each batch its own
 * transaction with its outbox events), scheduled sends claimed by racing instances and sent
 * once, cancellation, takeover of a job whose process died, and admin-only access.
 */
import { type Db, notificationJobs, notifications, outboxEvents, queryRows, users } from '@casino/db';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Deps } from '../../deps';
import { manualClock } from '../../infra/clock';
import { createRedisKv } from '../../infra/kv-redis';
import { silentLogger } from '../../infra/logger';
import { EventBus } from '../../realtime/bus';
import { relayOnce } from '../../realtime/outbox';
import { claimDueJob, runDueJobs, runJobBatch } from '../../services/notifications/jobs';
import { callerFor, createTestEnv, editUser, newAdmin, newPlayer, type TestEnv } from '../../test/harness';
import { expectRefused } from '../../test/reference';

const clock = manualClock('2026-04-01T08:00:00Z');
let env: TestEnv;
let admin: Awaited<ReturnType<typeof newAdmin>>;
beforeAll(async () => {
  env = await createTestEnv({
    clock,
    config: { live: { bigWinThresholdGold: 1000, largePurchaseCents: 5000, broadcastBatch: 1000, statsPeriodMs: 5000 } },
  });
});
afterAll(() => env.close());
beforeEach(async () => {
  admin = await newAdmin(env.deps);
});

/** `n` plain player rows at once (no signup per player), like an imported user base. */
async function bulkUsers(db: Db, tag: string, n: number): Promise<number[]> {
  const ids: number[] = [];
  for (let from = 0; from < n; from += 2000) {
    const rows = await db
      .insert(users)
      .values(
        Array.from({ length: Math.min(2000, n - from) }, (_, i) => ({
          siteId: `${tag}_${from + i}`,
          nickname: `${tag} ${from + i}`,
          passwordHash: '!no-login',
        })),
      )
      .returning({ id: users.id });
    ids.push(...rows.map((r) => r.id));
  }
  return ids;
}

/** A second server instance: its own Redis connections and bus, the same database. */
function otherInstance(): { deps: Deps; close(): Promise<void> } {
  const kv = process.env.REDIS_URL ? createRedisKv(process.env.REDIS_URL, env.kv.prefix) : env.kv;
  return {
    deps: { ...env.deps, kv, bus: new EventBus(env.deps.db, kv, silentLogger) },
    close: async () => {
      if (kv !== env.kv) await kv.close();
    },
  };
}

const activeUsers = async () =>
  Number((await queryRows<{ n: string }>(env.deps.db, sql`SELECT count(*) AS n FROM users WHERE status = 'active'`))[0]?.n);

describe('admin.notifications.broadcast', () => {
  it('notifies 10,000 players once each, 1,000 per transaction, delivering every outbox event', async () => {
    const ids = await bulkUsers(env.deps.db, 'bc', 10_000);
    // A banned player is not broadcast to.
    const banned = ids[1234] as number;
    await editUser(env.deps, banned, { status: 'banned' });
    const expected = await activeUsers();
    expect(expected).toBeGreaterThanOrEqual(10_000);

    // Three players listen live, one at each end of the id range and one in the middle.
    const listeners = [ids[0], ids[5000], ids[9999]] as number[];
    const got = new Map<number, string[]>();
    const ac = new AbortController();
    for (const id of listeners) {
      void (async () => {
        for await (const ev of env.deps.bus.stream(id, { signal: ac.signal })) got.set(id, [...(got.get(id) ?? []), ev.type]);
      })();
    }
    await Promise.all(listeners.map((id) => env.deps.bus.whenStreams(id, 1)));

    const res = await admin.caller.admin.notifications.broadcast({ title: 'Server news', body: 'Double gold weekend!' });
    expect(res.recipients).toBe(expected);
    const [counts] = await queryRows<{ rows: string; users: string; txs: string; banned: string }>(
      env.deps.db,
      sql`SELECT count(*) AS rows, count(DISTINCT user_id) AS users, count(DISTINCT xmin::text) AS txs,
            count(*) FILTER (WHERE user_id = ${banned}) AS banned
          FROM notifications WHERE job_id = ${res.jobId}::uuid`,
    );
    expect(Number(counts?.rows)).toBe(expected);
    expect(Number(counts?.users)).toBe(expected);
    expect(Number(counts?.banned)).toBe(0);
    // One transaction per batch of 1,000, never one giant transaction.
    expect(Number(counts?.txs)).toBe(Math.ceil(expected / 1000));
    // Every event left the outbox: delivered after each batch committed, or — when a Redis call
    // timed out under load — by the relay every instance runs (here one pass, by hand).
    if ((await env.deps.db.$count(outboxEvents)) > 0) await relayOnce(env.deps, { graceMs: 0 });
    expect(await env.deps.db.select().from(outboxEvents)).toEqual([]);
    await expect.poll(() => listeners.map((id) => got.get(id))).toEqual(listeners.map(() => ['ADMIN_BROADCAST']));
    ac.abort();
    const [job] = await env.deps.db.select().from(notificationJobs).where(eq(notificationJobs.id, res.jobId));
    expect(job).toMatchObject({ status: 'sent', recipients: expected, kind: 'broadcast' });
    const jobs = await admin.caller.admin.notifications.jobs({ status: 'sent', limit: 5 });
    expect(jobs.items[0]).toMatchObject({ id: res.jobId, recipients: expected, status: 'sent' });
  });
});

describe('admin.notifications.schedule', () => {
  it('is sent once at its time although three instances race to claim it', async () => {
    const p = await newPlayer(env.deps);
    const sendAt = new Date(clock.now().getTime() + 60 * 60 * 1000);
    const { jobId } = await admin.caller.admin.notifications.schedule({
      userId: p.user.id,
      title: 'Reminder',
      body: 'Your event starts',
      sendAt,
    });
    expect((await admin.caller.admin.notifications.jobs({ status: 'scheduled', limit: 50 })).items.map((j) => j.id)).toContain(jobId);
    // Not before its time.
    expect(await claimDueJob(env.deps)).toBeNull();
    expect(await runDueJobs(env.deps)).toBe(0);

    clock.set(sendAt);
    const others = [otherInstance(), otherInstance()];
    try {
      const ran = await Promise.all([env.deps, ...others.map((o) => o.deps)].map((d) => runDueJobs(d)));
      expect(ran.reduce((a, b) => a + b, 0)).toBe(1);
    } finally {
      await Promise.all(others.map((o) => o.close()));
    }
    const rows = await env.deps.db.select().from(notifications).where(eq(notifications.userId, p.user.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: 'ADMIN_NOTIFICATION', title: 'Reminder', jobId });
    const [job] = await env.deps.db.select().from(notificationJobs).where(eq(notificationJobs.id, jobId));
    expect(job).toMatchObject({ status: 'sent', recipients: 1, attempts: 1 });
    // Nothing is left to run, now or later.
    clock.advance(10 * 60 * 1000);
    expect(await runDueJobs(env.deps)).toBe(0);
  });

  it('a broadcast whose process died after its first batch is finished by another instance, each player once', async () => {
    await bulkUsers(env.deps.db, 'tk', 30);
    const small = { ...env.deps, config: { ...env.deps.config, live: { ...env.deps.config.live, broadcastBatch: 700 } } };
    const sendAt = new Date(clock.now().getTime() + 1000);
    const { jobId } = await callerFor(small, admin.accessToken).admin.notifications.schedule({
      title: 'Maintenance',
      body: 'Tonight',
      sendAt,
    });
    clock.set(sendAt);
    // The dying instance claims it and commits one batch, then is gone.
    expect(await claimDueJob(small)).toBe(jobId);
    expect(await runJobBatch(small, jobId)).toBe(true);
    // While its lock holds, nobody else takes the job.
    expect(await claimDueJob(small)).toBeNull();
    clock.advance(61_000);
    expect(await runDueJobs(small)).toBe(1);
    const expected = await activeUsers();
    const [counts] = await queryRows<{ rows: string; users: string }>(
      env.deps.db,
      sql`SELECT count(*) AS rows, count(DISTINCT user_id) AS users FROM notifications WHERE job_id = ${jobId}::uuid`,
    );
    expect({ rows: Number(counts?.rows), users: Number(counts?.users) }).toEqual({ rows: expected, users: expected });
    const [job] = await env.deps.db.select().from(notificationJobs).where(eq(notificationJobs.id, jobId));
    expect(job).toMatchObject({ status: 'sent', recipients: expected, attempts: 2 });
  });

  it('two workers running the same job at once still notify each player once', async () => {
    const small = { ...env.deps, config: { ...env.deps.config, live: { ...env.deps.config.live, broadcastBatch: 400 } } };
    const sendAt = new Date(clock.now().getTime() + 1000);
    const { jobId } = await callerFor(small, admin.accessToken).admin.notifications.schedule({ title: 'Race', body: 'b', sendAt });
    clock.set(sendAt);
    expect(await claimDueJob(small)).toBe(jobId);
    const run = async () => {
      while (await runJobBatch(small, jobId)) {}
    };
    await Promise.all([run(), run(), run()]);
    const [counts] = await queryRows<{ rows: string; users: string }>(
      env.deps.db,
      sql`SELECT count(*) AS rows, count(DISTINCT user_id) AS users FROM notifications WHERE job_id = ${jobId}::uuid`,
    );
    expect(Number(counts?.rows)).toBe(await activeUsers());
    expect(Number(counts?.users)).toBe(Number(counts?.rows));
  });

  it('a cancelled job never runs; cancelling twice or an unknown job is refused', async () => {
    const p = await newPlayer(env.deps);
    const sendAt = new Date(clock.now().getTime() + 5 * 60 * 1000);
    const { jobId } = await admin.caller.admin.notifications.schedule({ userId: p.user.id, title: 'Never', body: 'b', sendAt });
    expect(await admin.caller.admin.notifications.cancel({ jobId })).toEqual({ jobId, status: 'cancelled', recipients: 0 });
    clock.set(new Date(sendAt.getTime() + 1));
    expect(await runDueJobs(env.deps)).toBe(0);
    expect(await env.deps.db.select().from(notifications).where(eq(notifications.userId, p.user.id))).toEqual([]);
    await admin.caller.admin.notifications.cancel({ jobId }).then(
      () => expect.unreachable(),
      (e) => expectRefused(e, 'notification_job_not_cancellable'),
    );
    await admin.caller.admin.notifications.cancel({ jobId: '00000000-0000-4000-8000-000000000000' }).then(
      () => expect.unreachable(),
      (e) => expectRefused(e, 'notification_job_not_found'),
    );
    const listed = await admin.caller.admin.notifications.jobs({ status: 'cancelled', limit: 50 });
    expect(listed.items.find((j) => j.id === jobId)).toMatchObject({ status: 'cancelled', cancelledAt: expect.any(Date) });
  });

  it('refuses a time in the past or more than a year ahead, and an unknown recipient', async () => {
    const now = clock.now().getTime();
    for (const sendAt of [new Date(now - 1000), new Date(now), new Date(now + 400 * 24 * 60 * 60 * 1000)]) {
      await admin.caller.admin.notifications.schedule({ title: 't', body: 'b', sendAt }).then(
        () => expect.unreachable(),
        (e) => expectRefused(e, 'send_at_invalid'),
      );
    }
    await admin.caller.admin.notifications.schedule({ userId: 2_000_000_000, title: 't', body: 'b', sendAt: new Date(now + 60_000) }).then(
      () => expect.unreachable(),
      (e) => expectRefused(e, 'user_not_found'),
    );
  });
});

describe('access', () => {
  it('players and anonymous callers cannot send, broadcast, schedule, cancel or list', async () => {
    const p = await newPlayer(env.deps);
    const calls = (c: typeof p.caller) => [
      () => c.admin.notifications.send({ userId: p.user.id, title: 't', body: 'b' }),
      () => c.admin.notifications.broadcast({ title: 't', body: 'b' }),
      () => c.admin.notifications.schedule({ title: 't', body: 'b', sendAt: new Date(clock.now().getTime() + 60_000) }),
      () => c.admin.notifications.cancel({ jobId: '00000000-0000-4000-8000-000000000000' }),
      () => c.admin.notifications.jobs(),
    ];
    for (const call of calls(p.caller))
      await call().then(
        () => expect.unreachable(),
        (e) => expectRefused(e, 'admin_required'),
      );
    for (const call of calls(callerFor(env.deps))) await expect(call()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    expect(await env.deps.db.select().from(notifications).where(eq(notifications.userId, p.user.id))).toEqual([]);
  });
});
