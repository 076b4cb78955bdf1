/**
 * The inbox: admin-sent notifications stored per player and delivered live with the same id,
 * pages with the unread count, marking one/many/all read, expiry, and nobody else's data.
 */
import { notifications } from '@casino/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { manualClock } from '../../infra/clock';
import { deleteExpired } from '../../services/notifications/inbox';
import { callerFor, createTestEnv, newAdmin, newPlayer, type TestEnv } from '../../test/harness';
import { expectRefused } from '../../test/reference';

const clock = manualClock('2026-03-01T10:00:00Z');
let env: TestEnv;
let admin: Awaited<ReturnType<typeof newAdmin>>;
beforeAll(async () => {
  env = await createTestEnv({ clock });
});
// A fresh admin per test: a test that moves the clock by days outlives the access tokens it signed.
beforeEach(async () => {
  admin = await newAdmin(env.deps);
});
afterAll(() => env.close());

/** Collects economy.live events of one player until `until` says stop. */
async function collect(p: Awaited<ReturnType<typeof newPlayer>>, until: (seen: { type: string; data: { id?: string } }[]) => boolean) {
  const ac = new AbortController();
  const seen: { type: string; data: { id?: string } }[] = [];
  const done = (async () => {
    for await (const ev of env.deps.bus.stream(p.user.id, { signal: ac.signal })) {
      seen.push(ev as never);
      if (until(seen)) break;
    }
  })();
  await env.deps.bus.whenStreams(p.user.id, 1);
  return {
    seen,
    async done() {
      await done;
      ac.abort();
      return seen;
    },
  };
}

