/** Events: players join, play, claim once; the public list; the admin's editor, participations, forceClaim and seed. */
import { events } from '@casino/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../infra/clock';
import { callerFor, createTestEnv, newAdmin, newPlayer, type TestEnv } from '../../test/harness';
import { createRunningEvent, expectLedgerConsistent } from '../../test/progression';
import { expectRefused } from '../../test/reference';

const clock = manualClock('2026-08-03T12:00:00Z');
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

describe('economy.events', () => {
  it('join, progress from spins, claim once (raced) with the real participation count', async () => {
    const a = await newPlayer(env.deps);
    const b = await newPlayer(env.deps);
    const { id } = await createRunningEvent(admin, clock.now(), { requirements: { slot_spins: 3, gold_wagered: 30 } });
    const listed = (await a.caller.economy.events.list()).items.find((e) => e.id === id);
    expect(listed).toMatchObject({
      title: 'Spin sprint',
      type: 'special',
      requirements: { slot_spins: 3, gold_wagered: 30 },
      rewards: { gold: 700, gems: 3, exp: 50 },
      participationCount: 0,
      joined: false,
      progress: { slot_spins: 0, gold_wagered: 0 },
      completed: false,
      claimed: false,
      status: 'running',
    });
    expect(await a.caller.economy.events.join({ eventId: id })).toMatchObject({
      alreadyJoined: false,
      event: { joined: true, participationCount: 1 },
    });
    expect(await a.caller.economy.events.join({ eventId: id })).toMatchObject({ alreadyJoined: true, event: { participationCount: 1 } });
    await b.caller.economy.events.join({ eventId: id });
    expect((await a.caller.economy.events.get({ eventId: id })).participationCount).toBe(2);
    await refused(a.caller.economy.events.claim({ eventId: id }), 'event_not_completed');
    for (let i = 0; i < 3; i++) await a.caller.games.slot.spin({ bet: 10 });
    expect(await a.caller.economy.events.get({ eventId: id })).toMatchObject({
      progress: { slot_spins: 3, gold_wagered: 30 },
      completed: true,
    });
    // b's own progress is untouched by a's play, and b cannot claim what a completed.
    expect(await b.caller.economy.events.get({ eventId: id })).toMatchObject({
      progress: { slot_spins: 0, gold_wagered: 0 },
      completed: false,
    });
    await refused(b.caller.economy.events.claim({ eventId: id }), 'event_not_completed');
    // Naming another player's id changes nothing: procedures act on the caller only.
    await refused(b.caller.economy.events.claim({ eventId: id, userId: a.user.id } as never), 'event_not_completed');
    expect((await b.caller.economy.events.get({ eventId: id, userId: a.user.id } as never)).completed).toBe(false);
    const before = (await a.caller.economy.wallet.balance()).gold;
    const claims = await Promise.all(Array.from({ length: 20 }, () => a.caller.economy.events.claim({ eventId: id })));
    expect(claims.filter((c) => !c.idempotent)).toHaveLength(1);
    expect(claims.every((c) => c.gold === 700 && c.gems === 3 && c.exp === 50)).toBe(true);
    const after = await a.caller.economy.wallet.balance();
    expect(after.gold).toBe(before + 700);
    expect(after.gems).toBe(3);
    expect(await a.caller.economy.events.get({ eventId: id })).toMatchObject({ claimed: true });
    expect((await a.caller.economy.rewards.history({ limit: 5, source: 'event_reward' })).items).toHaveLength(1);
    await expectLedgerConsistent(admin);
  });

  it('refuses unknown, inactive, ended and deleted events with typed reasons; a non-participant cannot claim', async () => {
    const p = await newPlayer(env.deps);
    await refused(p.caller.economy.events.join({ eventId: 987_654 }), 'event_not_found');
    await refused(p.caller.economy.events.get({ eventId: 987_654 }), 'event_not_found');
    await refused(p.caller.economy.events.claim({ eventId: 987_654 }), 'event_not_found');
    const draft = await createRunningEvent(admin, clock.now(), { isActive: false });
    await refused(p.caller.economy.events.join({ eventId: draft.id }), 'event_not_found');
    expect((await p.caller.economy.events.list()).items.map((e) => e.id)).not.toContain(draft.id);
    const ended = await createRunningEvent(admin, clock.now(), { endsAt: new Date(clock.now().getTime() + 1000) });
    clock.advance(2000);
    await refused(p.caller.economy.events.join({ eventId: ended.id }), 'event_not_running');
    const running = await createRunningEvent(admin, clock.now());
    await refused(p.caller.economy.events.claim({ eventId: running.id }), 'event_not_joined');
    await p.caller.economy.events.join({ eventId: running.id });
    await admin.caller.admin.events.delete({ eventId: running.id });
    await refused(p.caller.economy.events.get({ eventId: running.id }), 'event_not_found');
    await refused(p.caller.economy.events.claim({ eventId: running.id }), 'event_not_found');
  });

  it('publicList needs no login, shows only the limited fields, is cached ~10 s and rate-limited to 60 per 5 minutes per IP', async () => {
    await env.kv.del('cache:events:public');
    const anon = callerFor(env.deps, null, { ip: '203.0.113.7' });
    const first = await anon.economy.events.publicList();
    expect(first.items.length).toBeGreaterThan(0);
    for (const e of first.items) {
      expect(Object.keys(e).sort()).toEqual(['endsAt', 'id', 'participationCount', 'rewards', 'startsAt', 'title', 'type']);
      expect(Object.keys(e.rewards).sort()).toEqual(['exp', 'gems', 'gold']);
    }
    const fresh = await createRunningEvent(admin, clock.now(), { title: 'Brand new' });
    // Still the cached list (kept ~10 s) until it expires.
    const cached = await anon.economy.events.publicList();
    expect(cached.items.map((e) => e.id)).not.toContain(fresh.id);
    expect(cached).toEqual(first);
    await env.kv.del('cache:events:public');
    expect((await anon.economy.events.publicList()).items.map((e) => e.id)).toContain(fresh.id);
    // 3 calls so far from this IP: 57 more pass, the next is refused; another IP is not affected.
    for (let i = 0; i < 57; i++) await anon.economy.events.publicList();
    await refused(anon.economy.events.publicList(), 'rate_limited');
    await expect(callerFor(env.deps, null, { ip: '203.0.113.8' }).economy.events.publicList()).resolves.toBeTruthy();
  });
});

