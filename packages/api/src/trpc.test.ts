import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInnerContext } from './context';
import { createTestEnv, editUser, newPlayer, type TestEnv } from './test/harness';
import { adminProcedure, createCallerFactory, minRankProcedure, router } from './trpc';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(() => env.close());

const testRouter = router({
  premium: minRankProcedure('PREMIUM').query(({ ctx }) => ctx.user.rank),
  vip: minRankProcedure('VIP').query(({ ctx }) => ctx.user.rank),
  admin: adminProcedure.query(() => 'ok'),
});
const callerFor = (token: string) => createCallerFactory(testRouter)(createInnerContext({ deps: env.deps, accessToken: token }));
const reasonOf = (p: Promise<unknown>) =>
  p.then(
    (v) => `ok:${String(v)}`,
    (e) => `${e.code}:${e.cause?.reason ?? ''}`,
  );

describe('procedure builders', () => {
  it('minRank answers FORBIDDEN RANK_REQUIRED below the rank and lets equal or higher ranks through', async () => {
    const p = await newPlayer(env.deps);
    expect(await reasonOf(callerFor(p.accessToken).premium())).toBe('FORBIDDEN:RANK_REQUIRED');
    await editUser(env.deps, p.user.id, { rank: 'PREMIUM' });
    // The rank is the database's, not the token's: a change applies once the instance hears of it.
    expect(await reasonOf(callerFor(p.accessToken).premium())).toBe('ok:PREMIUM');
    expect(await reasonOf(callerFor(p.accessToken).vip())).toBe('FORBIDDEN:RANK_REQUIRED');
    await editUser(env.deps, p.user.id, { rank: 'VIP' });
    expect(await reasonOf(callerFor(p.accessToken).premium())).toBe('ok:VIP');
    expect(await reasonOf(callerFor(p.accessToken).admin())).toBe('FORBIDDEN:admin_required');
  });

  it('a role taken away in the database applies as soon as the instance hears of it, whatever the token says', async () => {
    const p = await newPlayer(env.deps);
    await editUser(env.deps, p.user.id, { role: 'admin' });
    expect(await reasonOf(callerFor(p.accessToken).admin())).toBe('ok:ok');
    await editUser(env.deps, p.user.id, { role: 'user' });
    expect(await reasonOf(callerFor(p.accessToken).admin())).toBe('FORBIDDEN:admin_required');
  });
});
