import { inviteCodes } from '@casino/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, createTestEnv, newAdmin, type TestEnv, uniqueName } from '../../test/harness';

let env: TestEnv;
let admin: Awaited<ReturnType<typeof newAdmin>>;
beforeAll(async () => {
  env = await createTestEnv();
  admin = await newAdmin(env.deps);
});
afterAll(() => env.close());

const signupWith = (inviteCode: string) =>
  callerFor(env.deps).auth.signup({ siteId: uniqueName('s'), nickname: uniqueName('n'), password: 'password-123', inviteCode });

describe('invite codes', () => {
  it('reports the dev code as valid and unlimited', async () => {
    const res = await callerFor(env.deps).auth.validateInvite({ code: '5858' });
    expect(res).toMatchObject({ isValid: true, errorMessage: null, code: '5858', expiresAt: null, remainingUses: null });
  });

  it('distinguishes unknown, inactive, expired and exhausted codes', async () => {
    const anon = callerFor(env.deps);
    expect(await anon.auth.validateInvite({ code: 'NOPE-NOPE' })).toMatchObject({ isValid: false, reason: 'invite_unknown' });

    await admin.caller.admin.invites.create({ code: 'INACTIVE1', maxUses: 5 });
    await admin.caller.admin.invites.deactivate({ code: 'INACTIVE1' });
    expect(await anon.auth.validateInvite({ code: 'INACTIVE1' })).toMatchObject({ isValid: false, reason: 'invite_inactive' });

    await env.deps.db.insert(inviteCodes).values({ code: 'EXPIRED1', expiresAt: new Date(Date.now() - 1000) });
    expect(await anon.auth.validateInvite({ code: 'EXPIRED1' })).toMatchObject({ isValid: false, reason: 'invite_expired' });
    await expect(signupWith('EXPIRED1')).rejects.toMatchObject({ code: 'BAD_REQUEST', cause: { reason: 'invite_expired' } });

    await admin.caller.admin.invites.create({ code: 'ONCE1', maxUses: 1 });
    expect(await anon.auth.validateInvite({ code: 'ONCE1' })).toMatchObject({ isValid: true, remainingUses: 1 });
    await signupWith('ONCE1');
    expect(await anon.auth.validateInvite({ code: 'ONCE1' })).toMatchObject({
      isValid: false,
      reason: 'invite_exhausted',
      remainingUses: 0,
    });
    await expect(signupWith('ONCE1')).rejects.toMatchObject({ cause: { reason: 'invite_exhausted' } });
  });

  it('lets exactly one of 10 racing signups take the last use', async () => {
    await admin.caller.admin.invites.create({ code: 'LASTUSE', maxUses: 3 });
    await signupWith('LASTUSE');
    await signupWith('LASTUSE');
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => signupWith('LASTUSE')));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ cause: { reason: 'invite_exhausted' } });
    const [row] = await env.deps.db.select().from(inviteCodes).where(eq(inviteCodes.code, 'LASTUSE'));
    expect(row?.usedCount).toBe(3);
  });

  it('refuses a failed signup without consuming a use', async () => {
    await admin.caller.admin.invites.create({ code: 'KEEPUSE', maxUses: 1 });
    const taken = await signupWith('5858');
    await expect(
      callerFor(env.deps).auth.signup({
        siteId: uniqueName('s'),
        nickname: taken.user.nickname,
        password: 'password-123',
        inviteCode: 'KEEPUSE',
      }),
    ).rejects.toMatchObject({ cause: { reason: 'nickname_taken' } });
    expect(await callerFor(env.deps).auth.validateInvite({ code: 'KEEPUSE' })).toMatchObject({ remainingUses: 1 });
  });

  it('lists invites and records their creation in the audit log', async () => {
    const page = await admin.caller.admin.invites.list({ limit: 50 });
    expect(page.items.map((i) => i.code)).toContain('ONCE1');
    const audit = await admin.caller.admin.audit.list({ action: 'invite.create' });
    expect(audit.items.length).toBeGreaterThanOrEqual(3);
  });
});
