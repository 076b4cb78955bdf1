import { reconciliationRuns, users, walletLedger } from '@casino/db';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { economyFlows } from '../../services/economy/reports';
import { getAdminStats } from '../../services/live/stats';
import { createTestEnv, newAdmin, newPlayer, type TestEnv } from '../../test/harness';

let env: TestEnv;
let admin: Awaited<ReturnType<typeof newAdmin>>;
beforeAll(async () => {
  env = await createTestEnv();
  admin = await newAdmin(env.deps);
});
afterAll(() => env.close());

const DAY = 86_400_000;
const reasonOf = (p: Promise<unknown>) =>
  p.then(
    () => 'resolved',
    (e) => `${e.code}:${e.cause?.reason ?? ''}`,
  );

describe('admin.economy reconciliation history', () => {
  it('records each run with who ran it, the count and the violations; the alert scan records scheduled runs', async () => {
    const p = await newPlayer(env.deps);
    const clean = await admin.caller.admin.economy.runReconcile();
    expect(clean).toMatchObject({ trigger: 'manual', adminId: admin.user.id, violationCount: 0, violations: [] });
    expect(clean.checkedUsers).toBeGreaterThanOrEqual(2);

    await env.deps.db
      .update(users)
      .set({ gems: sql`${users.gems} + 7` })
      .where(eq(users.id, p.user.id));
    const bad = await admin.caller.admin.economy.runReconcile();
    expect(bad.violations).toEqual([{ userId: p.user.id, currency: 'gems', balance: 7, ledgerSum: 0 }]);
    expect(bad.violationCount).toBe(1);

    // The periodic scan (behind admin stats' criticalAlerts) records its run too.
    const stats = await getAdminStats(env.deps, 'UTC');
    expect(stats.criticalAlerts).toBeGreaterThanOrEqual(1);
    await env.deps.db.update(users).set({ gems: 0 }).where(eq(users.id, p.user.id));

    const page1 = await admin.caller.admin.economy.reconcileHistory({ limit: 2 });
    expect(page1.items.map((r) => r.trigger)).toEqual(['scheduled', 'manual']);
    expect(page1.items[0]?.violationCount).toBe(1);
    expect(page1.items[1]?.id).toBe(bad.id);
    const page2 = await admin.caller.admin.economy.reconcileHistory({ limit: 2, cursor: page1.nextCursor ?? undefined });
    expect(page2.items.map((r) => r.id)).toEqual([clean.id]);
    expect(page2.nextCursor).toBeNull();
  });

  it('keeps the first 100 violations of a run and counts them all', async () => {
    const players = await Promise.all(Array.from({ length: 3 }, () => newPlayer(env.deps)));
    await env.deps.db.update(users).set({ gold: sql`${users.gold} + 1` });
    const run = await admin.caller.admin.economy.runReconcile();
    expect(run.violationCount).toBe(run.checkedUsers);
    expect(run.violations.length).toBe(Math.min(100, run.checkedUsers));
    expect(run.violations.map((v) => v.userId)).toEqual(expect.arrayContaining(players.map((p) => p.user.id)));
    await env.deps.db.update(users).set({ gold: sql`${users.gold} - 1` });
    expect((await admin.caller.admin.economy.runReconcile()).violationCount).toBe(0);
    expect(await env.deps.db.$count(reconciliationRuns)).toBeGreaterThanOrEqual(5);
  });
});

