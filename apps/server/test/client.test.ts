import { seedBasicAccounts } from '@casino/api';
import { firstCall } from '@casino/client/examples/first-call';
import { grantReward } from '@casino/client/examples/grant-reward';
import { createNodeClient, memoryTokenStore } from '@casino/client/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  await seedBasicAccounts(server.deps);
  // Seeded accounts can do nothing else until their temporary password is replaced.
  const anon = createNodeClient({ baseUrl: server.url });
  for (const [siteId, password] of [
    ['admin', '123456'],
    ['user001', '123455'],
  ] as const) {
    const { accessToken, refreshToken } = await anon.auth.login.mutate({ siteId, password });
    const client = createNodeClient({ baseUrl: server.url, tokens: memoryTokenStore({ accessToken, refreshToken }) });
    await client.auth.changePassword.mutate({ currentPassword: password, newPassword: `${siteId}-changed-1` });
  }
});
afterAll(() => server.stop());

describe('typed client', () => {
  it('refreshes once and retries when the access token is rejected, sharing one refresh among parallel calls', async () => {
    const anon = createNodeClient({ baseUrl: server.url });
    const login = await anon.auth.login.mutate({ siteId: 'user001', password: 'user001-changed-1' });
    const tokens = memoryTokenStore({ accessToken: 'expired.or.garbage', refreshToken: login.refreshToken });
    const client = createNodeClient({ baseUrl: server.url, tokens });
    const results = await Promise.all([client.auth.me.query(), client.economy.wallet.balance.query(), client.auth.sessions.query()]);
    expect(results[0].siteId).toBe('user001');
    expect(tokens.get()?.refreshToken).not.toBe(login.refreshToken);
    // Had two refreshes raced, the second would have revoked the session:
    await expect(client.auth.me.query()).resolves.toMatchObject({ siteId: 'user001' });
  });

  it('gives up and reports auth loss when the refresh token is dead', async () => {
    let lost = 0;
    const tokens = memoryTokenStore({ accessToken: 'garbage', refreshToken: 'r'.repeat(43) });
    const client = createNodeClient({ baseUrl: server.url, tokens, onAuthLost: () => lost++ });
    await expect(client.auth.me.query()).rejects.toMatchObject({ data: { code: 'UNAUTHORIZED' } });
    expect(lost).toBe(1);
    expect(tokens.get()).toBeNull();
  });
});

describe("the README's first call", () => {
  it('signs up with the dev invite, then logs in, and reads the profile with dates as Date', async () => {
    const invite = { code: '5858', nickname: 'Bob' };
    const signedUp = await firstCall({ url: server.url, siteId: 'bob', password: 'correct-horse-2', invite });
    expect(signedUp.me).toMatchObject({ siteId: 'bob', nickname: 'Bob', role: 'user', gold: 1000, mustChangePassword: false });
    expect(signedUp.me.createdAt).toBeInstanceOf(Date);
    const loggedIn = await firstCall({ url: server.url, siteId: 'bob', password: 'correct-horse-2' });
    expect(loggedIn.me.id).toBe(signedUp.me.id);
    expect(loggedIn.balance).toMatchObject({ gold: 1000, gems: 0 });
  });
});

describe('server-to-server example', () => {
  it('grants a reward through the admin API exactly once per key', async () => {
    const opts = {
      url: server.url,
      admin: 'admin',
      password: 'admin-changed-1',
      player: 'user002',
      currency: 'gold' as const,
      amount: 500,
      reason: 'tournament prize',
      key: 'prize-0001',
    };
    const first = await grantReward(opts);
    const second = await grantReward(opts);
    expect(first).toMatchObject({ balance: 1500, idempotent: false });
    expect(second).toMatchObject({ balance: 1500, idempotent: true, ledgerId: first.ledgerId });
  });
});
