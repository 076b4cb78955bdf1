/** admin.users lifecycle: search, update, reset password, unlock, ban reason, anonymise — through the real router. */
import { users, walletLedger } from '@casino/db';
import { count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
const login = (siteId: string, password: string) => callerFor(env.deps).auth.login({ siteId, password });
const auditFor = (userId: number, action: string) =>
  admin.caller.admin.audit.list({ targetType: 'user', targetId: String(userId), action });

async function lockOut(siteId: string) {
  for (let i = 0; i < 5; i++) expect(await reasonOf(login(siteId, 'wrong-password-x'))).toBe('UNAUTHORIZED:invalid_credentials');
}

describe('admin.users.search', () => {
  it('filters by text, rank, status, locked and created range, sorts, and counts pages', async () => {
    const a = await newPlayer(env.deps);
    const b = await newPlayer(env.deps);
    await admin.caller.admin.users.update({ userId: b.user.id, rank: 'VIP', reason: 'vip test' });
    await admin.caller.admin.users.adjustBalance({ userId: a.user.id, currency: 'gold', delta: 5_000, reason: 'richer' });
    const byText = await admin.caller.admin.users.search({ search: a.siteId });
    expect(byText.items.map((u) => u.id)).toEqual([a.user.id]);
    expect(byText.total).toBe(1);
    expect((await admin.caller.admin.users.search({ search: `#${b.user.id}` })).items.map((u) => u.id)).toContain(b.user.id);
    const vip = await admin.caller.admin.users.search({ rank: 'VIP', pageSize: 100 });
    expect(vip.items.every((u) => u.rank === 'VIP')).toBe(true);
    expect(vip.items.map((u) => u.id)).toContain(b.user.id);
    const rich = await admin.caller.admin.users.search({ sort: 'gold', dir: 'desc', pageSize: 1 });
    expect(rich.items[0]?.id).toBe(a.user.id);
    expect(rich.total).toBeGreaterThanOrEqual(3);
    const page2 = await admin.caller.admin.users.search({ sort: 'gold', dir: 'desc', pageSize: 1, page: 2 });
    expect(page2.items[0]?.id).not.toBe(a.user.id);
    const future = await admin.caller.admin.users.search({ createdFrom: new Date(Date.now() + 86_400_000) });
    expect(future).toMatchObject({ items: [], total: 0 });
    const past = await admin.caller.admin.users.search({ createdTo: new Date(Date.now() - 86_400_000) });
    expect(past.total).toBe(0);
    await lockOut(a.siteId);
    const locked = await admin.caller.admin.users.search({ locked: true });
    expect(locked.items.map((u) => [u.id, u.locked])).toEqual([[a.user.id, true]]);
    expect((await admin.caller.admin.users.list({ locked: true, limit: 20 })).items.map((u) => u.id)).toEqual([a.user.id]);
    expect((await admin.caller.admin.users.search({ locked: false, pageSize: 100 })).items.map((u) => u.id)).not.toContain(a.user.id);
  });

  it('refuses bad input with BAD_REQUEST and no other sort column', async () => {
    const bad = [{ pageSize: 1000 }, { page: 0 }, { sort: 'passwordHash' }, { status: 'gone' }, { createdFrom: 'not a date' }];
    for (const input of bad) {
      expect(await reasonOf(admin.caller.admin.users.search(input as never))).toBe('BAD_REQUEST:');
    }
  });
});

describe('admin.users.update', () => {
  it('changes nickname, rank and role with before/after audited; the old nickname is free, a taken one refused', async () => {
    const p = await newPlayer(env.deps, { nickname: `Nick${Date.now() % 1_000_000}` });
    const other = await newPlayer(env.deps);
    const oldNick = p.user.nickname;
    const res = await admin.caller.admin.users.update({
      userId: p.user.id,
      nickname: 'Renamed One',
      rank: 'PREMIUM',
      reason: 'support ticket 12',
    });
    expect(res).toEqual({ ok: true, before: { nickname: oldNick, rank: 'STANDARD' }, after: { nickname: 'Renamed One', rank: 'PREMIUM' } });
    const [audit] = (await auditFor(p.user.id, 'user.update')).items;
    expect(audit).toMatchObject({
      before: { nickname: oldNick, rank: 'STANDARD' },
      after: { nickname: 'Renamed One', rank: 'PREMIUM' },
      reason: 'support ticket 12',
    });
    // The old name is free now (login by it no longer finds the player; another player may take it).
    expect(await reasonOf(admin.caller.admin.users.update({ userId: other.user.id, nickname: 'renamed one', reason: 'clash' }))).toBe(
      'CONFLICT:nickname_taken',
    );
    await admin.caller.admin.users.update({ userId: other.user.id, nickname: oldNick, reason: 'takes the freed name' });
    expect(await reasonOf(admin.caller.admin.users.update({ userId: p.user.id, rank: 'PREMIUM', reason: 'again' }))).toBe(
      'BAD_REQUEST:nothing_to_change',
    );
    expect(await reasonOf(admin.caller.admin.users.update({ userId: p.user.id, reason: 'nothing given' }))).toBe('BAD_REQUEST:');
    expect(await reasonOf(admin.caller.admin.users.update({ userId: 99_999_999, rank: 'VIP', reason: 'ghost' }))).toBe(
      'NOT_FOUND:user_not_found',
    );
    // Promotion takes effect on the next call: the player can now use the console.
    await admin.caller.admin.users.update({ userId: p.user.id, role: 'admin', reason: 'new staff' });
    await expect(p.caller.admin.users.search({})).resolves.toBeTruthy();
    await admin.caller.admin.users.update({ userId: p.user.id, role: 'user', reason: 'left staff' });
    expect(await reasonOf(p.caller.admin.users.search({}))).toBe('FORBIDDEN:admin_required');
  });

  it('never leaves the console without an active admin, even when two admins demote themselves at once', async () => {
    // `admin` is the only admin of this database here.
    expect(await reasonOf(admin.caller.admin.users.update({ userId: admin.user.id, role: 'user', reason: 'step down' }))).toBe(
      'CONFLICT:last_admin',
    );
    expect(await reasonOf(admin.caller.admin.users.anonymize({ userId: admin.user.id, reason: 'delete me' }))).toBe('CONFLICT:last_admin');
    const second = await newAdmin(env.deps);
    const results = await Promise.allSettled([
      admin.caller.admin.users.update({ userId: admin.user.id, role: 'user', reason: 'step down' }),
      second.caller.admin.users.update({ userId: second.user.id, role: 'user', reason: 'step down' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const admins = await env.deps.db.select({ id: users.id }).from(users).where(eq(users.role, 'admin'));
    expect(admins).toHaveLength(1);
    // Whoever remains restores the other, so the rest of the file runs as `admin`.
    const remaining = admins[0]?.id === admin.user.id ? admin : second;
    if (remaining !== admin) await second.caller.admin.users.update({ userId: admin.user.id, role: 'admin', reason: 'restore' });
  });
});

describe('admin.users.resetPassword', () => {
  it('returns a one-time password, ends sessions, and forces a change at the next login', async () => {
    const p = await newPlayer(env.deps);
    const res = await admin.caller.admin.users.resetPassword({ userId: p.user.id, reason: 'forgot password' });
    expect(res).toMatchObject({ mustChangePassword: true, revokedSessions: 1 });
    expect(res.temporaryPassword).toMatch(/^[A-Za-z0-9]{14}$/);
    expect(await reasonOf(p.caller.auth.me())).toBe('UNAUTHORIZED:session_revoked');
    expect(await reasonOf(login(p.siteId, p.password))).toBe('UNAUTHORIZED:invalid_credentials');
    const fresh = await login(p.siteId, res.temporaryPassword);
    expect(fresh.user.mustChangePassword).toBe(true);
    const c = callerFor(env.deps, fresh.accessToken);
    expect(await reasonOf(c.economy.wallet.balance())).toBe('FORBIDDEN:password_change_required');
    await c.auth.changePassword({ currentPassword: res.temporaryPassword, newPassword: 'brand-new-pass-9' });
    await expect(c.economy.wallet.balance()).resolves.toMatchObject({ gold: 1000 });
    const [audit] = (await auditFor(p.user.id, 'user.reset_password')).items;
    expect(audit).toMatchObject({ after: { mustChangePassword: true }, reason: 'forgot password' });
    expect(JSON.stringify(audit)).not.toContain(res.temporaryPassword);
    expect(await reasonOf(admin.caller.admin.users.resetPassword({ userId: admin.user.id }))).toBe('BAD_REQUEST:cannot_target_self');
  });
});

describe('admin.users.unlock and login history', () => {
  it('shows the lockout in the detail and history, and an unlock lets the right password in at once', async () => {
    const p = await newPlayer(env.deps);
    await lockOut(p.siteId);
    expect(await reasonOf(login(p.siteId, p.password))).toBe('TOO_MANY_REQUESTS:login_locked');
    const detail = await admin.caller.admin.users.get({ userId: p.user.id });
    expect(detail.lockout).toMatchObject({ locked: true, maxFailures: 5 });
    expect(detail.lockout.failures).toBeGreaterThanOrEqual(5);
    expect(detail.lockout.lockedUntil?.getTime()).toBeGreaterThan(Date.now());
    expect(detail.recentLogins.map((l) => l.reason)).toEqual(expect.arrayContaining(['login_locked', 'locked_out', 'invalid_credentials']));
    const res = await admin.caller.admin.users.unlock({ userId: p.user.id, reason: 'verified by phone' });
    expect(res.wasLockedUntil).toBeInstanceOf(Date);
    await expect(login(p.siteId, p.password)).resolves.toBeTruthy();
    expect((await admin.caller.admin.users.get({ userId: p.user.id })).lockout).toMatchObject({ locked: false, failures: 0 });
    const [row] = await env.deps.db.select({ lockedUntil: users.lockedUntil }).from(users).where(eq(users.id, p.user.id));
    expect(row?.lockedUntil).toBeNull();
    expect((await auditFor(p.user.id, 'user.unlock')).items[0]).toMatchObject({
      after: { lockedUntil: null },
      reason: 'verified by phone',
    });
  });
});

describe('admin.users.ban reason', () => {
  it('is stored and shown while banned, cleared by unban', async () => {
    const p = await newPlayer(env.deps);
    await admin.caller.admin.users.ban({ userId: p.user.id, reason: 'chargeback fraud' });
    const banned = await admin.caller.admin.users.get({ userId: p.user.id });
    expect(banned.profile).toMatchObject({ status: 'banned', banReason: 'chargeback fraud' });
    expect(banned.profile.bannedAt).toBeInstanceOf(Date);
    await admin.caller.admin.users.unban({ userId: p.user.id, reason: 'resolved' });
    expect((await admin.caller.admin.users.get({ userId: p.user.id })).profile).toMatchObject({ status: 'active', banReason: null });
  });
});

describe('admin.users.anonymize', () => {
  it('keeps the ledger and its sums, frees the siteId and nickname for a new signup, and the account never logs in again', async () => {
    const p = await newPlayer(env.deps);
    await p.caller.games.slot.spin({ bet: 10 });
    await admin.caller.admin.users.adjustBalance({ userId: p.user.id, currency: 'gems', delta: 30, reason: 'gift' });
    const ledgerBefore = await env.deps.db
      .select({ n: count(), gold: sql<number>`sum(${walletLedger.delta}) filter (where ${walletLedger.currency} = 'gold')::int` })
      .from(walletLedger)
      .where(eq(walletLedger.userId, p.user.id));
    const before = await admin.caller.admin.users.get({ userId: p.user.id });

    const res = await admin.caller.admin.users.anonymize({ userId: p.user.id, reason: 'GDPR erasure request' });
    expect(res.revokedSessions).toBe(1);
    const ledgerAfter = await env.deps.db
      .select({ n: count(), gold: sql<number>`sum(${walletLedger.delta}) filter (where ${walletLedger.currency} = 'gold')::int` })
      .from(walletLedger)
      .where(eq(walletLedger.userId, p.user.id));
    expect(ledgerAfter).toEqual(ledgerBefore);
    expect((await admin.caller.admin.economy.reconcile()).violations).toEqual([]);
    const after = await admin.caller.admin.users.get({ userId: p.user.id });
    expect(after.profile).toMatchObject({
      status: 'deleted',
      gold: before.profile.gold,
      gems: 30,
      phoneNumber: null,
      siteId: `deleted:${p.user.id}`,
    });
    expect(after.profile.anonymisedAt).toBeInstanceOf(Date);
    expect(after.stats).toEqual(before.stats);
    expect(after.recentRounds).toHaveLength(1);
    expect(JSON.stringify(after)).not.toContain(p.siteId);

    expect(await reasonOf(p.caller.auth.me())).toMatch(/^UNAUTHORIZED:/);
    expect(await reasonOf(login(p.siteId, p.password))).toBe('UNAUTHORIZED:invalid_credentials');
    expect(await reasonOf(login(`deleted:${p.user.id}`, '!anonymised'))).toBe('UNAUTHORIZED:invalid_credentials');
    const again = await callerFor(env.deps).auth.signup({
      siteId: p.siteId,
      nickname: p.user.nickname,
      password: 'another-pass-1',
      inviteCode: '5858',
    });
    expect(again.user.id).not.toBe(p.user.id);

    expect((await admin.caller.admin.users.search({ status: 'anonymised', pageSize: 100 })).items.map((u) => u.id)).toContain(p.user.id);
    const u = admin.caller.admin.users;
    for (const call of [
      () => u.anonymize({ userId: p.user.id }),
      () => u.ban({ userId: p.user.id, reason: 'too late' }),
      () => u.update({ userId: p.user.id, rank: 'VIP' }),
      () => u.resetPassword({ userId: p.user.id }),
      () => u.unlock({ userId: p.user.id }),
      () => u.forceLogout({ userId: p.user.id }),
      () => u.adjustBalance({ userId: p.user.id, currency: 'gold', delta: 1, reason: 'not any more' }),
    ]) {
      expect(await reasonOf(call())).toBe('CONFLICT:user_anonymised');
    }
    const [audit] = (await auditFor(p.user.id, 'user.anonymize')).items;
    expect(audit).toMatchObject({ before: { status: 'active' }, after: { status: 'deleted' }, reason: 'GDPR erasure request' });
  });
});
