import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, createTestEnv, newPlayer, type TestEnv, testConfig } from '../../test/harness';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(() => env.close());

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
const reasonOf = (p: Promise<unknown>) =>
  p.then(
    () => 'resolved',
    (e) => `${e.code}:${e.cause?.reason}`,
  );

describe('access tokens', () => {
  it('carries sub, role, rank, sid, iat, exp and a unique jti', async () => {
    const p = await newPlayer(env.deps);
    const again = await callerFor(env.deps).auth.login({ siteId: p.siteId, password: p.password });
    const claims = (t: string) => JSON.parse(Buffer.from(t.split('.')[1] ?? '', 'base64url').toString());
    const a = claims(p.accessToken);
    const b = claims(again.accessToken);
    expect(a).toMatchObject({ sub: String(p.user.id), role: 'user', rank: 'STANDARD' });
    expect(a.exp - a.iat).toBe(30 * 60);
    expect(a.jti).not.toBe(b.jti);
    expect(p.expiresIn).toBe(1800);
  });

  it('rejects alg none, a wrong key, a tampered payload, an expired token and garbage', async () => {
    const p = await newPlayer(env.deps);
    const [header, payload, sig] = p.accessToken.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const now = Math.floor(Date.now() / 1000);
    const none = `${b64({ alg: 'none', typ: 'JWT' })}.${payload}.`;
    const wrongKey = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode('another-secret-another-secret-123'));
    const tampered = `${header}.${b64({ ...claims, role: 'admin' })}.${sig}`;
    const expired = await new SignJWT({ ...claims, iat: now - 3600, exp: now - 60 })
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode(testConfig.jwtSecret));
    const hs512 = await new SignJWT(claims).setProtectedHeader({ alg: 'HS512' }).sign(new TextEncoder().encode(testConfig.jwtSecret));
    for (const token of [none, wrongKey, tampered, expired, hs512, 'not.a.jwt', '']) {
      expect(await reasonOf(callerFor(env.deps, token).auth.me())).toMatch(/^UNAUTHORIZED:token_(invalid|missing)$/);
    }
    expect(await reasonOf(callerFor(env.deps, p.accessToken).auth.me())).toBe('resolved');
  });

  it('keeps authenticating from the database when Redis is down, still refusing ended sessions', async () => {
    const p = await newPlayer(env.deps);
    const other = await callerFor(env.deps).auth.login({ siteId: p.siteId, password: p.password });
    await callerFor(env.deps, other.accessToken).auth.logout();
    const broken = { ...env.kv, get: () => Promise.reject(new Error('connection refused')) };
    const deps = { ...env.deps, kv: broken };
    expect(await reasonOf(callerFor(deps, p.accessToken).auth.me())).toBe('resolved');
    expect(await reasonOf(callerFor(deps, other.accessToken).auth.me())).toBe('UNAUTHORIZED:session_revoked');
  });

  it('answers token_invalid (401) to a well-signed token whose session or user id is malformed', async () => {
    const p = await newPlayer(env.deps);
    const claims = JSON.parse(Buffer.from(p.accessToken.split('.')[1] ?? '', 'base64url').toString());
    const sign = (c: Record<string, unknown>) =>
      new SignJWT(c).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(testConfig.jwtSecret));
    for (const bad of [{ sid: 'not-a-uuid' }, { sid: '' }, { sub: 'abc' }, { sub: '1e3' }, { sub: '99999999999999' }]) {
      const token = await sign({ ...claims, ...bad });
      expect(await reasonOf(callerFor(env.deps, token).auth.me())).toBe('UNAUTHORIZED:token_invalid');
    }
    expect(await reasonOf(callerFor(env.deps, await sign(claims)).auth.me())).toBe('resolved');
  });

  it('answers UNAUTHORIZED without a token', async () => {
    expect(await reasonOf(callerFor(env.deps).auth.me())).toBe('UNAUTHORIZED:token_missing');
  });
});

