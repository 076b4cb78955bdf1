/** admin.security + auth.verifyTotp: enrolment, the two-step login, replay, recovery codes, limits, enforcement. */
import { adminRecoveryCodes, adminTotp, sessions } from '@casino/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../infra/clock';
import { callerFor, createTestEnv, newAdmin, newPlayer, newStaff, type TestEnv } from '../../test/harness';
import { enrolTotp, loginChallenge, reasonOf, totpCode } from '../../test/staff';

const clock = manualClock(new Date());
let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv({ clock });
});
afterAll(() => env.close());

/** Each code used below is a new 30-second step. */
const nextStep = () => clock.advance(30_000);

describe('TOTP enrolment', () => {
  it('shows the secret once as a QR code and URI, activates only after a first code, and seals the secret at rest', async () => {
    const admin = await newAdmin(env.deps);
    const sec = admin.caller.admin.security;
    expect(await sec.status()).toMatchObject({ enabled: false, pending: false, recoveryCodesLeft: 0 });
    const start = await sec.enrolStart();
    expect(start.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(start.otpauthUri).toMatch(/^otpauth:\/\/totp\//);
    expect(new URL(start.otpauthUri).searchParams.get('secret')).toBe(start.secret);
    expect(start.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    const [row] = await env.deps.db.select().from(adminTotp).where(eq(adminTotp.userId, admin.user.id));
    expect(row?.secretSealed).not.toContain(start.secret);
    expect(await sec.status()).toMatchObject({ enabled: false, pending: true });
    // Not active yet: login still answers tokens.
    await callerFor(env.deps).auth.login({ siteId: admin.siteId, password: admin.password });

    expect(await reasonOf(sec.enrolConfirm({ code: '000000' }))).toBe('BAD_REQUEST:totp_invalid');
    const { recoveryCodes } = await sec.enrolConfirm({ code: await totpCode(env.deps, start.secret) });
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    expect(await sec.status()).toMatchObject({ enabled: true, pending: false, recoveryCodesLeft: 10, sessionVerified: true });
    expect(await reasonOf(sec.enrolStart())).toBe('CONFLICT:totp_already_enrolled');
    // The enrolling session proved the code: it keeps administering.
    await admin.caller.admin.users.list();
    const audit = await admin.caller.admin.audit.list({ action: 'security.totp_enable' });
    expect(audit.items.map((a) => a.targetId)).toEqual([String(admin.user.id)]);
  });

  it('refuses a player (not staff)', async () => {
    const p = await newPlayer(env.deps);
    expect(await reasonOf(p.caller.admin.security.enrolStart())).toBe('FORBIDDEN:admin_required');
  });
});

describe('login with a second factor', () => {
  it('asks for the code, opens a verified session with it, refuses a replayed code and a reused challenge', async () => {
    const admin = await newAdmin(env.deps);
    const other = await callerFor(env.deps).auth.login({ siteId: admin.siteId, password: admin.password });
    const oldSession = callerFor(env.deps, other.accessToken);
    await oldSession.admin.users.list();
    const { secret } = await enrolTotp(env.deps, admin.accessToken);
    // A session opened with the password alone before enrolment no longer administers.
    expect(await reasonOf(oldSession.admin.users.list())).toBe('FORBIDDEN:mfa_required');
    expect(await reasonOf(oldSession.admin.security.status())).toBe('resolved');

    nextStep();
    const challenge = await loginChallenge(env.deps, admin.siteId, admin.password);
    const pub = callerFor(env.deps);
    expect(await reasonOf(pub.auth.verifyTotp({ challenge, code: '123 45' }))).toBe('BAD_REQUEST:totp_invalid');
    expect(await reasonOf(pub.auth.verifyTotp({ challenge: 'x'.repeat(43), code: await totpCode(env.deps, secret) }))).toBe(
      'BAD_REQUEST:totp_challenge_invalid',
    );
    const code = await totpCode(env.deps, secret);
    const res = await pub.auth.verifyTotp({ challenge, code });
    expect(res.user.id).toBe(admin.user.id);
    const payload = JSON.parse(Buffer.from(res.accessToken.split('.')[1] ?? '', 'base64url').toString()) as { amr: string[] };
    expect(payload.amr).toEqual(['pwd', 'otp']);
    await callerFor(env.deps, res.accessToken).admin.users.list();

    // The same code on a new challenge is a replay; the used challenge is gone.
    const second = await loginChallenge(env.deps, admin.siteId, admin.password);
    expect(await reasonOf(pub.auth.verifyTotp({ challenge: second, code }))).toBe('BAD_REQUEST:totp_code_used');
    nextStep();
    expect(await reasonOf(pub.auth.verifyTotp({ challenge, code: await totpCode(env.deps, secret) }))).toBe(
      'BAD_REQUEST:totp_challenge_invalid',
    );

    // Refresh keeps the session verified.
    const refreshed = await pub.auth.refresh({ refreshToken: res.refreshToken });
    await callerFor(env.deps, refreshed.accessToken).admin.users.list();
  });

  it('accepts one of two racing uses of the same code', async () => {
    const admin = await newAdmin(env.deps);
    const { secret } = await enrolTotp(env.deps, admin.accessToken);
    nextStep();
    const [a, b] = await Promise.all([
      loginChallenge(env.deps, admin.siteId, admin.password),
      loginChallenge(env.deps, admin.siteId, admin.password),
    ]);
    const code = await totpCode(env.deps, secret);
    const pub = callerFor(env.deps);
    const outcomes = await Promise.all([a, b].map((challenge) => reasonOf(pub.auth.verifyTotp({ challenge: challenge ?? '', code }))));
    expect(outcomes.sort()).toEqual(['BAD_REQUEST:totp_code_used', 'resolved']);
    const verified = await env.deps.db.select().from(sessions).where(eq(sessions.userId, admin.user.id));
    expect(verified.filter((s) => s.mfaAt !== null)).toHaveLength(2); // the enrolling session and the one login
  });

  it('takes each recovery code once, and regenerating replaces them all', async () => {
    const admin = await newAdmin(env.deps);
    const { secret, recoveryCodes } = await enrolTotp(env.deps, admin.accessToken);
    const pub = callerFor(env.deps);
    const [first, second] = recoveryCodes;
    const viaRecovery = await pub.auth.verifyTotp({
      challenge: await loginChallenge(env.deps, admin.siteId, admin.password),
      code: (first ?? '').toLowerCase(),
    });
    const caller = callerFor(env.deps, viaRecovery.accessToken);
    expect((await caller.admin.security.status()).recoveryCodesLeft).toBe(9);
    const again = await loginChallenge(env.deps, admin.siteId, admin.password);
    expect(await reasonOf(pub.auth.verifyTotp({ challenge: again, code: first ?? '' }))).toBe('BAD_REQUEST:totp_invalid');

    nextStep();
    const fresh = await caller.admin.security.regenerateRecoveryCodes({ code: await totpCode(env.deps, secret) });
    expect(fresh.recoveryCodes).toHaveLength(10);
    expect(fresh.recoveryCodes).not.toContain(second);
    expect(await reasonOf(pub.auth.verifyTotp({ challenge: again, code: second ?? '' }))).toBe('BAD_REQUEST:totp_invalid');
    await pub.auth.verifyTotp({ challenge: again, code: fresh.recoveryCodes[0] ?? '' });
  });

  it('locks codes after too many wrong ones, even the right one', async () => {
    const admin = await newAdmin(env.deps);
    const { secret } = await enrolTotp(env.deps, admin.accessToken);
    nextStep();
    const challenge = await loginChallenge(env.deps, admin.siteId, admin.password);
    const pub = callerFor(env.deps);
    const wrong = await Promise.all(
      Array.from({ length: 8 }, (_, i) => reasonOf(pub.auth.verifyTotp({ challenge, code: String(100000 + i) }))),
    );
    expect(wrong.filter((r) => r === 'BAD_REQUEST:totp_invalid').length).toBeLessThanOrEqual(env.deps.config.adminSecurity.maxCodeFailures);
    expect(wrong).toContain('TOO_MANY_REQUESTS:totp_locked');
    expect(await reasonOf(pub.auth.verifyTotp({ challenge, code: await totpCode(env.deps, secret) }))).toBe(
      'TOO_MANY_REQUESTS:totp_locked',
    );
  });

  it('disables only with a current code; then login answers tokens again', async () => {
    const admin = await newAdmin(env.deps);
    const { secret } = await enrolTotp(env.deps, admin.accessToken);
    expect(await reasonOf(admin.caller.admin.security.disable({ code: '999999' }))).toBe('BAD_REQUEST:totp_invalid');
    nextStep();
    await admin.caller.admin.security.disable({ code: await totpCode(env.deps, secret) });
    expect(await admin.caller.admin.security.status()).toMatchObject({ enabled: false, pending: false });
    const res = await callerFor(env.deps).auth.login({ siteId: admin.siteId, password: admin.password });
    await callerFor(env.deps, res.accessToken).admin.users.list();
  });
});

describe('ADMIN_TOTP_REQUIRED', () => {
  it('lets staff without a factor reach only the enrolment procedures', async () => {
    const relaxed = env.deps.config;
    // Procedures read the configuration from deps on every call: the flag applies from the next call.
    env.deps.config = { ...relaxed, adminSecurity: { ...relaxed.adminSecurity, totpRequired: true } };
    try {
      for (const role of ['admin', 'support'] as const) {
        const staff = await newStaff(env.deps, role);
        expect(await reasonOf(staff.caller.admin.users.list())).toBe('FORBIDDEN:totp_enrolment_required');
        expect(await staff.caller.admin.security.status()).toMatchObject({ enabled: false, required: true });
        await enrolTotp(env.deps, staff.accessToken);
        await staff.caller.admin.users.list();
      }
      // Players are not affected.
      const p = await newPlayer(env.deps);
      await p.caller.economy.wallet.balance();
    } finally {
      env.deps.config = relaxed;
    }
  });
});

describe('admin.security.resetTotp', () => {
  it("lets an admin remove another staff account's factor: codes gone, sessions revoked, audited with the reason", async () => {
    const [admin, support] = await Promise.all([newAdmin(env.deps), newStaff(env.deps, 'support')]);
    const { secret } = await enrolTotp(env.deps, support.accessToken);
    nextStep();
    expect((await admin.caller.admin.users.get({ userId: support.user.id })).totp).toMatchObject({ enabled: true });
    const reset = (userId: number, reason = 'lost phone, ticket 42') => admin.caller.admin.security.resetTotp({ userId, reason });
    expect(await reset(support.user.id)).toEqual({ ok: true, revokedSessions: 1 });
    expect(await env.deps.db.select().from(adminTotp).where(eq(adminTotp.userId, support.user.id))).toEqual([]);
    expect(await env.deps.db.select().from(adminRecoveryCodes).where(eq(adminRecoveryCodes.userId, support.user.id))).toEqual([]);
    expect(await reasonOf(support.caller.auth.me())).toBe('UNAUTHORIZED:session_revoked');
    expect((await admin.caller.admin.users.get({ userId: support.user.id })).totp).toEqual({ enabled: false, enabledAt: null });
    // The next login needs the password alone; the old authenticator code means nothing now.
    const res = await callerFor(env.deps).auth.login({ siteId: support.siteId, password: support.password });
    const again = callerFor(env.deps, res.accessToken);
    expect(await again.admin.security.status()).toMatchObject({ enabled: false, pending: false, recoveryCodesLeft: 0 });
    expect(await reasonOf(again.admin.security.disable({ code: await totpCode(env.deps, secret) }))).toBe('BAD_REQUEST:totp_not_enrolled');
    const audit = await admin.caller.admin.audit.list({ action: 'security.totp_reset', targetId: String(support.user.id) });
    expect(audit.items).toHaveLength(1);
    expect(audit.items[0]).toMatchObject({
      adminId: admin.user.id,
      before: { totp: 'enabled', recoveryCodes: 10 },
      after: { totp: 'none', revokedSessions: 1 },
      reason: 'lost phone, ticket 42',
    });
    // Nothing left to reset.
    expect(await reasonOf(reset(support.user.id))).toBe('BAD_REQUEST:totp_not_enrolled');
  });

  it('refuses your own factor, support, players, unknown accounts and a missing reason, changing nothing', async () => {
    const [admin, other, support, player] = await Promise.all([
      newAdmin(env.deps),
      newAdmin(env.deps),
      newStaff(env.deps, 'support'),
      newPlayer(env.deps),
    ]);
    const own = await enrolTotp(env.deps, admin.accessToken);
    await enrolTotp(env.deps, other.accessToken);
    const input = { userId: other.user.id, reason: 'lost phone' };
    expect(await reasonOf(admin.caller.admin.security.resetTotp({ userId: admin.user.id, reason: 'my own' }))).toBe(
      'BAD_REQUEST:cannot_target_self',
    );
    expect(await reasonOf(support.caller.admin.security.resetTotp(input))).toBe('FORBIDDEN:support_not_allowed');
    expect(await reasonOf(player.caller.admin.security.resetTotp(input))).toBe('FORBIDDEN:admin_required');
    expect(await reasonOf(admin.caller.admin.security.resetTotp({ userId: other.user.id, reason: ' x ' }))).toBe('BAD_REQUEST:');
    expect(await reasonOf(admin.caller.admin.security.resetTotp({ userId: 99_999_999, reason: 'lost phone' }))).toBe(
      'NOT_FOUND:user_not_found',
    );
    for (const id of [admin.user.id, other.user.id]) {
      const [row] = await env.deps.db.select({ enabledAt: adminTotp.enabledAt }).from(adminTotp).where(eq(adminTotp.userId, id));
      expect(row?.enabledAt).toBeInstanceOf(Date);
    }
    expect(own.recoveryCodes).toHaveLength(10);
    await other.caller.auth.me();
    expect(await admin.caller.admin.audit.list({ action: 'security.totp_reset', targetId: String(other.user.id) })).toMatchObject({
      items: [],
    });
  });
});
