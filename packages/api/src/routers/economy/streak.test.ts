/** Daily streak (SPEC §4) on an injected clock: UTC day edges, protections, races, a lost Redis, the repair routine. */
import { rewards, streakTicks } from '@casino/db';
import { streakReward } from '@casino/shared';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../deps';
import { manualClock } from '../../infra/clock';
import { pendingMember, STREAK_PENDING, streakLockKey } from '../../services/progression/streak';
import { repairStreakLocks } from '../../services/progression/streak-repair';
import { grantReward } from '../../services/rewards/rewards';
import { createTestEnv, newAdmin, newPlayer, type TestEnv } from '../../test/harness';
import { eventsOfType, expectLedgerConsistent } from '../../test/progression';

const clock = manualClock('2026-03-02T12:00:00Z'); // a Monday
let env: TestEnv;
let admin: Awaited<ReturnType<typeof newAdmin>>;
beforeAll(async () => {
  // Days pass in these tests: the players' access tokens outlive them. Each test moves the clock forward only.
  env = await createTestEnv({ clock, config: { jwtExpireMinutes: 60 * 24 * 90 } });
  admin = await newAdmin(env.deps);
});
afterAll(() => env.close());

const day = (d: string, time = '12:00:00') => clock.set(`${d}T${time}Z`);
const giveProtections = (userId: number, quantity: number, key: string) =>
  inTransaction(env.deps, (tx, outbox) =>
    grantReward(
      tx,
      outbox,
      { config: env.deps.config, at: clock.now() },
      {
        userId,
        idempotencyKey: key,
        source: 'test_gift',
        items: [{ itemId: 'streak_protection', quantity }],
      },
    ),
  );