describe('refresh tokens', () => {
  it('rotates on every refresh; the old token then revokes the whole family', async () => {
    const p = await newPlayer(env.deps);
    const anon = callerFor(env.deps);
    const r1 = await anon.auth.refresh({ refreshToken: p.refreshToken });
    expect(r1.refreshToken).not.toBe(p.refreshToken);
    const r2 = await anon.auth.refresh({ refreshToken: r1.refreshToken });
    expect(await reasonOf(anon.auth.refresh({ refreshToken: p.refreshToken }))).toBe('UNAUTHORIZED:refresh_reused');
    // The family is gone: the newest refresh token and the access tokens of that session stop working.
    expect(await reasonOf(anon.auth.refresh({ refreshToken: r2.refreshToken }))).toBe('UNAUTHORIZED:session_revoked');
    expect(await reasonOf(callerFor(env.deps, r2.accessToken).auth.me())).toBe('UNAUTHORIZED:session_revoked');
  });

  it('lets one of two simultaneous presentations win and treats the other as reuse', async () => {
    const p = await newPlayer(env.deps);
    const anon = callerFor(env.deps);
    const results = await Promise.allSettled([
      anon.auth.refresh({ refreshToken: p.refreshToken }),
      anon.auth.refresh({ refreshToken: p.refreshToken }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason.cause.reason).toBe('refresh_reused');
    const won = (results.find((r) => r.status === 'fulfilled') as PromiseFulfilledResult<{ refreshToken: string }>).value;
    expect(await reasonOf(anon.auth.refresh({ refreshToken: won.refreshToken }))).toBe('UNAUTHORIZED:session_revoked');
  });

  it('rejects an unknown refresh token', async () => {
    expect(await reasonOf(callerFor(env.deps).auth.refresh({ refreshToken: 'x'.repeat(43) }))).toBe('UNAUTHORIZED:refresh_invalid');
  });
});

describe('logout and sessions', () => {
  it('logout revokes the refresh token and blacklists the access token', async () => {
    const p = await newPlayer(env.deps);
    await expect(p.caller.auth.logout({ refreshToken: p.refreshToken })).resolves.toEqual({ ok: true });
    expect(await reasonOf(p.caller.auth.me())).toBe('UNAUTHORIZED:token_revoked');
    expect(await reasonOf(callerFor(env.deps).auth.refresh({ refreshToken: p.refreshToken }))).toBe('UNAUTHORIZED:session_revoked');
  });

  it('lists sessions, revokes one, and logoutAll ends the rest', async () => {
    const p = await newPlayer(env.deps);
    const second = await callerFor(env.deps, null, { userAgent: 'Phone/1.0' }).auth.login({ siteId: p.siteId, password: p.password });
    const third = await callerFor(env.deps).auth.login({ siteId: p.siteId, password: p.password });
    const list = await p.caller.auth.sessions();
    expect(list).toHaveLength(3);
    expect(list.filter((s) => s.current)).toHaveLength(1);
    expect(list.some((s) => s.userAgent === 'Phone/1.0')).toBe(true);
    const phone = list.find((s) => s.userAgent === 'Phone/1.0');
    await p.caller.auth.revokeSession({ sessionId: phone?.id ?? '' });
    expect(await reasonOf(callerFor(env.deps, second.accessToken).auth.me())).toBe('UNAUTHORIZED:session_revoked');
    expect(await p.caller.auth.logoutAll()).toEqual({ revoked: 2 });
    expect(await reasonOf(callerFor(env.deps, third.accessToken).auth.me())).toBe('UNAUTHORIZED:session_revoked');
    expect(await reasonOf(p.caller.auth.me())).toMatch(/^UNAUTHORIZED:/);
  });

  it("cannot see or revoke another user's session (IDOR)", async () => {
    const a = await newPlayer(env.deps);
    const b = await newPlayer(env.deps);
    const [bSession] = await b.caller.auth.sessions();
    expect(await reasonOf(a.caller.auth.revokeSession({ sessionId: bSession?.id ?? '' }))).toBe('NOT_FOUND:session_not_found');
    await expect(b.caller.auth.me()).resolves.toMatchObject({ id: b.user.id });
    expect((await a.caller.auth.sessions()).map((s) => s.id)).not.toContain(bSession?.id);
  });

  it('changes the password, ends other sessions and clears mustChangePassword', async () => {
    const p = await newPlayer(env.deps);
    const other = await callerFor(env.deps).auth.login({ siteId: p.siteId, password: p.password });
    expect(await reasonOf(p.caller.auth.changePassword({ currentPassword: 'wrong-one', newPassword: 'new-password-1' }))).toBe(
      'BAD_REQUEST:wrong_password',
    );
    await p.caller.auth.changePassword({ currentPassword: p.password, newPassword: 'new-password-1' });
    expect(await reasonOf(callerFor(env.deps, other.accessToken).auth.me())).toBe('UNAUTHORIZED:session_revoked');
    await expect(p.caller.auth.me()).resolves.toMatchObject({ mustChangePassword: false });
    await expect(callerFor(env.deps).auth.login({ siteId: p.siteId, password: 'new-password-1' })).resolves.toBeTruthy();
  });

  it('shows a limited public profile of another player', async () => {
    const a = await newPlayer(env.deps);
    const b = await newPlayer(env.deps);
    const view = await a.caller.auth.publicProfile({ userId: b.user.id });
    expect(view).toEqual({
      id: b.user.id,
      nickname: b.user.nickname,
      rank: 'STANDARD',
      level: 1,
      memberSince: expect.any(Date),
      stats: { totalRounds: 0, totalWins: 0, highestMultiplier: 0 },
    });
    expect(view).not.toHaveProperty('gold');
    expect(view).not.toHaveProperty('siteId');
  });
});