describe('admin.economy reports', () => {
  it('sums credits and debits per local day and reason, with the supply held by players', async () => {
    const p = await newPlayer(env.deps);
    await admin.caller.admin.users.adjustBalance({ userId: p.user.id, currency: 'gold', delta: 5000, reason: 'tournament prize' });
    await admin.caller.admin.users.adjustBalance({ userId: p.user.id, currency: 'gold', delta: -300, reason: 'chargeback' });
    await admin.caller.admin.users.adjustBalance({ userId: p.user.id, currency: 'gems', delta: 40, reason: 'apology' });

    const flows = await admin.caller.admin.economy.flows({ timeZone: 'UTC', days: 3 });
    expect(flows.days).toHaveLength(3);
    const row = (f: typeof flows, day: string | undefined, currency: string, reason: string) =>
      f.rows.find((r) => r.day === day && r.currency === currency && r.reason === reason);
    const today = flows.days[2];
    expect(row(flows, today, 'gold', 'admin_grant')).toMatchObject({ credits: 5000, debits: 0, entries: 1 });
    expect(row(flows, today, 'gold', 'admin_deduct')).toMatchObject({ credits: 0, debits: 300, entries: 1 });
    expect(row(flows, today, 'gems', 'admin_grant')).toMatchObject({ credits: 40, debits: 0, entries: 1 });
    expect(flows.rows.every((r) => flows.days.includes(r.day))).toBe(true);

    // Seen from tomorrow the same entries are yesterday's, and nothing is today's.
    const tomorrow = { ...env.deps, clock: { now: () => new Date(Date.now() + DAY) } };
    const later = await economyFlows(tomorrow, 'UTC', 3);
    expect(later.days[1]).toBe(today);
    expect(row(later, today, 'gold', 'admin_grant')).toMatchObject({ credits: 5000, entries: 1 });
    expect(later.rows.filter((r) => r.day === later.days[2])).toEqual([]);
    const [held] = await env.deps.db.select({ gold: sql<string>`sum(gold)`, gems: sql<string>`sum(gems)` }).from(users);
    expect(flows.supply).toEqual({ gold: Number(held?.gold), gems: Number(held?.gems) });
    // Every credit minus debit over all days adds up to what the ledger moved in that window.
    const [moved] = await env.deps.db
      .select({ net: sql<string>`sum(delta)` })
      .from(walletLedger)
      .where(
        sql`${walletLedger.currency} = 'gold' AND ${walletLedger.createdAt} >= ${new Date(flows.days[0] ?? '').toISOString()}::timestamptz`,
      );
    const net = flows.rows.filter((r) => r.currency === 'gold').reduce((s, r) => s + r.credits - r.debits, 0);
    expect(net).toBe(Number(moved?.net));
  });

  it('buckets by the local day of the given time zone and refuses an unknown zone', async () => {
    const flows = await admin.caller.admin.economy.flows({ timeZone: 'Asia/Seoul', days: 1 });
    expect(flows.timeZone).toBe('Asia/Seoul');
    expect(flows.days).toEqual([new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Seoul' }).format(new Date())]);
    expect(await reasonOf(admin.caller.admin.economy.flows({ timeZone: 'Mars/Olympus', days: 1 }))).toBe('BAD_REQUEST:time_zone_invalid');
    expect(await reasonOf(admin.caller.admin.economy.flows({ timeZone: 'UTC', days: 91 }))).toMatch(/^BAD_REQUEST/);
  });

  it('lists the top balances and the large movements, paged', async () => {
    const rich = await newPlayer(env.deps);
    await admin.caller.admin.users.adjustBalance({ userId: rich.user.id, currency: 'gold', delta: 900_000, reason: 'whale test' });
    await admin.caller.admin.users.adjustBalance({ userId: rich.user.id, currency: 'gold', delta: -250_000, reason: 'whale test' });
    await admin.caller.admin.users.adjustBalance({ userId: rich.user.id, currency: 'gold', delta: 20, reason: 'small' });

    const top = await admin.caller.admin.economy.topBalances({ currency: 'gold', limit: 3 });
    expect(top[0]).toMatchObject({ userId: rich.user.id, balance: 651_020, siteId: rich.siteId });
    expect(top.map((t) => t.balance)).toEqual([...top.map((t) => t.balance)].sort((a, b) => b - a));

    const page1 = await admin.caller.admin.economy.largeMovements({ minAmount: 100_000, currency: 'gold', limit: 1 });
    expect(page1.items[0]).toMatchObject({ userId: rich.user.id, delta: -250_000, reason: 'admin_deduct', balanceAfter: 651_000 });
    const page2 = await admin.caller.admin.economy.largeMovements({
      minAmount: 100_000,
      currency: 'gold',
      limit: 1,
      cursor: page1.nextCursor ?? undefined,
    });
    expect(page2.items[0]).toMatchObject({ delta: 900_000, reason: 'admin_grant' });
    const none = await admin.caller.admin.economy.largeMovements({ minAmount: 100_000, from: new Date(Date.now() + DAY) });
    expect(none.items).toEqual([]);
    expect(await reasonOf(admin.caller.admin.economy.largeMovements({ minAmount: 0 }))).toMatch(/^BAD_REQUEST/);
  });

  it('is for admins only', async () => {
    const p = await newPlayer(env.deps);
    expect(await reasonOf(p.caller.admin.economy.flows())).toBe('FORBIDDEN:admin_required');
    expect(await reasonOf(p.caller.admin.economy.runReconcile())).toBe('FORBIDDEN:admin_required');
  });
});
