/** Battle pass: seasons, XP from rounds, free and premium tracks claimed once each, premium by shop hook or admin grant. */
import { battlepassProgress, userItems } from '@casino/db';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../deps';
import { manualClock } from '../../infra/clock';
import { unlockBattlepassPremium } from '../../services/progression/battlepass';
import { createTestEnv, newAdmin, newPlayer, type TestEnv } from '../../test/harness';
import { createRunningSeason, eventsOfType, expectLedgerConsistent } from '../../test/progression';
import { expectRefused } from '../../test/reference';

const clock = manualClock('2026-10-05T12:00:00Z');
let env: TestEnv;
let admin: Awaited<ReturnType<typeof newAdmin>>;
beforeAll(async () => {
  env = await createTestEnv({ clock, config: { jwtExpireMinutes: 60 * 24 * 365 } });
  admin = await newAdmin(env.deps);
});
afterAll(() => env.close());

const refused = (p: Promise<unknown>, reason: string) =>
  p.then(
    () => expect.fail(`expected ${reason}`),
    (e) => expectRefused(e, reason),
  );

describe('economy.battlepass', () => {
  it('without a running season: status says so and claims are NOT_FOUND battlepass_no_season', async () => {
    const p = await newPlayer(env.deps);
    expect(await p.caller.economy.battlepass.status()).toMatchObject({ season: null, level: 0, levels: [] });
    await refused(p.caller.economy.battlepass.claim({ level: 1, track: 'free' }), 'battlepass_no_season');
    await refused(
      inTransaction(env.deps, (tx, outbox) => unlockBattlepassPremium(tx, outbox, { userId: p.user.id, source: 'shop', at: clock.now() })),
      'battlepass_no_season',
    );
  });

  it('rounds give battle-pass XP; each reached level is claimed once per track; premium needs the unlock', async () => {
    // xpPerLevel 20 and 10 battle-pass XP per spin: a level every two spins.
    const season = await createRunningSeason(admin, clock.now());
    const p = await newPlayer(env.deps);
    let s = await p.caller.economy.battlepass.status();
    expect(s).toMatchObject({ season: { id: season.id, name: 'Season 1', maxLevel: 5, xpPerLevel: 20 }, xp: 0, level: 0, premium: false });
    expect(s.levels).toHaveLength(5);
    expect(s.levels[0]).toMatchObject({ level: 1, reached: false, free: { gold: 100 }, freeClaimed: false, premiumClaimed: false });
    await refused(p.caller.economy.battlepass.claim({ level: 1, track: 'free' }), 'battlepass_level_locked');
    for (let i = 0; i < 3; i++) await p.caller.games.slot.spin({ bet: 10 });
    s = await p.caller.economy.battlepass.status();
    expect(s).toMatchObject({ xp: 30, level: 1, xpIntoLevel: 10, xpForNextLevel: 20 });
    expect((await p.caller.auth.me()).battlepassLevel).toBe(1);
    expect((await eventsOfType(env.kv, p.user.id, 'battlepass')).map((e) => e.data)).toEqual([
      { kind: 'level', seasonId: season.id, level: 1, previousLevel: 0, premium: false },
    ]);

    const before = (await p.caller.economy.wallet.balance()).gold;
    const claims = await Promise.all(Array.from({ length: 20 }, () => p.caller.economy.battlepass.claim({ level: 1, track: 'free' })));
    expect(claims.filter((c) => !c.idempotent)).toHaveLength(1);
    expect(claims[0]).toMatchObject({ seasonId: season.id, level: 1, track: 'free', reward: { gold: 100, gems: 0, exp: 0, items: [] } });
    expect((await p.caller.economy.wallet.balance()).gold).toBe(before + 100);
    await refused(p.caller.economy.battlepass.claim({ level: 1, track: 'premium' }), 'battlepass_premium_required');
    await refused(p.caller.economy.battlepass.claim({ level: 2, track: 'free' }), 'battlepass_level_locked');
    await refused(p.caller.economy.battlepass.claim({ level: 3, track: 'free' }), 'battlepass_no_reward');
    await refused(p.caller.economy.battlepass.claim({ level: 6, track: 'free' }), 'battlepass_no_reward');

    // The admin grant (until the shop sells it): audited, once.
    expect(await admin.caller.admin.battlepass.grantPremium({ userId: p.user.id, reason: 'support gesture' })).toEqual({
      seasonId: season.id,
      premium: true,
      idempotent: false,
    });
    expect(await admin.caller.admin.battlepass.grantPremium({ userId: p.user.id, reason: 'support gesture' })).toMatchObject({
      idempotent: true,
    });
    expect((await admin.caller.admin.audit.list({ action: 'battlepass.grant_premium', targetId: String(p.user.id) })).items).toHaveLength(
      1,
    );
    const premium = await p.caller.economy.battlepass.claim({ level: 1, track: 'premium' });
    expect(premium).toMatchObject({ idempotent: false, reward: { gems: 10, items: [{ itemId: 'streak_protection', quantity: 1 }] } });
    const [item] = await env.deps.db
      .select()
      .from(userItems)
      .where(and(eq(userItems.userId, p.user.id), eq(userItems.itemId, 'streak_protection')));
    expect(item?.quantity).toBe(1);
    s = await p.caller.economy.battlepass.status();
    expect(s.premium).toBe(true);
    expect(s.levels[0]).toMatchObject({ freeClaimed: true, premiumClaimed: true });
    await expectLedgerConsistent(admin);
    await admin.caller.admin.battlepass.updateSeason({ seasonId: season.id, isActive: false });
  });

  it('unlockBattlepassPremium (the shop hook) unlocks once per user and season, raced, and records its source', async () => {
    const season = await createRunningSeason(admin, clock.now(), { name: 'Season 2' });
    const p = await newPlayer(env.deps);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        inTransaction(env.deps, (tx, outbox) =>
          unlockBattlepassPremium(tx, outbox, { userId: p.user.id, source: 'shop', purchaseId: `purchase-${i}`, at: clock.now() }),
        ),
      ),
    );
    expect(results.filter((r) => !r.idempotent)).toHaveLength(1);
    const [row] = await env.deps.db.select().from(battlepassProgress).where(eq(battlepassProgress.userId, p.user.id));
    expect(row).toMatchObject({ seasonId: season.id, premium: true, premiumSource: 'shop' });
    expect((await eventsOfType(env.kv, p.user.id, 'battlepass')).map((e) => e.data)).toEqual([
      { kind: 'premium', seasonId: season.id, level: 0, premium: true },
    ]);
    await refused(
      inTransaction(env.deps, (tx, outbox) => unlockBattlepassPremium(tx, outbox, { userId: 999_999, source: 'shop', at: clock.now() })),
      'user_not_found',
    );
    await admin.caller.admin.battlepass.updateSeason({ seasonId: season.id, isActive: false });
  });
});

