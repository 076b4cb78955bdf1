/**
 * Admin stats: the figures (users, presence, revenue with today's in a time zone, pending
 * actions and critical alerts from each alert source), the charts, and the onStats stream
 * carrying stats, alerts and transactions — announced once, resumable on another instance,
 * ended when its admin loses the role.
 */
import { fraudDecisions, purchases, users, webhookEvents } from '@casino/db';
import type { TAdminStatsEvent } from '@casino/shared';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInnerContext } from '../../context';
import type { Deps } from '../../deps';
import { manualClock } from '../../infra/clock';
import { createRedisKv } from '../../infra/kv-redis';
import { silentLogger } from '../../infra/logger';
import { EventBus } from '../../realtime/bus';
import { createCaller } from '../../root';
import { scanAdminFeed } from '../../services/live/admin-feed';
import { callerFor, createTestEnv, editUser, newAdmin, newPlayer, type TestEnv } from '../../test/harness';
import { expectRefused } from '../../test/reference';

const clock = manualClock('2026-07-09T09:00:00Z');
let env: TestEnv;
let admin: Awaited<ReturnType<typeof newAdmin>>;
const live = { bigWinThresholdGold: 15, largePurchaseCents: 3000, broadcastBatch: 1000, statsPeriodMs: 200 };
beforeAll(async () => {
  env = await createTestEnv({ clock, config: { live, jwtExpireMinutes: 7 * 24 * 60 } });
  admin = await newAdmin(env.deps);
  await admin.caller.admin.shop.products.create({
    sku: 'cash-pack',
    name: 'Cash pack',
    kind: 'gold_pack',
    price: { currency: 'cash', amount: 1999 },
    grants: { gold: 100 },
  });
  await admin.caller.admin.shop.products.create({
    sku: 'gold-item',
    name: 'Gold item',
    kind: 'item',
    price: { currency: 'gold', amount: 10 },
    grants: { items: [{ itemId: 'hat', quantity: 1 }] },
  });
});
afterAll(() => env.close());

let key = 0;
const buy = (p: Awaited<ReturnType<typeof newPlayer>>, sku: string, quantity = 1) =>
  p.caller.economy.shop.buy({
    sku,
    quantity,
    idempotencyKey: `stats-test-${++key}`,
    ...(sku === 'cash-pack' ? { paymentToken: 'tok_visa' } : {}),
  });

/** Reads a subscription into `seen` until `done` says stop (then aborts it). */
async function readStream(
  deps: Deps,
  token: string,
  input: Record<string, unknown>,
  done: (seen: { id?: string; ev: TAdminStatsEvent }[]) => boolean,
) {
  const ac = new AbortController();
  const caller = createCaller(createInnerContext({ deps, accessToken: token }), { signal: ac.signal });
  const sub = await caller.admin.stats.onStats(input as never);
  const seen: { id?: string; ev: TAdminStatsEvent }[] = [];
  const finished = (async () => {
    try {
      for await (const item of sub as AsyncIterable<unknown>) {
        if (Array.isArray(item)) seen.push({ id: item[0] as string, ev: item[1] as TAdminStatsEvent });
        else seen.push({ ev: item as TAdminStatsEvent });
        if (done(seen)) ac.abort();
      }
      return null;
    } catch (err) {
      return err;
    }
  })();
  return { seen, finished, abort: () => ac.abort() };
}

