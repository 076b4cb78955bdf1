import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../../root';
import { callerFor, createTestEnv, newAdmin, newPlayer, type TestEnv } from '../../test/harness';

let env: TestEnv;
let admin: Awaited<ReturnType<typeof newAdmin>>;
beforeAll(async () => {
  env = await createTestEnv();
  admin = await newAdmin(env.deps);
});
afterAll(() => env.close());

const reasonOf = (p: Promise<unknown>) =>
  p.then(
    () => 'resolved',
    (e) => `${e.code}:${e.cause?.reason ?? ''}`,
  );

/** Calls a procedure by dotted path on a caller, with an arbitrary input. */
function callPath(caller: unknown, path: string, input: unknown): Promise<unknown> {
  const fn = path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], caller) as (i: unknown) => Promise<unknown>;
  return fn(input);
}

describe('admin access', () => {
  it('answers FORBIDDEN to a logged-in non-admin on every admin procedure, and UNAUTHORIZED without login', async () => {
    const p = await newPlayer(env.deps);
    const paths = Object.keys(appRouter._def.procedures).filter((k) => k.startsWith('admin.'));
    expect(paths.length).toBeGreaterThanOrEqual(10);
    for (const path of paths) {
      expect(
        `${path} ${await reasonOf(callPath(p.caller, path, { userId: admin.user.id, code: 'X', reason: 'because', currency: 'gold', delta: 1 }))}`,
      ).toBe(`${path} FORBIDDEN:admin_required`);
      expect(`${path} ${await reasonOf(callPath(callerFor(env.deps), path, {}))}`).toBe(`${path} UNAUTHORIZED:token_missing`);
    }
  });
});

