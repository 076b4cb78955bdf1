/** Missions: progress from play per UTC period, one claim per period (raced), admin CRUD + activate with audit. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../infra/clock';
import { createTestEnv, newAdmin, newPlayer, type TestEnv } from '../../test/harness';
import { expectLedgerConsistent } from '../../test/progression';
import { expectRefused } from '../../test/reference';

const clock = manualClock('2026-09-09T10:00:00Z'); // a Wednesday
let env: TestEnv;
let admin: Awaited<ReturnType<typeof newAdmin>>;
beforeAll(async () => {
  env = await createTestEnv({ clock, config: { jwtExpireMinutes: 60 * 24 * 60 } });
  admin = await newAdmin(env.deps);
});
afterAll(() => env.close());

const refused = (p: Promise<unknown>, reason: string) =>
  p.then(
    () => expect.fail(`expected ${reason}`),
    (e) => expectRefused(e, reason),
  );

describe('economy.missions', () => {
  it('daily and weekly missions advance from play, claim once per period, and start over when their period does', async () => {
    const daily = await admin.caller.admin.missions.create({
      title: 'Two spins',
      period: 'daily',
      requirements: { slot_spins: 2 },
      rewards: { gold: 300, exp: 20 },
    });
    const weekly = await admin.caller.admin.missions.create({
      title: 'Wager 50',
      period: 'weekly',
      requirements: { gold_wagered: 50 },
      rewards: { gems: 2 },
    });
    const p = await newPlayer(env.deps);
    const mine = async () => {
      const items = (await p.caller.economy.missions.list()).items;
      return { d: items.find((m) => m.id === daily.id), w: items.find((m) => m.id === weekly.id) };
    };
    expect((await mine()).d).toMatchObject({
      period: 'daily',
      progress: { slot_spins: 0 },
      completed: false,
      claimed: false,
      periodKey: '2026-09-09',
      resetsAt: new Date('2026-09-10T00:00:00Z'),
    });
    expect((await mine()).w).toMatchObject({ periodKey: '2026-W37', resetsAt: new Date('2026-09-14T00:00:00Z') });
    await refused(p.caller.economy.missions.claim({ missionId: daily.id }), 'mission_not_completed');
    for (let i = 0; i < 3; i++) await p.caller.games.slot.spin({ bet: 10 });
    expect((await mine()).d).toMatchObject({ progress: { slot_spins: 2 }, completed: true });
    expect((await mine()).w).toMatchObject({ progress: { gold_wagered: 30 }, completed: false });
    const before = await p.caller.economy.wallet.balance();
    const claims = await Promise.all(Array.from({ length: 15 }, () => p.caller.economy.missions.claim({ missionId: daily.id })));
    expect(claims.filter((c) => !c.idempotent)).toHaveLength(1);
    expect(claims[0]).toMatchObject({ missionId: daily.id, periodKey: '2026-09-09', gold: 300, exp: 20 });
    expect((await p.caller.economy.wallet.balance()).gold).toBe(before.gold + 300);
    expect((await mine()).d).toMatchObject({ claimed: true });

    // Thursday: the daily mission starts over, the weekly one keeps its progress.
    clock.set('2026-09-10T00:00:01Z');
    expect((await mine()).d).toMatchObject({ progress: { slot_spins: 0 }, completed: false, claimed: false, periodKey: '2026-09-10' });
    for (let i = 0; i < 2; i++) await p.caller.games.slot.spin({ bet: 10 });
    expect((await mine()).w).toMatchObject({ progress: { gold_wagered: 50 }, completed: true });
    expect(await p.caller.economy.missions.claim({ missionId: weekly.id })).toMatchObject({
      gems: 2,
      idempotent: false,
      periodKey: '2026-W37',
    });
    expect(await p.caller.economy.missions.claim({ missionId: daily.id })).toMatchObject({ idempotent: false, periodKey: '2026-09-10' });
    // Next Monday: a new week.
    clock.set('2026-09-14T00:00:00Z');
    expect((await mine()).w).toMatchObject({ progress: { gold_wagered: 0 }, claimed: false, periodKey: '2026-W38' });
    await expectLedgerConsistent(admin);
  });

  it('a one-off mission pays once ever; inactive and deleted missions neither list, progress nor pay', async () => {
    clock.set('2026-09-15T10:00:00Z');
    const once = await admin.caller.admin.missions.create({
      title: 'First pull',
      period: 'once',
      requirements: { gacha_pulls: 1 },
      rewards: { gold: 50 },
    });
    const paused = await admin.caller.admin.missions.create({
      title: 'Paused',
      period: 'daily',
      requirements: { gacha_pulls: 1 },
      rewards: { gold: 50 },
      isActive: false,
    });
    const p = await newPlayer(env.deps);
    await p.caller.games.gacha.pull({ count: 1, currency: 'gold' });
    expect(await p.caller.economy.missions.claim({ missionId: once.id })).toMatchObject({ periodKey: 'once', idempotent: false });
    clock.set('2026-09-30T10:00:00Z');
    expect((await p.caller.economy.missions.list()).items.find((m) => m.id === once.id)).toMatchObject({
      claimed: true,
      periodKey: 'once',
    });
    expect(await p.caller.economy.missions.claim({ missionId: once.id })).toMatchObject({ idempotent: true });
    expect((await p.caller.economy.missions.list()).items.map((m) => m.id)).not.toContain(paused.id);
    await refused(p.caller.economy.missions.claim({ missionId: paused.id }), 'mission_not_found');
    await admin.caller.admin.missions.activate({ missionId: paused.id });
    expect((await p.caller.economy.missions.list()).items.find((m) => m.id === paused.id)).toMatchObject({ progress: { gacha_pulls: 0 } });
    await admin.caller.admin.missions.delete({ missionId: paused.id });
    await p.caller.games.gacha.pull({ count: 1, currency: 'gold' });
    await refused(p.caller.economy.missions.claim({ missionId: paused.id }), 'mission_not_found');
    await refused(p.caller.economy.missions.claim({ missionId: 424_242 }), 'mission_not_found');
  });
});

describe('claims racing rounds', () => {
  it('mission claims made while the player keeps spinning never deadlock and pay once each', async () => {
    clock.set('2026-10-20T10:00:00Z');
    const ids = [];
    for (let i = 0; i < 8; i++) {
      ids.push(
        (
          await admin.caller.admin.missions.create({
            title: `Race ${i}`,
            period: 'daily',
            requirements: { slot_spins: 1 },
            rewards: { gold: 10 },
          })
        ).id,
      );
    }
    const p = await newPlayer(env.deps);
    await p.caller.games.slot.spin({ bet: 10 });
    const spins = (async () => {
      for (let i = 0; i < 12; i++) await p.caller.games.slot.spin({ bet: 10 });
    })();
    const claims = ids.map((missionId) => p.caller.economy.missions.claim({ missionId }));
    const settled = await Promise.allSettled([spins, ...claims]);
    expect(settled.filter((s) => s.status === 'rejected').map((s) => String((s as PromiseRejectedResult).reason))).toEqual([]);
    const history = await p.caller.economy.rewards.history({ limit: 50, source: 'mission_reward' });
    expect(history.items.filter((r) => r.description?.startsWith('Race '))).toHaveLength(8);
    for (const missionId of ids) await admin.caller.admin.missions.delete({ missionId });
    await expectLedgerConsistent(admin);
  });
});

describe('admin.missions', () => {
  it('lists with this period’s completions, updates, activates, deactivates and deletes, each audited', async () => {
    clock.set('2026-10-01T10:00:00Z');
    const { id } = await admin.caller.admin.missions.create({
      title: 'Rock on',
      period: 'daily',
      requirements: { rps_plays: 1 },
      rewards: { gold: 10 },
    });
    const p = await newPlayer(env.deps);
    await p.caller.games.rps.play({ bet: 10, choice: 'rock' });
    expect((await admin.caller.admin.missions.list()).items.find((m) => m.id === id)).toMatchObject({
      title: 'Rock on',
      isActive: true,
      completedThisPeriod: 1,
      claimedThisPeriod: 0,
    });
    await admin.caller.admin.missions.update({ missionId: id, title: 'Rock out', rewards: { gold: 15 } });
    await admin.caller.admin.missions.deactivate({ missionId: id });
    await admin.caller.admin.missions.activate({ missionId: id });
    await admin.caller.admin.missions.delete({ missionId: id });
    expect((await admin.caller.admin.missions.list()).items.map((m) => m.id)).not.toContain(id);
    await refused(admin.caller.admin.missions.update({ missionId: id, title: 'Ghost' }), 'mission_not_found');
    const audit = await admin.caller.admin.audit.list({ targetType: 'mission', targetId: String(id) });
    expect(audit.items.map((a) => a.action)).toEqual([
      'mission.delete',
      'mission.activate',
      'mission.deactivate',
      'mission.update',
      'mission.create',
    ]);
    expect(audit.items.find((a) => a.action === 'mission.update')).toMatchObject({
      before: { title: 'Rock on' },
      after: { title: 'Rock out', rewards: { gold: 15 } },
    });
  });
});