describe('admin.stats.get', () => {
  it('sums completed cash purchases, today from midnight in the given time zone', async () => {
    const a = await newPlayer(env.deps);
    const b = await newPlayer(env.deps);
    clock.set('2026-07-09T10:00:00Z'); // Tokyo 19:00 Jul 9, New York 06:00 Jul 9
    await buy(a, 'cash-pack');
    clock.set('2026-07-09T20:00:00Z'); // Tokyo 05:00 Jul 10, New York 16:00 Jul 9
    await buy(b, 'cash-pack', 2);
    clock.set('2026-07-10T02:00:00Z'); // Tokyo 11:00 Jul 10, New York 22:00 Jul 9
    await buy(a, 'cash-pack');
    // Neither a refunded purchase nor one paid in gold is revenue.
    const refunded = await buy(b, 'cash-pack');
    await env.deps.db.update(purchases).set({ status: 'refunded' }).where(eq(purchases.id, refunded.purchaseId));
    await buy(a, 'gold-item');
    clock.set('2026-07-10T02:30:00Z');

    const today = async (timeZone: string) => (await admin.caller.admin.stats.get({ timeZone })).todayRevenue;
    expect(await today('UTC')).toBe(1999);
    expect(await today('Asia/Tokyo')).toBe(3 * 1999);
    expect(await today('America/New_York')).toBe(4 * 1999);
    const stats = await admin.caller.admin.stats.get();
    expect(stats).toMatchObject({ totalRevenue: 4 * 1999, todayRevenue: 1999, timeZone: 'UTC' });
    await admin.caller.admin.stats.get({ timeZone: 'Mars/Olympus_Mons' }).then(
      () => expect.unreachable(),
      (e) => expectRefused(e, 'time_zone_invalid'),
    );
  });

  it('counts users, players online and active, and each alert source; pending actions and critical alerts add up', async () => {
    const p = await newPlayer(env.deps);
    await p.caller.auth.me();
    const [u] = await env.deps.db.select({ n: sql<number>`count(*)::int` }).from(users).where(sql`status <> 'deleted'`);
    // One problem for each alert source, made directly in the tables.
    await env.deps.db.insert(webhookEvents).values({
      id: 'evt_failed_1',
      type: 'payment.captured',
      keyId: 'dev',
      payload: {},
      status: 'FAILED',
      attempts: 6,
      lastError: 'no such purchase',
    });
    await env.deps.db
      .insert(fraudDecisions)
      .values({ userId: p.user.id, sku: 'cash-pack', action: 'review', score: 60, features: {}, matchedRules: [], reviewStatus: 'open' });
    await env.deps.db.execute(sql`UPDATE users SET gold = gold + 7 WHERE id = ${p.user.id}`); // a balance the ledger does not explain
    const crash = await p.caller.games.crash.bet({ bet: 10, autoCashout: 1.2 }); // pays at most 12: no big win
    clock.advance(5 * 60 * 1000); // nobody settled it: long overdue

    await expect
      .poll(
        async () => {
          const s = await admin.caller.admin.stats.get();
          return { ...s, generatedAt: null, alerts: Object.fromEntries(s.alerts.map((x) => [x.source, x.count])) };
        },
        { timeout: 10_000 },
      )
      .toMatchObject({
        totalUsers: u?.n,
        criticalAlerts: 3,
        pendingActions: 2,
        alerts: { webhook_failed: 1, reconcile_violation: 1, crash_backlog: 1, fraud_review: 1, outbox_backlog: 0 },
      });
    const s = await admin.caller.admin.stats.get();
    // `p` was seen 5 minutes ago (not online now), the admin just now; both were active today.
    expect(s.onlineUsers).toBeGreaterThanOrEqual(1);
    expect(s.activeUsers).toBeGreaterThanOrEqual(s.onlineUsers + 1);

    // The feed announces each problem once, however often it scans.
    await scanAdminFeed(env.deps);
    await scanAdminFeed(env.deps);
    const feed = await readStream(env.deps, admin.accessToken, {}, (seen) => seen.filter((x) => x.ev.type === 'alert').length >= 4);
    expect(await feed.finished).toBeNull();
    const alerts = feed.seen.flatMap((x) => (x.ev.type === 'alert' ? [x.ev.data.id] : []));
    expect(alerts.map((id) => id.split(':')[0]).sort()).toEqual(['crash_backlog', 'fraud_review', 'reconcile_violation', 'webhook_failed']);
    expect(alerts).toContain(`crash_backlog:${crash.gameId}`);
    expect(alerts).toContain('webhook_failed:evt_failed_1');
    expect(alerts).toContain(`reconcile_violation:${p.user.id}:gold`);

    // Repaired: the counts go back down.
    await env.deps.db.execute(sql`UPDATE users SET gold = gold - 7 WHERE id = ${p.user.id}`);
    await env.deps.db.update(webhookEvents).set({ status: 'REPLAYED' }).where(eq(webhookEvents.id, 'evt_failed_1'));
    await env.deps.db.update(fraudDecisions).set({ reviewStatus: 'approved' }).where(eq(fraudDecisions.userId, p.user.id));
    await p.caller.games.crash.cashout({ gameId: crash.gameId }).catch(() => {});
    const { crashSettler } = await import('../../services/games/crash/worker');
    await crashSettler(env.deps).sweep();
    await expect.poll(async () => (await admin.caller.admin.stats.get()).criticalAlerts, { timeout: 10_000 }).toBe(0);
  });
});