describe('admin.users', () => {
  it('searches by siteId or nickname with filters and cursor paging', async () => {
    const players = await Promise.all([newPlayer(env.deps), newPlayer(env.deps), newPlayer(env.deps)]);
    const target = players[1];
    const found = await admin.caller.admin.users.list({ search: target?.siteId.slice(0, 12), limit: 20 });
    expect(found.items.map((u) => u.id)).toContain(target?.user.id);
    const page1 = await admin.caller.admin.users.list({ limit: 2 });
    const page2 = await admin.caller.admin.users.list({ limit: 2, cursor: page1.nextCursor ?? undefined });
    expect(page1.items).toHaveLength(2);
    expect(page2.items[0]?.id).toBeLessThan(page1.items[1]?.id ?? 0);
    const banned = await admin.caller.admin.users.list({ status: 'banned', limit: 20 });
    expect(banned.items.every((u) => u.status === 'banned')).toBe(true);
    const detail = await admin.caller.admin.users.get({ userId: target?.user.id ?? 0 });
    expect(detail.profile.gold).toBe(1000);
    expect(detail.recentLedger).toHaveLength(1);
    expect(detail.activeSessions).toHaveLength(1);
    expect(detail.profile).not.toHaveProperty('passwordHash');
  });

  it('bans (revoking sessions; every authed call FORBIDDEN account_banned, login refused) and unbans', async () => {
    const p = await newPlayer(env.deps);
    const res = await admin.caller.admin.users.ban({ userId: p.user.id, reason: 'cheating detected' });
    expect(res).toMatchObject({ status: 'banned', revokedSessions: 1 });
    expect(await reasonOf(p.caller.auth.me())).toBe('FORBIDDEN:account_banned');
    expect(await reasonOf(p.caller.economy.wallet.balance())).toBe('FORBIDDEN:account_banned');
    expect(await reasonOf(callerFor(env.deps).auth.login({ siteId: p.siteId, password: p.password }))).toBe('FORBIDDEN:account_banned');
    expect(await reasonOf(callerFor(env.deps).auth.refresh({ refreshToken: p.refreshToken }))).toMatch(/^UNAUTHORIZED:|^FORBIDDEN:/);
    await admin.caller.admin.users.unban({ userId: p.user.id, reason: 'appeal accepted' });
    // Old sessions stay ended; a new login works.
    expect(await reasonOf(p.caller.auth.me())).toBe('UNAUTHORIZED:session_revoked');
    await expect(callerFor(env.deps).auth.login({ siteId: p.siteId, password: p.password })).resolves.toBeTruthy();
    const audit = await admin.caller.admin.audit.list({ targetType: 'user', targetId: String(p.user.id) });
    expect(audit.items.map((a) => a.action)).toEqual(['user.unban', 'user.ban']);
    expect(audit.items[1]).toMatchObject({
      before: { status: 'active' },
      after: { status: 'banned' },
      meta: { reason: 'cheating detected' },
    });
    expect(await reasonOf(admin.caller.admin.users.ban({ userId: admin.user.id, reason: 'oops self' }))).toBe(
      'BAD_REQUEST:cannot_target_self',
    );
  });

  it("ends the user's live stream when they are banned", async () => {
    const p = await newPlayer(env.deps);
    const stream = await p.caller.economy.live();
    const received: string[] = [];
    const reading = (async () => {
      // createCaller yields the generator's tracked(id, payload) envelopes: [id, payload, symbol].
      for await (const ev of stream as AsyncIterable<[string, { type: string }]>) received.push(ev[1].type);
    })();
    await env.deps.bus.whenStreams(p.user.id, 1);
    await admin.caller.admin.users.ban({ userId: p.user.id, reason: 'stream test' });
    await reading;
    expect(received).toEqual(['session_revoked']);
  });

  it('force-logs-out every session of a user', async () => {
    const p = await newPlayer(env.deps);
    await callerFor(env.deps).auth.login({ siteId: p.siteId, password: p.password });
    expect(await admin.caller.admin.users.forceLogout({ userId: p.user.id, reason: 'support request' })).toEqual({ revoked: 2 });
    expect(await reasonOf(p.caller.auth.me())).toBe('UNAUTHORIZED:session_revoked');
  });

  it('adjusts balances only through the ledger, never below zero, idempotently by key, with an audit row', async () => {
    const p = await newPlayer(env.deps);
    const grant = await admin.caller.admin.users.adjustBalance({
      userId: p.user.id,
      currency: 'gems',
      delta: 50,
      reason: 'event prize',
      idempotencyKey: 'grant-0001',
    });
    const again = await admin.caller.admin.users.adjustBalance({
      userId: p.user.id,
      currency: 'gems',
      delta: 50,
      reason: 'event prize',
      idempotencyKey: 'grant-0001',
    });
    expect(again).toEqual({ ...grant, idempotent: true });
    expect(grant.balance).toBe(50);
    expect(
      await reasonOf(admin.caller.admin.users.adjustBalance({ userId: p.user.id, currency: 'gold', delta: -1001, reason: 'too much' })),
    ).toBe('BAD_REQUEST:insufficient_funds');
    expect(
      await reasonOf(admin.caller.admin.users.adjustBalance({ userId: 99_999_999, currency: 'gold', delta: 5, reason: 'nobody' })),
    ).toBe('NOT_FOUND:user_not_found');
    const history = await p.caller.economy.wallet.history({ limit: 10 });
    expect(history.items[0]).toMatchObject({ currency: 'gems', delta: 50, reason: 'admin_grant' });
    const audit = await admin.caller.admin.audit.list({ action: 'user.adjust_balance', targetId: String(p.user.id) });
    expect(audit.items).toHaveLength(1);
    expect(audit.items[0]).toMatchObject({ before: { gems: 0 }, after: { gems: 50 }, meta: { reason: 'event prize' } });
    expect((await admin.caller.admin.economy.reconcile()).violations).toEqual([]);
  });

  it('100 parallel admin debits on one user never overdraw', async () => {
    const p = await newPlayer(env.deps);
    const results = await Promise.allSettled(
      Array.from({ length: 100 }, () =>
        admin.caller.admin.users.adjustBalance({ userId: p.user.id, currency: 'gold', delta: -30, reason: 'parallel debit' }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(33);
    expect((await p.caller.economy.wallet.balance()).gold).toBe(10);
    const audit = await admin.caller.admin.audit.list({ action: 'user.adjust_balance', targetId: String(p.user.id), limit: 100 });
    expect(audit.items).toHaveLength(33);
  });

  it('reconcile reports a balance that does not match its ledger', async () => {
    const p = await newPlayer(env.deps);
    const { users } = await import('@casino/db');
    const { eq, sql } = await import('drizzle-orm');
    await env.deps.db
      .update(users)
      .set({ gold: sql`${users.gold} + 1` })
      .where(eq(users.id, p.user.id));
    const report = await admin.caller.admin.economy.reconcile();
    expect(report.violations).toEqual([{ userId: p.user.id, currency: 'gold', balance: 1001, ledgerSum: 1000 }]);
    await env.deps.db.update(users).set({ gold: 1000 }).where(eq(users.id, p.user.id));
    expect((await admin.caller.admin.economy.reconcile()).violations).toEqual([]);
  });
});