describe('admin.events', () => {
  it('creates, updates, publishes, deactivates and deletes, each audited; refuses an end before the start', async () => {
    const { id } = await admin.caller.admin.events.create({
      title: 'Draft',
      type: 'weekly',
      startsAt: '2026-08-10T00:00:00Z' as unknown as Date,
      endsAt: new Date('2026-08-17T00:00:00Z'),
      requirements: { wins: 10 },
      rewards: { gems: 5 },
      isActive: false,
    });
    let row = (await admin.caller.admin.events.list()).items.find((e) => e.id === id);
    expect(row).toMatchObject({
      title: 'Draft',
      isActive: false,
      publishedAt: null,
      startsAt: new Date('2026-08-10T00:00:00Z'),
      participationCount: 0,
    });
    await admin.caller.admin.events.update({ eventId: id, title: 'Weekly wins', priority: 7 });
    await admin.caller.admin.events.publish({ eventId: id });
    row = (await admin.caller.admin.events.list()).items.find((e) => e.id === id);
    expect(row).toMatchObject({ title: 'Weekly wins', priority: 7, isActive: true });
    expect(row?.publishedAt).toEqual(clock.now());
    await admin.caller.admin.events.deactivate({ eventId: id });
    expect((await admin.caller.admin.events.list()).items.find((e) => e.id === id)?.isActive).toBe(false);
    await refused(admin.caller.admin.events.update({ eventId: id, endsAt: new Date('2026-08-01T00:00:00Z') }), 'invalid_window');
    await refused(
      admin.caller.admin.events.create({
        title: 'Backwards',
        type: 'daily',
        startsAt: new Date('2026-08-10T00:00:00Z'),
        endsAt: new Date('2026-08-09T00:00:00Z'),
        requirements: { wins: 1 },
        rewards: { gold: 1 },
      }),
      'invalid_window',
    );
    await admin.caller.admin.events.delete({ eventId: id });
    expect((await admin.caller.admin.events.list()).items.map((e) => e.id)).not.toContain(id);
    await refused(admin.caller.admin.events.publish({ eventId: id }), 'event_not_found');
    const audit = await admin.caller.admin.audit.list({ targetType: 'event', targetId: String(id) });
    expect(audit.items.map((a) => a.action)).toEqual(['event.delete', 'event.deactivate', 'event.publish', 'event.update', 'event.create']);
    expect(audit.items.find((a) => a.action === 'event.update')).toMatchObject({
      before: { title: 'Draft', priority: 0 },
      after: { title: 'Weekly wins', priority: 7 },
    });
  });

  it('lists participations with completed / claimed filters, and forceClaim pays a completed one once (BAD_REQUEST otherwise)', async () => {
    const { id } = await createRunningEvent(admin, clock.now(), { requirements: { slot_spins: 1 }, rewards: { gold: 400 } });
    const done = await newPlayer(env.deps);
    const open = await newPlayer(env.deps);
    const outsider = await newPlayer(env.deps);
    for (const p of [done, open]) await p.caller.economy.events.join({ eventId: id });
    await done.caller.games.slot.spin({ bet: 10 });
    const all = await admin.caller.admin.events.participations({ eventId: id, limit: 10 });
    expect(all.items.map((r) => r.userId).sort()).toEqual([done.user.id, open.user.id].sort());
    expect(
      (await admin.caller.admin.events.participations({ eventId: id, completed: true, limit: 10 })).items.map((r) => r.userId),
    ).toEqual([done.user.id]);
    expect(
      (await admin.caller.admin.events.participations({ eventId: id, completed: false, limit: 10 })).items.map((r) => r.userId),
    ).toEqual([open.user.id]);
    const page1 = await admin.caller.admin.events.participations({ eventId: id, limit: 1 });
    const page2 = await admin.caller.admin.events.participations({ eventId: id, limit: 1, cursor: page1.nextCursor ?? undefined });
    expect([...page1.items, ...page2.items].map((r) => r.userId).sort()).toEqual([done.user.id, open.user.id].sort());

    await refused(admin.caller.admin.events.forceClaim({ eventId: id, userId: open.user.id }), 'event_not_completed');
    await refused(admin.caller.admin.events.forceClaim({ eventId: id, userId: outsider.user.id }), 'event_not_joined');
    const before = (await done.caller.economy.wallet.balance()).gold;
    const forced = await Promise.all([1, 2, 3].map(() => admin.caller.admin.events.forceClaim({ eventId: id, userId: done.user.id })));
    expect(forced.filter((f) => !f.idempotent)).toHaveLength(1);
    expect((await done.caller.economy.wallet.balance()).gold).toBe(before + 400);
    expect(await done.caller.economy.events.claim({ eventId: id })).toMatchObject({ idempotent: true, gold: 400 });
    expect((await admin.caller.admin.events.participations({ eventId: id, claimed: true, limit: 10 })).items.map((r) => r.userId)).toEqual([
      done.user.id,
    ]);
    const audit = await admin.caller.admin.audit.list({ action: 'event.force_claim', targetId: String(done.user.id) });
    expect(audit.items).toHaveLength(1);
    await refused(admin.caller.admin.events.participations({ eventId: 999_999, limit: 10 }), 'event_not_found');
    await expectLedgerConsistent(admin);
  });

  it('seedModelIndex creates the Model Index Challenge once, even when raced', async () => {
    const results = await Promise.all([1, 2, 3, 4].map(() => admin.caller.admin.events.seedModelIndex()));
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    const [row] = await env.deps.db
      .select()
      .from(events)
      .where(eq(events.id, results[0]?.id ?? 0));
    const today = new Date(`${clock.now().toISOString().slice(0, 10)}T00:00:00Z`);
    expect(row).toMatchObject({
      title: 'Model Index Challenge',
      type: 'special',
      requirements: { model_index_points: 1000 },
      rewards: { gold: 5000, exp: 1000 },
      priority: 50,
      isActive: true,
      startsAt: today,
      endsAt: new Date(today.getTime() + 14 * 86_400_000),
    });
    expect(await admin.caller.admin.events.seedModelIndex()).toEqual({ id: row?.id, created: false });
    // Deleted, it can be seeded anew.
    await admin.caller.admin.events.delete({ eventId: row?.id ?? 0 });
    expect(await admin.caller.admin.events.seedModelIndex()).toMatchObject({ created: true });
  });
});