describe('economy.notifications', () => {
  it('an admin send is stored, counted unread and delivered live with the same id; marking it read drops the count', async () => {
    const p = await newPlayer(env.deps);
    const live = await collect(p, (s) => s.some((e) => e.type === 'ADMIN_NOTIFICATION'));
    const sent = await admin.caller.admin.notifications.send({
      userId: p.user.id,
      title: 'Welcome',
      body: 'Line one\nline two',
      data: { link: '/shop' },
    });
    const events = await live.done();
    expect(events.find((e) => e.type === 'ADMIN_NOTIFICATION')?.data).toEqual({
      id: sent.notificationId,
      title: 'Welcome',
      body: 'Line one\nline two',
      data: { link: '/shop' },
    });
    const page = await p.caller.economy.notifications.list();
    expect(page).toMatchObject({ unread: 1, nextCursor: null });
    expect(page.items).toEqual([
      expect.objectContaining({ id: sent.notificationId, type: 'ADMIN_NOTIFICATION', read: false, data: { link: '/shop' } }),
    ]);
    expect(await p.caller.economy.notifications.markRead({ ids: [sent.notificationId] })).toEqual({ updated: 1, unread: 0 });
    // Marking again changes nothing.
    expect(await p.caller.economy.notifications.markRead({ ids: [sent.notificationId] })).toEqual({ updated: 0, unread: 0 });
    expect((await p.caller.economy.notifications.list()).items[0]).toMatchObject({ read: true, readAt: clock.now() });
  });

  it('pages newest first with a cursor, filters unread, and marks all read when no ids are given', async () => {
    const p = await newPlayer(env.deps);
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      clock.advance(1000);
      ids.push((await admin.caller.admin.notifications.send({ userId: p.user.id, title: `n${i}`, body: 'b' })).notificationId);
    }
    const first = await p.caller.economy.notifications.list({ limit: 3 });
    expect(first.items.map((n) => n.title)).toEqual(['n6', 'n5', 'n4']);
    expect(first.unread).toBe(7);
    const second = await p.caller.economy.notifications.list({ limit: 3, cursor: first.nextCursor ?? undefined });
    const third = await p.caller.economy.notifications.list({ limit: 3, cursor: second.nextCursor ?? undefined });
    expect([...second.items, ...third.items].map((n) => n.title)).toEqual(['n3', 'n2', 'n1', 'n0']);
    expect(third.nextCursor).toBeNull();

    await p.caller.economy.notifications.markRead({ ids: [ids[0] ?? '', ids[6] ?? ''] });
    const unread = await p.caller.economy.notifications.list({ unreadOnly: true, limit: 20 });
    expect(unread.items.map((n) => n.title)).toEqual(['n5', 'n4', 'n3', 'n2', 'n1']);
    expect(unread.unread).toBe(5);
    expect(await p.caller.economy.notifications.markRead()).toEqual({ updated: 5, unread: 0 });
    expect((await p.caller.economy.notifications.list({ unreadOnly: true, limit: 20 })).items).toEqual([]);
  });

  it('another player’s notifications are neither listed nor markable, and their unread count stays', async () => {
    const victim = await newPlayer(env.deps);
    const attacker = await newPlayer(env.deps);
    const { notificationId } = await admin.caller.admin.notifications.send({ userId: victim.user.id, title: 'Private', body: 'secret' });
    expect((await attacker.caller.economy.notifications.list()).items).toEqual([]);
    expect(await attacker.caller.economy.notifications.markRead({ ids: [notificationId] })).toEqual({ updated: 0, unread: 0 });
    expect(await attacker.caller.economy.notifications.markRead()).toEqual({ updated: 0, unread: 0 });
    expect((await victim.caller.economy.notifications.list()).unread).toBe(1);
    // Anonymous callers get nothing at all.
    await expect(callerFor(env.deps).economy.notifications.list()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('an expired notification disappears from the page and the count at once, and the sweeper deletes it', async () => {
    const p = await newPlayer(env.deps);
    await admin.caller.admin.notifications.send({ userId: p.user.id, title: 'Flash sale', body: 'today only', ttlDays: 1 });
    await admin.caller.admin.notifications.send({ userId: p.user.id, title: 'Keeps', body: 'no expiry' });
    expect((await p.caller.economy.notifications.list()).unread).toBe(2);
    clock.advance(24 * 60 * 60 * 1000 + 1);
    const again = await callerFor(env.deps).auth.login({ siteId: p.siteId, password: p.password });
    const page = await callerFor(env.deps, again.accessToken).economy.notifications.list();
    expect(page.items.map((n) => n.title)).toEqual(['Keeps']);
    expect(page.unread).toBe(1);
    expect(await deleteExpired(env.deps)).toBeGreaterThanOrEqual(1);
    const left = await env.deps.db.select().from(notifications).where(eq(notifications.userId, p.user.id));
    expect(left.map((n) => n.title)).toEqual(['Keeps']);
  });

  it('refuses bad input with 400 and stores nothing', async () => {
    const p = await newPlayer(env.deps);
    const bad = [
      { userId: p.user.id, title: '', body: 'x' },
      { userId: p.user.id, title: 'a\u0000b', body: 'x' },
      { userId: p.user.id, title: 't', body: 'bell\u0007' },
      { userId: p.user.id, title: 't', body: 'x', data: { link: 'a\u0000' } },
      { userId: p.user.id, title: 't', body: 'x', data: { big: 'x'.repeat(1999), more: 'y'.repeat(1999), evenMore: 'z'.repeat(1999) } },
      { userId: p.user.id, title: 't', body: 'x', ttlDays: 0 },
    ];
    for (const input of bad) {
      await expect(admin.caller.admin.notifications.send(input as never)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    }
    await expect(p.caller.economy.notifications.markRead({ ids: ['not-a-uuid'] })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(p.caller.economy.notifications.markRead({ ids: [] })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await admin.caller.admin.notifications.send({ userId: 2_000_000_000, title: 't', body: 'b' }).then(
      () => expect.unreachable(),
      (e) => expectRefused(e, 'user_not_found'),
    );
    expect((await p.caller.economy.notifications.list()).items).toEqual([]);
  });
});
