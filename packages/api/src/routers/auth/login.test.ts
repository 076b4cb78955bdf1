import { loginAttempts } from '@casino/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, createTestEnv, newPlayer, type TestEnv } from '../../test/harness';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(() => env.close());

describe('auth.login', () => {
  it('logs in by siteId or nickname (any case) and records the attempt', async () => {
    const p = await newPlayer(env.deps);
    const anon = callerFor(env.deps);
    const bySite = await anon.auth.login({ siteId: p.siteId.toUpperCase(), password: p.password });
    expect(bySite.user.id).toBe(p.user.id);
    expect(bySite.user.lastLoginAt).toBeInstanceOf(Date);
    const byNick = await anon.auth.login({ siteId: p.user.nickname, password: p.password });
    expect(byNick.user.id).toBe(p.user.id);
    const attempts = await env.deps.db.select().from(loginAttempts).where(eq(loginAttempts.userId, p.user.id));
    expect(attempts.filter((a) => a.success)).toHaveLength(2);
  });

  it('answers unknown user and wrong password identically', async () => {
    const p = await newPlayer(env.deps);
    const anon = callerFor(env.deps);
    const wrong = await anon.auth.login({ siteId: p.siteId, password: 'not-the-password' }).catch((e) => e);
    const unknown = await anon.auth.login({ siteId: 'nobody_here_123', password: 'whatever-1' }).catch((e) => e);
    expect(wrong.code).toBe('UNAUTHORIZED');
    expect(unknown.code).toBe('UNAUTHORIZED');
    expect(wrong.cause.reason).toBe('invalid_credentials');
    expect(unknown.cause.reason).toBe('invalid_credentials');
    expect(wrong.message).toBe(unknown.message);
  });

  it('locks the account after 5 failures, even for the right password', async () => {
    const p = await newPlayer(env.deps);
    const anon = callerFor(env.deps);
    for (let i = 0; i < 5; i++) {
      await expect(anon.auth.login({ siteId: p.siteId, password: 'bad-password' })).rejects.toMatchObject({
        cause: { reason: 'invalid_credentials' },
      });
    }
    const locked = await anon.auth.login({ siteId: p.siteId, password: p.password }).catch((e) => e);
    expect(locked.code).toBe('TOO_MANY_REQUESTS');
    expect(locked.cause.reason).toBe('login_locked');
    expect(locked.cause.details.retryAfterMinutes).toBeGreaterThanOrEqual(9);
    expect(locked.cause.details.retryAfterMinutes).toBeLessThanOrEqual(10);
    const rows = await env.deps.db.select().from(loginAttempts).where(eq(loginAttempts.identifier, p.siteId));
    expect(rows.filter((r) => r.reason === 'login_locked')).toHaveLength(1);
  });

  it('tells how many tries are left before the lock (the same for an unknown name), counting again after a success', async () => {
    const p = await newPlayer(env.deps);
    const anon = callerFor(env.deps);
    const left = async (siteId: string, password = 'bad-password') => {
      const e = await anon.auth.login({ siteId, password }).catch((err) => err);
      expect(e.cause.reason).toBe('invalid_credentials');
      expect(e.cause.details.lockoutMinutes).toBe(env.deps.config.loginLockoutMinutes);
      return e.cause.details.attemptsLeft;
    };
    expect(await left(p.siteId)).toBe(4);
    expect(await left(p.user.nickname.toUpperCase())).toBe(3);
    await anon.auth.login({ siteId: p.siteId, password: p.password });
    expect([await left(p.siteId), await left(p.siteId), await left(p.siteId), await left(p.siteId), await left(p.siteId)]).toEqual([
      4, 3, 2, 1, 0,
    ]);
    await expect(anon.auth.login({ siteId: p.siteId, password: p.password })).rejects.toMatchObject({ cause: { reason: 'login_locked' } });
    const nobody = `nobody_${p.siteId}`;
    expect([await left(nobody), await left(nobody)]).toEqual([4, 3]);
  });

  it('unlocks when the window has passed', async () => {
    const short = await createTestEnv({ config: { loginMaxFailedAttempts: 2, loginLockoutMinutes: 1 } });
    try {
      const p = await newPlayer(short.deps);
      const anon = callerFor(short.deps);
      for (let i = 0; i < 2; i++) await anon.auth.login({ siteId: p.siteId, password: 'bad-password' }).catch(() => {});
      await expect(anon.auth.login({ siteId: p.siteId, password: p.password })).rejects.toMatchObject({
        cause: { reason: 'login_locked' },
      });
      // The limiter's window is real time in Redis; expire it the way time would.
      await short.kv.flush();
      await expect(anon.auth.login({ siteId: p.siteId, password: p.password })).resolves.toMatchObject({ user: { id: p.user.id } });
    } finally {
      await short.close();
    }
  });

  it('throttles login per IP', async () => {
    const limited = await createTestEnv({ config: { authRateLimitPerMinute: 3 } });
    try {
      const ipCaller = callerFor(limited.deps, null, { ip: '203.0.113.9' });
      for (let i = 0; i < 3; i++) await ipCaller.auth.login({ siteId: `ghost_${i}`, password: 'whatever-1' }).catch(() => {});
      await expect(ipCaller.auth.login({ siteId: 'ghost_x', password: 'whatever-1' })).rejects.toMatchObject({
        code: 'TOO_MANY_REQUESTS',
        cause: { reason: 'rate_limited' },
      });
    } finally {
      await limited.close();
    }
  });
});
