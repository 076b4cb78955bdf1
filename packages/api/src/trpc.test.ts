import { users } from '@casino/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInnerContext } from './context';
import { createTestEnv, newPlayer, type TestEnv } from './test/harness';
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
    await env.deps.db.update(users).set({ rank: 'PREMIUM' }).where(eq(users.id, p.user.id));
    // The rank is read from the database on every call, not trusted from the token.
    expect(await reasonOf(callerFor(p.accessToken).premium())).toBe('ok:PREMIUM');
    expect(await reasonOf(callerFor(p.accessToken).vip())).toBe('FORBIDDEN:RANK_REQUIRED');
    await env.deps.db.update(users).set({ rank: 'VIP' }).where(eq(users.id, p.user.id));
    expect(await reasonOf(callerFor(p.accessToken).premium())).toBe('ok:VIP');
    expect(await reasonOf(callerFor(p.accessToken).admin())).toBe('FORBIDDEN:admin_required');
  });

  it('a role taken away in the database applies at once, whatever the token says', async () => {
    const p = await newPlayer(env.deps);
    await env.deps.db.update(users).set({ role: 'admin' }).where(eq(users.id, p.user.id));
    expect(await reasonOf(callerFor(p.accessToken).admin())).toBe('ok:ok');
    await env.deps.db.update(users).set({ role: 'user' }).where(eq(users.id, p.user.id));
    expect(await reasonOf(callerFor(p.accessToken).admin())).toBe('FORBIDDEN:admin_required');
  });
});
