/** A forced password change (seeded accounts) is enforced by the server, not only by the SPAs. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../../root';
import { seedBasicAccounts } from '../../services/auth/seed';
import { callerFor, createTestEnv, type TestEnv } from '../../test/harness';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
  await seedBasicAccounts(env.deps);
});
afterAll(() => env.close());

const ALLOWED = ['auth.me', 'auth.changePassword', 'auth.logout', 'auth.logoutAll', 'auth.sessions', 'auth.revokeSession'];
/** tokenProcedure: the procedure's own statement refuses, after the input is read (given a valid one here). */
const CHECKED_BY_STATEMENT: Record<string, unknown> = { 'games.slot.spin': { bet: 10 } };

type Caller = ReturnType<typeof callerFor>;
const procedure = (caller: Caller, path: string) =>
  path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], caller) as (input?: unknown) => Promise<unknown>;
/** Subscriptions are refused when called; queries and mutations when awaited. */
const reasonOf = (p: () => Promise<unknown>) =>
  Promise.resolve()
    .then(p)
    .then(
      () => 'ok',
      (e) => `${e.code}:${e.cause?.reason ?? ''}`,
    );
const login = (siteId: string, password: string) => callerFor(env.deps).auth.login({ siteId, password });

describe('mustChangePassword', () => {
  it('refuses admin, game and live calls of the seeded admin with password_change_required', async () => {
    const admin = callerFor(env.deps, (await login('admin', '123456')).accessToken);
    const refused = 'FORBIDDEN:password_change_required';
    expect(await reasonOf(() => admin.admin.users.list())).toBe(refused);
    expect(await reasonOf(() => admin.admin.economy.reconcile())).toBe(refused);
    expect(await reasonOf(() => admin.games.slot.spin({ bet: 10 }))).toBe(refused);
    expect(await reasonOf(() => admin.economy.wallet.balance())).toBe(refused);
    expect(await reasonOf(() => admin.economy.live())).toBe(refused);
    expect(await reasonOf(() => admin.games.crash.onRound())).toBe(refused);
  });

  it('refuses every authenticated procedure but the six allowed ones, so a new one is refused by default', async () => {
    const { accessToken } = await login('user001', '123455');
    const user = callerFor(env.deps, accessToken);
    const anon = callerFor(env.deps);
    const paths = Object.keys(appRouter._def.procedures).filter((p) => !ALLOWED.includes(p));
    const unexpected: string[] = [];
    let authenticated = 0;
    for (const path of paths) {
      // Public procedures answer anyone; the rest are refused before their input is even read.
      if ((await reasonOf(() => procedure(anon, path)())) !== 'UNAUTHORIZED:token_missing') continue;
      authenticated += 1;
      const got = await reasonOf(() => procedure(user, path)(CHECKED_BY_STATEMENT[path]));
      if (got !== 'FORBIDDEN:password_change_required') unexpected.push(`${path} → ${got}`);
    }
    expect(unexpected).toEqual([]);
    expect(authenticated).toBeGreaterThan(25);
  });

  it('answers the six allowed procedures, and everything after the password is changed', async () => {
    const first = await login('user002', '123455');
    const second = await login('user002', '123455');
    const user = callerFor(env.deps, first.accessToken);
    expect(await user.auth.me()).toMatchObject({ siteId: 'user002', mustChangePassword: true });
    const sessions = await user.auth.sessions();
    expect(sessions).toHaveLength(2);
    await expect(user.auth.revokeSession({ sessionId: sessions.find((s) => !s.current)?.id ?? '' })).resolves.toEqual({ ok: true });
    expect(await reasonOf(() => callerFor(env.deps, second.accessToken).auth.me())).toBe('UNAUTHORIZED:session_revoked');
    await expect(user.auth.logout()).resolves.toEqual({ ok: true });
    await login('user002', '123455');
    const fourth = callerFor(env.deps, (await login('user002', '123455')).accessToken);
    expect(await fourth.auth.logoutAll()).toEqual({ revoked: 2 });

    const again = await login('user002', '123455');
    const caller = callerFor(env.deps, again.accessToken);
    expect(await reasonOf(() => caller.games.slot.spin({ bet: 10 }))).toBe('FORBIDDEN:password_change_required');
    await expect(caller.auth.changePassword({ currentPassword: '123455', newPassword: 'a-much-better-one' })).resolves.toEqual({
      ok: true,
    });
    expect(await reasonOf(() => caller.games.slot.spin({ bet: 10 }))).toBe('ok');
    expect(await reasonOf(() => caller.economy.wallet.balance())).toBe('ok');
    expect(await reasonOf(() => caller.economy.live())).toBe('ok');
  });

  it('lets the seeded admin administer once the password is changed', async () => {
    const admin = callerFor(env.deps, (await login('admin', '123456')).accessToken);
    await admin.auth.changePassword({ currentPassword: '123456', newPassword: 'admin-password-2' });
    expect(await reasonOf(() => admin.admin.users.list())).toBe('ok');
    expect(await reasonOf(() => admin.admin.economy.reconcile())).toBe('ok');
    expect(await reasonOf(() => admin.games.crash.onRound())).toBe('ok');
  });
});
