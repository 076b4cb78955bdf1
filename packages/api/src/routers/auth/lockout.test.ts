/** Login lockout holds under parallel attempts and across every name of an account (issue 6, items 6 and 7). */
import { loginAttempts } from '@casino/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleKey } from '../../services/auth/handles';
import { lockoutKey, lockoutLimiters } from '../../services/auth/lockout';
import { callerFor, createTestEnv, newPlayer, type TestEnv, uniqueName } from '../../test/harness';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(() => env.close());

const outcome = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e) => `${e.code}:${e.cause?.reason}`,
  );
const LOCKED = 'TOO_MANY_REQUESTS:login_locked';
const WRONG = 'UNAUTHORIZED:invalid_credentials';

/** Waits (yielding to the event loop, no timer) until the account's counter holds `points`. */
async function untilConsumed(t: TestEnv, key: string, points: number) {
  const limiter = lockoutLimiters(t.deps).account;
  while (((await limiter.get(key))?.consumedPoints ?? 0) < points) await new Promise((r) => setImmediate(r));
}

describe('lockout under parallel attempts', () => {
  it('checks at most LOGIN_MAX_FAILED_ATTEMPTS passwords of a burst of 30, and the right one sent in it is locked', async () => {
    const p = await newPlayer(env.deps);
    const anon = callerFor(env.deps);
    const wrong = Array.from({ length: 29 }, () => outcome(anon.auth.login({ siteId: p.siteId, password: 'bad-password' })));
    // The right password joins the burst once its points are taken (verifications may still be running).
    await untilConsumed(env, lockoutKey({ userId: p.user.id }), env.deps.config.loginMaxFailedAttempts);
    const right = outcome(anon.auth.login({ siteId: p.siteId, password: p.password }));
    const results = await Promise.all([...wrong, right]);

    const rows = await env.deps.db.select().from(loginAttempts).where(eq(loginAttempts.userId, p.user.id));
    const checked = rows.filter((r) => r.reason === 'invalid_credentials' || r.success);
    expect(checked).toHaveLength(env.deps.config.loginMaxFailedAttempts);
    expect(results.at(-1)).toBe(LOCKED);
    expect(results.filter((r) => r === WRONG)).toHaveLength(env.deps.config.loginMaxFailedAttempts);
    expect(results.filter((r) => r === LOCKED)).toHaveLength(30 - env.deps.config.loginMaxFailedAttempts);
    expect(rows.filter((r) => r.reason === 'login_locked')).toHaveLength(30 - env.deps.config.loginMaxFailedAttempts);
  });

  it('a success clears the failures before the lock', async () => {
    const p = await newPlayer(env.deps);
    const anon = callerFor(env.deps);
    for (let i = 0; i < 4; i++) expect(await outcome(anon.auth.login({ siteId: p.siteId, password: 'bad-password' }))).toBe(WRONG);
    expect(await outcome(anon.auth.login({ siteId: p.siteId, password: p.password }))).toBe('ok');
    for (let i = 0; i < 4; i++) expect(await outcome(anon.auth.login({ siteId: p.siteId, password: 'bad-password' }))).toBe(WRONG);
    expect(await outcome(anon.auth.login({ siteId: p.siteId, password: p.password }))).toBe('ok');
  });
});

describe('lockout per account', () => {
  it('locks every name and spelling of the account after failures through one of them', async () => {
    const nickname = `Nick ${uniqueName('n')}`;
    const p = await newPlayer(env.deps, { nickname });
    const anon = callerFor(env.deps);
    for (let i = 0; i < 5; i++) expect(await outcome(anon.auth.login({ siteId: p.siteId, password: 'bad-password' }))).toBe(WRONG);
    for (const name of [nickname, nickname.toUpperCase(), nickname.replace('N', 'Ν'), p.siteId.toUpperCase()]) {
      expect(await outcome(anon.auth.login({ siteId: name, password: p.password }))).toBe(LOCKED);
    }
  });

  it('answers a name no one owns exactly like an existing account, and budgets failures per IP', async () => {
    const t = await createTestEnv({ config: { loginMaxFailedAttempts: 2 } });
    try {
      const p = await newPlayer(t.deps);
      const fromIp = (ip: string) => callerFor(t.deps, null, { ip });
      const attempts = async (name: string, ip: string) => {
        const out: unknown[] = [];
        for (let i = 0; i < 3; i++) {
          const e = await fromIp(ip)
            .auth.login({ siteId: name, password: 'bad-password' })
            .catch((err) => err);
          out.push({ code: e.code, reason: e.cause?.reason, message: e.message, details: Object.keys(e.cause?.details ?? {}) });
        }
        return out;
      };
      // Same answers, same messages, same details for a real account and for nobody.
      expect(await attempts(uniqueName('ghost'), '198.51.100.1')).toEqual(await attempts(p.siteId, '198.51.100.2'));
      // The unknown name's lock is its own: another unknown name from another IP is not locked.
      expect(await outcome(fromIp('198.51.100.3').auth.login({ siteId: uniqueName('ghost'), password: 'x-1' }))).toBe(WRONG);

      // One IP spraying many names: 10 accounts' worth of failures (20), then it is refused for every name.
      const other = await newPlayer(t.deps);
      const sprayer = fromIp('198.51.100.9');
      const spray = Array.from({ length: 20 }, (_, i) => `spray_${i}_${uniqueName('s')}`);
      for (const name of spray) expect(await outcome(sprayer.auth.login({ siteId: name, password: 'x-1' }))).toBe(WRONG);
      expect(await outcome(sprayer.auth.login({ siteId: other.siteId, password: other.password }))).toBe(LOCKED);
      // The refused attempt cost the account nothing: it still logs in from elsewhere, and
      // failures from elsewhere count from zero.
      expect(await outcome(fromIp('198.51.100.10').auth.login({ siteId: other.siteId, password: 'bad-password' }))).toBe(WRONG);
      expect(await outcome(fromIp('198.51.100.10').auth.login({ siteId: other.siteId, password: other.password }))).toBe('ok');
      const state = await lockoutLimiters(t.deps).account.get(lockoutKey({ handle: handleKey(spray[0] ?? '') }));
      expect(state?.consumedPoints).toBe(1);
    } finally {
      await t.close();
    }
  });
});