describe('economy.streak', () => {
  it('a claim at 23:59:59 and the next at 00:00:01 UTC count exactly +1, each paying the formula once', async () => {
    const p = await newPlayer(env.deps);
    day('2026-03-02', '23:59:59');
    const first = await p.caller.economy.streak.claim();
    expect(first).toMatchObject({ streak: 1, idempotent: false, ...streakReward(1) });
    day('2026-03-03', '00:00:01');
    const second = await p.caller.economy.streak.claim({ action: 'DAILY_LOGIN' });
    expect(second).toMatchObject({ streak: 2, idempotent: false, ...streakReward(2) });
    expect(second.claimId).not.toBe(first.claimId);
    day('2026-03-03', '23:59:59');
    expect(await p.caller.economy.streak.claim()).toMatchObject({ streak: 2, idempotent: true, claimId: second.claimId });
    const me = await p.caller.auth.me();
    expect(me.gold).toBe(1000 + streakReward(1).gold + streakReward(2).gold);
    expect(me.experience).toBe(streakReward(1).xp + streakReward(2).xp);
    const ledger = await p.caller.economy.wallet.history({ limit: 10, reason: 'streak_claim' });
    expect(ledger.items.map((l) => l.delta)).toEqual([streakReward(2).gold, streakReward(1).gold]);
    const keys = await env.deps.db.select({ key: rewards.idempotencyKey }).from(rewards).where(eq(rewards.userId, p.user.id));
    expect(keys.map((k) => k.key).sort()).toEqual([
      `streak:${p.user.id}:DAILY_LOGIN:2026-03-02`,
      `streak:${p.user.id}:DAILY_LOGIN:2026-03-03`,
    ]);
    expect((await eventsOfType(env.kv, p.user.id, 'reward')).map((e) => e.data.source)).toEqual(['streak_claim', 'streak_claim']);
    await expectLedgerConsistent(admin);
  });

  it('a missed day consumes a protection (recorded) and keeps the streak; without one it starts over at 1', async () => {
    const kept = await newPlayer(env.deps);
    const lost = await newPlayer(env.deps);
    for (const p of [kept, lost]) {
      day('2026-03-04');
      await p.caller.economy.streak.claim();
      day('2026-03-05');
      await p.caller.economy.streak.claim();
    }
    await giveProtections(kept.user.id, 1, 'gift-1');
    // 2026-03-06 missed by both.
    day('2026-03-07');
    expect(await kept.caller.economy.streak.status()).toMatchObject({
      count: 2,
      protections: 1,
      todayStreak: 3,
      broken: false,
      today: streakReward(3),
    });
    expect(await lost.caller.economy.streak.status()).toMatchObject({
      count: 2,
      protections: 0,
      todayStreak: 1,
      broken: true,
      today: streakReward(1),
    });
    expect(await kept.caller.economy.streak.claim()).toMatchObject({ streak: 3, ...streakReward(3) });
    expect(await lost.caller.economy.streak.claim()).toMatchObject({ streak: 1, ...streakReward(1) });
    expect(await kept.caller.economy.streak.status()).toMatchObject({ count: 3, protections: 0, claimedToday: true });
    const [tick] = await env.deps.db
      .select()
      .from(streakTicks)
      .where(and(eq(streakTicks.userId, kept.user.id), eq(streakTicks.day, '2026-03-07')));
    expect(tick).toMatchObject({ count: 3, missedDays: 1, protectionsUsed: 1 });
    // Two missed days with one protection: the streak starts over and the protection is kept.
    await giveProtections(kept.user.id, 1, 'gift-2');
    day('2026-03-10');
    expect(await kept.caller.economy.streak.tick()).toMatchObject({ count: 1, ticked: true, missedDays: 2, protectionsUsed: 0 });
    expect((await kept.caller.economy.streak.status()).protections).toBe(1);
  });

  it('100 concurrent claims credit once', async () => {
    day('2026-03-11');
    const p = await newPlayer(env.deps);
    const results = await Promise.all(Array.from({ length: 100 }, () => p.caller.economy.streak.claim()));
    expect(results.filter((r) => !r.idempotent)).toHaveLength(1);
    expect(new Set(results.map((r) => r.claimId)).size).toBe(1);
    expect((await p.caller.economy.wallet.balance()).gold).toBe(1000 + streakReward(1).gold);
    expect(await env.deps.db.select().from(rewards).where(eq(rewards.userId, p.user.id))).toHaveLength(1);
    expect(await env.deps.db.select().from(streakTicks).where(eq(streakTicks.userId, p.user.id))).toHaveLength(1);
    await expectLedgerConsistent(admin);
  });

  it('50 concurrent ticks make one tick and pay nothing', async () => {
    day('2026-03-12');
    const p = await newPlayer(env.deps);
    const results = await Promise.all(Array.from({ length: 50 }, () => p.caller.economy.streak.tick()));
    expect(results.filter((r) => r.ticked)).toHaveLength(1);
    expect(results.every((r) => r.count === 1)).toBe(true);
    expect((await p.caller.economy.wallet.balance()).gold).toBe(1000);
    // A claim the same day pays once for the ticked day.
    expect(await p.caller.economy.streak.claim()).toMatchObject({ streak: 1, idempotent: false });
  });

  it('with Redis flushed between two same-day claims, the database refuses the second', async () => {
    day('2026-03-13', '08:00:00');
    const p = await newPlayer(env.deps);
    const first = await p.caller.economy.streak.claim();
    expect(await env.kv.get(streakLockKey({ userId: p.user.id, action: 'DAILY_LOGIN', day: '2026-03-13' }))).not.toBeNull();
    await env.kv.flush();
    expect(await env.kv.get(streakLockKey({ userId: p.user.id, action: 'DAILY_LOGIN', day: '2026-03-13' }))).toBeNull();
    day('2026-03-13', '20:00:00');
    const second = await p.caller.economy.streak.claim();
    expect(second).toMatchObject({ idempotent: true, claimId: first.claimId, streak: 1, gold: first.gold });
    await env.kv.flush();
    expect(await p.caller.economy.streak.tick()).toMatchObject({ ticked: false, count: 1 });
    expect((await p.caller.economy.wallet.balance()).gold).toBe(1000 + first.gold);
  });

  it('a lock held with no tick behind it does not block the day: the claim goes to the database', async () => {
    day('2026-03-14');
    const p = await newPlayer(env.deps);
    const k = { userId: p.user.id, action: 'DAILY_LOGIN' as const, day: '2026-03-14' };
    await env.kv.set(streakLockKey(k), JSON.stringify({ at: clock.now().toISOString(), claim: true }), { nx: true, ttlMs: 86_400_000 });
    expect(await p.caller.economy.streak.claim()).toMatchObject({ streak: 1, idempotent: false });
  });

  it('the repair routine gives a stale lock the tick and claim it was taken for, and releases one a later day overtook', async () => {
    day('2026-03-16', '09:00:00');
    const p = await newPlayer(env.deps);
    const q = await newPlayer(env.deps);
    // As if claim() took the lock and the process died before its transaction committed.
    const k = { userId: p.user.id, action: 'DAILY_LOGIN' as const, day: '2026-03-16' };
    await env.kv.set(streakLockKey(k), JSON.stringify({ at: clock.now().toISOString(), claim: true }), { nx: true, ttlMs: 2 * 86_400_000 });
    await env.kv.zadd(STREAK_PENDING, clock.now().getTime(), pendingMember(k));
    // q: a lock for 03-15 left behind, but q already ticked 03-16.
    const old = { userId: q.user.id, action: 'DAILY_LOGIN' as const, day: '2026-03-15' };
    await env.kv.set(streakLockKey(old), JSON.stringify({ at: '2026-03-15T23:59:00.000Z', claim: false }), { nx: true, ttlMs: 86_400_000 });
    await env.kv.zadd(STREAK_PENDING, Date.parse('2026-03-15T23:59:00Z'), pendingMember(old));
    await q.caller.economy.streak.tick();

    // p's lock is not stale yet: left alone (its holder may still be committing); q's old one is released.
    expect(await repairStreakLocks(env.deps)).toEqual({ checked: 1, repaired: 0, released: 1 });
    expect((await p.caller.economy.streak.status()).tickedToday).toBe(false);
    clock.advance(env.deps.config.progression.streak.staleLockMs + 1000);
    expect(await repairStreakLocks(env.deps)).toEqual({ checked: 1, repaired: 1, released: 0 });
    expect(await p.caller.economy.streak.status()).toMatchObject({ count: 1, tickedToday: true, claimedToday: true });
    expect((await p.caller.economy.wallet.balance()).gold).toBe(1000 + streakReward(1).gold);
    expect(await env.kv.get(streakLockKey(old))).toBeNull();
    expect(await env.kv.zrangeByScore(STREAK_PENDING, Number.MAX_SAFE_INTEGER, 10)).toEqual([]);
    // The player's own claim afterwards is the same claim.
    expect(await p.caller.economy.streak.claim()).toMatchObject({ idempotent: true });
    expect(await repairStreakLocks(env.deps)).toMatchObject({ checked: 0 });
    await expectLedgerConsistent(admin);
  });

  it("status previews today's and tomorrow's reward; history gives this week's 7 days and the month count", async () => {
    day('2026-03-23'); // Monday
    const p = await newPlayer(env.deps);
    expect(await p.caller.economy.streak.status()).toMatchObject({
      count: 0,
      lastTickAt: null,
      claimedToday: false,
      protections: 0,
      today: streakReward(1),
      tomorrow: streakReward(2),
    });
    await p.caller.economy.streak.claim();
    expect(await p.caller.economy.streak.status()).toMatchObject({
      count: 1,
      claimedToday: true,
      today: streakReward(1),
      tomorrow: streakReward(2),
    });
    day('2026-03-24');
    await p.caller.economy.streak.tick(); // ticked, not claimed
    expect(await p.caller.economy.streak.status()).toMatchObject({
      count: 2,
      tickedToday: true,
      claimedToday: false,
      today: streakReward(2),
    });
    day('2026-03-26', '23:59:59'); // Thursday; Wednesday missed
    await p.caller.economy.streak.claim();
    const h = await p.caller.economy.streak.history();
    expect(h.today).toBe('2026-03-26');
    expect(h.week.map((d) => [d.day, d.ticked, d.claimed, d.isToday])).toEqual([
      ['2026-03-23', true, true, false],
      ['2026-03-24', true, false, false],
      ['2026-03-25', false, false, false],
      ['2026-03-26', true, true, true],
      ['2026-03-27', false, false, false],
      ['2026-03-28', false, false, false],
      ['2026-03-29', false, false, false],
    ]);
    expect(h).toMatchObject({ month: '2026-03', monthCount: 3 });
    day('2026-04-01');
    expect(await p.caller.economy.streak.history()).toMatchObject({ month: '2026-04', monthCount: 0 });
  });
});
