/**
 * `pnpm dev` and `pnpm app` as a newcomer runs them on a fresh clone: each script's server
 * command (what follows its build steps), taken from package.json and run as pnpm runs it,
 * on an empty data folder. Both must come up with the seed accounts the README promises.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildBundle, cleanupProcesses, scriptCommand, startServer, tempDir, trpc } from './process';

afterAll(cleanupProcesses);

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

describe('the README scripts on a fresh clone', () => {
  it('`pnpm dev` (the server from source) creates the seed accounts', async () => {
    await expectSeedLogins('dev');
  });

  it('`pnpm app` (the built bundle) creates the seed accounts', async () => {
    buildBundle();
    await expectSeedLogins('app');
  });
});