describe('admin.battlepass', () => {
  it('keeps active seasons from overlapping and checks windows, levels and items; lists with player counts', async () => {
    const at = new Date('2027-01-01T00:00:00Z');
    const { id } = await createRunningSeason(admin, new Date(at.getTime() + 3_600_000), { name: 'Winter' });
    await refused(createRunningSeason(admin, new Date(at.getTime() + 10 * 86_400_000), { name: 'Overlap' }), 'season_overlap');
    await createRunningSeason(admin, new Date(at.getTime() + 10 * 86_400_000), { name: 'Draft overlap', isActive: false });
    await refused(
      createRunningSeason(admin, at, { startsAt: new Date(at.getTime() + 1000), endsAt: new Date(at.getTime()) }),
      'invalid_window',
    );
    await refused(
      createRunningSeason(admin, new Date('2028-01-01T00:00:00Z'), {
        levels: [{ level: 1, free: { items: [{ itemId: 'moon_rock', quantity: 1 }] }, premium: null }],
      }),
      'item_unknown',
    );
    await refused(
      createRunningSeason(admin, new Date('2028-01-01T00:00:00Z'), {
        maxLevel: 3,
        levels: [{ level: 4, free: { gold: 1 }, premium: null }],
      }),
      'season_levels_invalid',
    );
    await admin.caller.admin.battlepass.updateSeason({ seasonId: id, name: 'Winter Wonderland', xpPerLevel: 50 });
    const listed = (await admin.caller.admin.battlepass.seasons()).items.find((s) => s.id === id);
    expect(listed).toMatchObject({ name: 'Winter Wonderland', xpPerLevel: 50, players: 0, premiumPlayers: 0 });
    await refused(admin.caller.admin.battlepass.updateSeason({ seasonId: 777_777, name: 'Nope' }), 'season_not_found');
    const audit = await admin.caller.admin.audit.list({ targetType: 'battlepass_season', targetId: String(id) });
    expect(audit.items.map((a) => a.action)).toEqual(['battlepass.season_update', 'battlepass.season_create']);
  });
});
