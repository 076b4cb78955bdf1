import { users } from '@casino/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, createTestEnv, newAdmin, newPlayer, type TestEnv } from '../../test/harness';
import { adminPasswordProblem, createAdmin } from './bootstrap-admin';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(() => env.close());

const login = (siteId: string, password: string) => callerFor(env.deps).auth.login({ siteId, password });
const passwordHashOf = async (siteId: string) =>
  (await env.deps.db.select({ hash: users.passwordHash }).from(users).where(eq(users.siteId, siteId)))[0]?.hash;

describe('bootstrap admin', () => {
  it('creates the first admin once; a second start with other values changes nothing', async () => {
    const first = await createAdmin(env.deps, { siteId: 'Boss', password: 'first-strong-pass' }, { onlyIfNoAdmin: true });
    expect(first).toMatchObject({ status: 'created', siteId: 'boss' });
    const res = await login('boss', 'first-strong-pass');
    expect(res.user).toMatchObject({ role: 'admin', mustChangePassword: true, gold: 1000 });
    const hash = await passwordHashOf('boss');

    expect(await createAdmin(env.deps, { siteId: 'boss', password: 'another-strong-pass' }, { onlyIfNoAdmin: true })).toEqual({
      status: 'admin_exists',
      siteId: 'boss',
    });
    expect(await createAdmin(env.deps, { siteId: 'boss2', password: 'another-strong-pass' }, { onlyIfNoAdmin: true })).toEqual({
      status: 'admin_exists',
      siteId: 'boss2',
    });
    expect(await passwordHashOf('boss')).toBe(hash);
    expect(await passwordHashOf('boss2')).toBeUndefined();
    await expect(login('boss', 'another-strong-pass')).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('never touches an existing account: a taken siteId is refused, not reset or promoted', async () => {
    const fresh = await createTestEnv();
    try {
      const player = await newPlayer(fresh.deps);
      const hash = (await fresh.deps.db.select().from(users).where(eq(users.id, player.user.id)))[0]?.passwordHash;
      const res = await createAdmin(fresh.deps, { siteId: player.siteId, password: 'takeover-attempt-1' }, { onlyIfNoAdmin: true });
      expect(res.status).toBe('taken');
      const [after] = await fresh.deps.db.select().from(users).where(eq(users.id, player.user.id));
      expect(after).toMatchObject({ role: 'user', passwordHash: hash });
    } finally {
      await fresh.close();
    }
  });

  it('is ignored when any admin exists; the CLI (no onlyIfNoAdmin) may add another admin', async () => {
    const fresh = await createTestEnv();
    try {
      await newAdmin(fresh.deps);
      expect((await createAdmin(fresh.deps, { siteId: 'first_op', password: 'strong-enough-1' }, { onlyIfNoAdmin: true })).status).toBe(
        'admin_exists',
      );
      expect((await createAdmin(fresh.deps, { siteId: 'second_op', password: 'strong-enough-1' })).status).toBe('created');
      expect((await createAdmin(fresh.deps, { siteId: 'second_op', password: 'strong-enough-2' })).status).toBe('taken');
    } finally {
      await fresh.close();
    }
  });

  it('refuses a weak password (12+ characters in production) before writing anything', async () => {
    const prod = { ...env.deps, config: { ...env.deps.config, nodeEnv: 'production' as const } };
    await expect(createAdmin(prod, { siteId: 'weak_prod', password: 'elevenchars' })).rejects.toThrow(/at least 12 characters/);
    await expect(createAdmin(env.deps, { siteId: 'weak_dev', password: 'seven77' })).rejects.toThrow(/at least 8 characters/);
    expect(await passwordHashOf('weak_prod')).toBeUndefined();
    expect(adminPasswordProblem('twelve-chars', 'production')).toBeNull();
    expect(adminPasswordProblem('aaaaaaaaaaaaaaaa', 'production')).toMatch(/different characters/);
    expect(adminPasswordProblem('a-dev-pass', 'development')).toBeNull();
  });
});
