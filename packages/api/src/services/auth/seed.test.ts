import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, createTestEnv, type TestEnv } from '../../test/harness';
import { seedBasicAccounts } from './seed';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(() => env.close());

describe('seed accounts', () => {
  it('creates admin and user001…user004 once, with a forced password change', async () => {
    expect(await seedBasicAccounts(env.deps)).toEqual({ created: ['admin', 'user001', 'user002', 'user003', 'user004'], existing: [] });
    const again = await seedBasicAccounts(env.deps);
    expect(again.created).toEqual([]);
    expect(again.existing.sort()).toEqual(['admin', 'user001', 'user002', 'user003', 'user004']);
    const admin = await callerFor(env.deps).auth.login({ siteId: 'admin', password: '123456' });
    expect(admin.user).toMatchObject({ role: 'admin', mustChangePassword: true, gold: 1000 });
    const user = await callerFor(env.deps).auth.login({ siteId: 'user003', password: '123455' });
    expect(user.user).toMatchObject({ role: 'user', mustChangePassword: true });
    const caller = callerFor(env.deps, admin.accessToken);
    await caller.auth.changePassword({ currentPassword: '123456', newPassword: 'a-much-better-one' });
    expect((await caller.auth.me()).mustChangePassword).toBe(false);
  });

  it('refuses to run in production', async () => {
    await expect(seedBasicAccounts({ ...env.deps, config: { ...env.deps.config, nodeEnv: 'production' } })).rejects.toThrow(/production/);
  });
});
