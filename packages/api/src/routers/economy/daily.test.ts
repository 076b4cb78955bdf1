/** VIP daily points (once per UTC day, by rank) and the hourly refill (below the floor, once per period), raced. */
import { rewards } from '@casino/db';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../infra/clock';
import { callerFor, createTestEnv, editUser, newAdmin, newPlayer, type TestEnv } from '../../test/harness';
import { expectLedgerConsistent } from '../../test/progression';
import { expectRefused } from '../../test/reference';

const clock = manualClock('2026-05-04T10:00:00Z');
let env: TestEnv;
let admin: Awaited<ReturnType<typeof newAdmin>>;
beforeAll(async () => {
  env = await createTestEnv({ clock, config: { jwtExpireMinutes: 60 * 24 * 30 } });
  admin = await newAdmin(env.deps);
});
afterAll(() => env.close());

describe('economy.vip', () => {
  it('claims once per UTC day by rank, raced, with key vip:{userId}:{day}', async () => {
    const p = await newPlayer(env.deps);
    const points = env.deps.config.progression.vip.dailyPoints;
    expect(await p.caller.economy.vip.status()).toMatchObject({
      claimedToday: false,
      vipPoints: 0,
      lastClaimAt: null,
      points: points.STANDARD,
    });
    const results = await Promise.all(Array.from({ length: 30 }, () => p.caller.economy.vip.claim()));
    expect(results.filter((r) => !r.idempotent)).toHaveLength(1);
    expect(results.every((r) => r.points === points.STANDARD && r.vipPoints === points.STANDARD)).toBe(true);
    const status = await p.caller.economy.vip.status();
    expect(status).toMatchObject({ claimedToday: true, vipPoints: points.STANDARD });
    expect(status.lastClaimAt).toEqual(clock.now());
    const [row] = await env.deps.db
      .select()
      .from(rewards)
      .where(and(eq(rewards.userId, p.user.id), eq(rewards.source, 'vip_daily')));
    expect(row?.idempotencyKey).toBe(`vip:${p.user.id}:2026-05-04`);
    // The next UTC day, at a higher rank.
    await editUser(env.deps, p.user.id, { rank: 'VIP' });
    clock.set('2026-05-05T00:00:01Z');
    const vip = await newPlayerSession(p);
    expect(await vip.economy.vip.claim()).toMatchObject({ points: points.VIP, vipPoints: points.STANDARD + points.VIP, idempotent: false });
    expect(await vip.economy.vip.claim()).toMatchObject({ points: points.VIP, idempotent: true });
    expect((await vip.auth.me()).vipPoints).toBe(points.STANDARD + points.VIP);
  });

  it('answers vip_not_eligible when the rank earns no points, and changes nothing', async () => {
    const none = await createTestEnv({
      clock,
      config: { progression: { ...env.deps.config.progression, vip: { dailyPoints: { STANDARD: 0, PREMIUM: 5, VIP: 9 } } } },
    });
    try {
      const p = await newPlayer(none.deps);
      await p.caller.economy.vip.claim().then(
        () => expect.fail('claimed'),
        (e) => expectRefused(e, 'vip_not_eligible'),
      );
      expect((await p.caller.economy.vip.status()).claimedToday).toBe(false);
    } finally {
      await none.close();
    }
  });
});

/** The rank is read at login: a fresh session sees the new rank. */
async function newPlayerSession(p: Awaited<ReturnType<typeof newPlayer>>) {
  const login = await callerFor(env.deps).auth.login({ siteId: p.siteId, password: p.password });
  return callerFor(env.deps, login.accessToken);
}

describe('economy.bonus (hourly refill)', () => {
  const drain = async (userId: number, to: number) => {
    const { gold } = (await admin.caller.admin.users.get({ userId })).profile;
    await admin.caller.admin.users.adjustBalance({ userId, currency: 'gold', delta: to - gold, reason: 'test drain' });
  };

  it('is refused above the floor, pays the refill below it once per period, and counts down', async () => {
    clock.set('2026-05-06T10:00:00Z');
    const p = await newPlayer(env.deps);
    const cfg = env.deps.config.progression.hourlyBonus;
    expect(await p.caller.economy.bonus.status()).toMatchObject({
      available: false,
      nextAt: null,
      amount: cfg.amountGold,
      blockedBy: 'above_floor',
    });
    await p.caller.economy.bonus.claim().then(
      () => expect.fail('claimed above the floor'),
      (e) => expectRefused(e, 'bonus_not_eligible'),
    );
    await drain(p.user.id, cfg.floorGold - 1);
    expect(await p.caller.economy.bonus.status()).toMatchObject({ available: true, nextAt: null, gold: cfg.floorGold - 1 });
    const claim = await p.caller.economy.bonus.claim();
    expect(claim).toMatchObject({ gold: cfg.amountGold, balance: cfg.floorGold - 1 + cfg.amountGold, idempotent: false });
    expect(claim.nextAt).toEqual(new Date(clock.now().getTime() + cfg.periodMs));
    // Spent again within the hour: the claim answers the first one and pays nothing.
    await drain(p.user.id, 0);
    clock.advance(cfg.periodMs - 1000);
    // The countdown runs on the server's clock: it answers its own time beside nextAt.
    expect(await p.caller.economy.bonus.status()).toMatchObject({
      available: false,
      blockedBy: 'cooldown',
      nextAt: claim.nextAt,
      serverNow: clock.now(),
    });
    expect(await p.caller.economy.bonus.claim()).toMatchObject({ gold: cfg.amountGold, balance: 0, idempotent: true });
    clock.advance(1000);
    expect(await p.caller.economy.bonus.status()).toMatchObject({ available: true, nextAt: null });
    expect(await p.caller.economy.bonus.claim()).toMatchObject({ gold: cfg.amountGold, balance: cfg.amountGold, idempotent: false });
    const ledger = await p.caller.economy.wallet.history({ limit: 10, reason: 'hourly_bonus' });
    expect(ledger.items.map((l) => l.delta)).toEqual([cfg.amountGold, cfg.amountGold]);
    await expectLedgerConsistent(admin);
  });

  it('40 concurrent claims pay one refill', async () => {
    clock.set('2026-05-07T10:00:00Z');
    const p = await newPlayer(env.deps);
    await drain(p.user.id, 0);
    const results = await Promise.all(Array.from({ length: 40 }, () => p.caller.economy.bonus.claim()));
    expect(results.filter((r) => !r.idempotent)).toHaveLength(1);
    expect((await p.caller.economy.wallet.balance()).gold).toBe(env.deps.config.progression.hourlyBonus.amountGold);
    expect(await env.deps.db.select().from(rewards).where(eq(rewards.userId, p.user.id))).toHaveLength(1);
    await expectLedgerConsistent(admin);
  });
});
