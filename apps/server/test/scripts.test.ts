/**
 * `pnpm dev`, `pnpm app` and `pnpm admin:create` as a newcomer or an operator runs them:
 * each script's command (what follows its build steps), taken from package.json and run as
 * pnpm runs it, on an empty data folder. dev and app must come up with the seed accounts the
 * README promises; admin:create runs from the bundle, as in the production image.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildBundle, cleanupProcesses, runScript, scriptCommand, startServer, tempDir, trpc } from './process';

afterAll(cleanupProcesses);

// Each test starts real processes (PGlite migrations included) on a machine the suite shares.
const SLOW = 180_000;

async function expectSeedLogins(script: string) {
  const dir = tempDir(`casino-${script}-`);
  const s = startServer({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: join(dir, '.data/pglite') }, { command: scriptCommand(script) });
  const url = await s.listening;
  try {
    const admin = await trpc(url, 'auth.login', { siteId: 'admin', password: '123456' });
    expect(admin.status).toBe(200);
    expect(admin.body.result?.data.json.user).toMatchObject({ siteId: 'admin', role: 'admin', mustChangePassword: true });
    const player = await trpc(url, 'auth.login', { siteId: 'user001', password: '123455' });
    expect(player.status).toBe(200);
    expect(s.output()).toContain('admin/123456');
  } finally {
    await s.stop();
  }
}

describe('the README scripts on a fresh clone', { timeout: SLOW }, () => {
  it('`pnpm dev` (the server from source) creates the seed accounts', async () => {
    await expectSeedLogins('dev');
  });

  it('`pnpm app` (the built bundle) creates the seed accounts', async () => {
    buildBundle();
    await expectSeedLogins('app');
  });
});

describe('`pnpm admin:create` (the bundled command the image ships)', { timeout: SLOW }, () => {
  it('creates an admin once, never changes an existing one, refuses a weak password in production', async () => {
    buildBundle();
    const dataDir = join(tempDir('casino-admin-create-'), '.data/pglite');
    const created = runScript('admin:create', ['Operator'], { env: { DATA_DIR: dataDir }, input: 'cli-chosen-pass\n' });
    expect(created.stderr).toBe('');
    expect(created.status).toBe(0);
    expect(created.stdout).toMatch(/admin "operator" created/);
    const again = runScript('admin:create', ['operator'], { env: { DATA_DIR: dataDir }, input: 'attacker-pass-2\n' });
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/"operator" is taken/);

    const prod = { NODE_ENV: 'production', DATABASE_URL: 'postgres://x@127.0.0.1:1/x', REDIS_URL: 'redis://127.0.0.1:1' };
    const weak = runScript('admin:create', ['other_op'], {
      env: { ...prod, JWT_SECRET: 'x'.repeat(32), DEFAULT_INVITE_CODE: '', PAYMENT_WEBHOOK_KEYS: 'k1:0123456789abcdef0123' },
      input: 'elevenchars\n',
    });
    expect(weak.status).toBe(1);
    expect(weak.stderr).toMatch(/at least 12 characters in production/);

    const s = startServer({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir }, { args: ['apps/server/dist/main.js'] });
    const url = await s.listening;
    try {
      const login = await trpc(url, 'auth.login', { siteId: 'operator', password: 'cli-chosen-pass' });
      expect(login.status).toBe(200);
      expect(login.body.result?.data.json.user).toMatchObject({ role: 'admin', mustChangePassword: true });
      expect((await trpc(url, 'auth.login', { siteId: 'operator', password: 'attacker-pass-2' })).status).toBe(401);
    } finally {
      await s.stop();
    }
  });
});
