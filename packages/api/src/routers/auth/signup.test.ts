import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, createTestEnv, newPlayer, type TestEnv, uniqueName } from '../../test/harness';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(() => env.close());

describe('auth.signup', () => {
  it('creates a STANDARD player with 1,000 gold recorded in the ledger', async () => {
    const p = await newPlayer(env.deps);
    expect(p.user).toMatchObject({ rank: 'STANDARD', role: 'user', gold: 1000, gems: 0, level: 1, maxExperience: 1000 });
    const history = await p.caller.economy.wallet.history({ limit: 10 });
    expect(history.items).toHaveLength(1);
    expect(history.items[0]).toMatchObject({ delta: 1000, balanceAfter: 1000, reason: 'signup_bonus', currency: 'gold' });
    const me = await p.caller.auth.me();
    expect(me.siteId).toBe(p.siteId);
    expect(me).not.toHaveProperty('passwordHash');
  });

  it('rejects a taken siteId and a nickname differing only in case', async () => {
    const p = await newPlayer(env.deps);
    const anon = callerFor(env.deps);
    await expect(
      anon.auth.signup({ siteId: p.siteId, nickname: uniqueName('n'), password: 'password-123', inviteCode: '5858' }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
      cause: { reason: 'site_id_taken' },
    });
    await expect(
      anon.auth.signup({ siteId: uniqueName('s'), nickname: p.user.nickname.toUpperCase(), password: 'password-123', inviteCode: '5858' }),
    ).rejects.toMatchObject({ code: 'CONFLICT', cause: { reason: 'nickname_taken' } });
  });
});
