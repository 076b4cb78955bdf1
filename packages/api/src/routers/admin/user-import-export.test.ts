/** admin.users.import (per-row report, dry run writes nothing) and admin.users.export (everything, no secrets). */
import { adminAuditLog, users } from '@casino/db';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, createTestEnv, newAdmin, newPlayer, type TestEnv, uniqueName } from '../../test/harness';

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
const counts = async () => ({
  users: (await env.deps.db.select({ n: count() }).from(users))[0]?.n,
  audit: (await env.deps.db.select({ n: count() }).from(adminAuditLog))[0]?.n,
});

describe('admin.users.import', () => {
  it('reports every row (invalid, duplicate, taken, valid); a dry run writes nothing; the real run creates the good rows only', async () => {
    const existing = await newPlayer(env.deps);
    const ok1 = uniqueName('im');
    const ok2 = uniqueName('im');
    const rows = [
      { siteId: ok1, nickname: `${ok1}n`, password: 'imported-pass-1', rank: 'vip' },
      { siteId: 'x', nickname: 'Bad Row', password: 'short' },
      { siteId: ok1.toUpperCase(), nickname: 'Another Name' },
      { siteId: existing.siteId, nickname: 'Fresh Nick' },
      { siteId: ok2, nickname: `${ok2}n`, phoneNumber: '+49 170 1234567' },
    ];
    const before = await counts();
    const dry = await admin.caller.admin.users.import({ users: rows, dryRun: true });
    expect(dry.rows.map((r) => r.status)).toEqual(['valid', 'invalid', 'duplicate', 'taken', 'valid']);
    expect(dry.rows[1]?.errors.join(' ')).toMatch(/siteId/);
    expect(dry.rows[1]?.errors.join(' ')).toMatch(/password/);
    expect(dry.summary).toEqual({ created: 0, valid: 2, invalid: 1, duplicate: 1, taken: 1 });
    expect(await counts()).toEqual(before);

    const real = await admin.caller.admin.users.import({ users: rows, dryRun: false, reason: 'migration from old site' });
    expect(real.rows.map((r) => r.status)).toEqual(['created', 'invalid', 'duplicate', 'taken', 'created']);
    expect(real.rows[0]?.temporaryPassword).toBeUndefined();
    const temp = real.rows[4]?.temporaryPassword as string;
    expect(temp).toHaveLength(14);
    const after = await counts();
    expect(after.users).toBe((before.users ?? 0) + 2);
    expect(after.audit).toBe((before.audit ?? 0) + 1);

    const detail = await admin.caller.admin.users.get({ userId: real.rows[0]?.userId as number });
    expect(detail.profile).toMatchObject({ rank: 'VIP', gold: 1000, mustChangePassword: true });
    expect(detail.recentLedger).toHaveLength(1);
    const login = await callerFor(env.deps).auth.login({ siteId: ok2, password: temp });
    expect(login.user.mustChangePassword).toBe(true);
    expect((await admin.caller.admin.economy.reconcile()).violations).toEqual([]);
    const audit = await admin.caller.admin.audit.list({ action: 'user.import' });
    expect(audit.items[0]).toMatchObject({ after: { created: 2 }, reason: 'migration from old site' });
    expect(JSON.stringify(audit.items[0])).not.toContain(temp);

    // Running it again: everything is taken now, nothing is written.
    const rerun = await admin.caller.admin.users.import({ users: rows, dryRun: false });
    expect(rerun.summary.created).toBe(0);
    expect(await counts()).toEqual(after);
  });

  it('refuses a malformed batch as a whole with BAD_REQUEST', async () => {
    for (const input of [
      { users: [], dryRun: true },
      { users: [{ siteId: 'abc' }], dryRun: true },
      { users: 'nope', dryRun: true },
    ]) {
      expect(await reasonOf(admin.caller.admin.users.import(input as never))).toBe('BAD_REQUEST:');
    }
    const tooMany = Array.from({ length: 201 }, (_, i) => ({ siteId: `bulk_${i}`, nickname: `bulk ${i}` }));
    expect(await reasonOf(admin.caller.admin.users.import({ users: tooMany, dryRun: true }))).toBe('BAD_REQUEST:');
  });
});

describe('admin.users.export', () => {
  it('returns everything stored about the player without secrets, and audits the export', async () => {
    const p = await newPlayer(env.deps);
    await p.caller.games.slot.spin({ bet: 10 });
    await p.caller.economy.actions.log({ actions: [{ type: 'page_view', name: 'home' }] });
    await admin.caller.admin.notifications.send({ userId: p.user.id, title: 'Hello', body: 'Welcome aboard' });
    const data = await admin.caller.admin.users.export({ userId: p.user.id, reason: 'subject access request' });
    expect(data.profile).toMatchObject({ id: p.user.id, siteId: p.siteId });
    expect(data.profile).not.toHaveProperty('passwordHash');
    const history = await p.caller.economy.wallet.history({ limit: 100 });
    expect(data.sections.ledger?.map((e) => e.id)).toEqual(history.items.map((e) => e.id));
    expect(history.items.length).toBeGreaterThanOrEqual(2);
    expect(data.sections.rounds).toHaveLength(1);
    expect(data.sections.sessions).toHaveLength(1);
    expect(data.sections.notifications).toHaveLength(1);
    expect(data.sections.actions).toHaveLength(1);
    expect(data.sections.gameStats).toHaveLength(1);
    expect(data.sections.loginAttempts).toHaveLength(0);
    expect(data.truncated).toEqual([]);
    // The seed in use is exported by its hash only: its server seed would let its rounds be predicted.
    expect(data.sections.fairnessSeeds?.[0]).toMatchObject({ serverSeed: null });
    const json = JSON.stringify(data);
    expect(json).not.toMatch(/argon2/);
    const audit = await admin.caller.admin.audit.list({ action: 'user.export', targetId: String(p.user.id) });
    expect(audit.items[0]).toMatchObject({ reason: 'subject access request' });
    expect(await reasonOf(admin.caller.admin.users.export({ userId: 99_999_999 }))).toBe('NOT_FOUND:user_not_found');
    expect(await reasonOf(p.caller.admin.users.export({ userId: p.user.id }))).toBe('FORBIDDEN:admin_required');
  });
});