describe('admin.stats.onStats', () => {
  it('carries stats every tick and big wins and large purchases once, resuming after the last one on another instance', async () => {
    const p = await newPlayer(env.deps);
    const first = await readStream(env.deps, admin.accessToken, { intervalSec: 2 }, (seen) =>
      seen.some((x) => x.ev.type === 'transaction'),
    );
    // Stats come at once (alongside the feed's recent entries).
    await expect.poll(() => first.seen.some((x) => x.ev.type === 'stats')).toBe(true);
    const wins: { roundId: string; payout: number }[] = [];
    while (!wins.some((w) => w.payout >= 15)) wins.push(await p.caller.games.slot.spin({ bet: 10 }));
    await scanAdminFeed(env.deps);
    expect(await first.finished).toBeNull();
    const big = wins.filter((w) => w.payout >= 15);
    const firstTx = first.seen.find((x) => x.ev.type === 'transaction');
    expect(firstTx?.ev).toMatchObject({ type: 'transaction', data: { kind: 'big_win', id: big[0]?.roundId, userId: p.user.id } });

    // More happens while nobody is connected; a reconnect to another instance gets exactly that.
    await buy(p, 'cash-pack', 2); // 3998 cents ≥ 3000: large
    await scanAdminFeed(env.deps);
    await scanAdminFeed(env.deps);
    const otherKv = process.env.REDIS_URL ? createRedisKv(process.env.REDIS_URL, env.kv.prefix) : env.kv;
    const other = { ...env.deps, kv: otherKv, bus: new EventBus(env.deps.db, otherKv, silentLogger) };
    try {
      const lastSeen = first.seen.filter((x) => x.id).at(-1)?.id ?? null;
      const resumed = await readStream(other, admin.accessToken, { lastEventId: lastSeen }, (seen) =>
        seen.some((x) => x.ev.type === 'transaction' && x.ev.data.kind === 'purchase'),
      );
      expect(await resumed.finished).toBeNull();
      const txs = resumed.seen.filter((x) => x.ev.type === 'transaction').map((x) => (x.ev.type === 'transaction' ? x.ev.data : null));
      const wantedWins = big.slice(1).map((w) => w.roundId);
      expect(txs.filter((t) => t?.kind === 'big_win').map((t) => t?.id)).toEqual(wantedWins);
      expect(txs.filter((t) => t?.kind === 'purchase')).toEqual([
        expect.objectContaining({ amount: 3998, currency: 'cash', sku: 'cash-pack' }),
      ]);
    } finally {
      if (otherKv !== env.kv) await otherKv.close();
    }
  });

  it('ends within a tick when its admin is demoted; players and bad input are refused before streaming', async () => {
    const other = await newAdmin(env.deps);
    const stream = await readStream(env.deps, other.accessToken, { intervalSec: 2 }, () => false);
    await expect.poll(() => stream.seen.length).toBeGreaterThan(0);
    await editUser(env.deps, other.user.id, { role: 'user' });
    const err = await stream.finished;
    expectRefused(err, 'admin_required');

    const p = await newPlayer(env.deps);
    await p.caller.admin.stats.onStats().then(
      () => expect.unreachable(),
      (e) => expectRefused(e, 'admin_required'),
    );
    await admin.caller.admin.stats.onStats({ timeZone: 'Nowhere/Land' }).then(
      () => expect.unreachable(),
      (e) => expectRefused(e, 'time_zone_invalid'),
    );
    for (const intervalSec of [1, 31])
      await expect(admin.caller.admin.stats.onStats({ intervalSec })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(callerFor(env.deps).admin.stats.get()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });
});

describe('admin.stats.charts', () => {
  it('plots rounds per minute over the last hour and revenue per local day', async () => {
    clock.set('2026-07-12T12:00:30Z');
    const p = await newPlayer(env.deps);
    for (let i = 0; i < 3; i++) await p.caller.games.slot.spin({ bet: 10 });
    clock.set('2026-07-12T12:05:10Z');
    for (let i = 0; i < 2; i++) await p.caller.games.slot.spin({ bet: 10 });
    await buy(p, 'cash-pack');
    const c = await admin.caller.admin.stats.charts({ timeZone: 'Asia/Tokyo', days: 5 });
    expect(c.spinsPerMinute).toHaveLength(60);
    expect(c.spinsPerMinute.at(-1)).toEqual({ at: new Date('2026-07-12T12:05:00Z'), count: 2 });
    expect(c.spinsPerMinute.find((m) => m.at.getTime() === Date.parse('2026-07-12T12:00:00Z'))?.count).toBe(3);
    expect(c.spinsPerMinute.reduce((n, m) => n + m.count, 0)).toBe(5);
    // Tokyo days, oldest first: Jul 8 … Jul 12 (it is 21:05 on Jul 12 there).
    expect(c.revenueByDay.map((d) => d.day)).toEqual(['2026-07-08', '2026-07-09', '2026-07-10', '2026-07-11', '2026-07-12']);
    expect(c.revenueByDay.map((d) => d.cents)).toEqual([0, 1999, 3 * 1999 + 2 * 1999, 0, 1999]);
  });
});
