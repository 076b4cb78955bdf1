/**
 * The server as a newcomer runs it: a separate process with no DATABASE_URL and no
 * REDIS_URL (PGlite in a data folder, in-process Redis roles), driven over HTTP.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildBundle, cleanupProcesses, startServer, tempDir, trpc } from './process';

afterAll(cleanupProcesses);

describe('embedded mode', () => {
  it('runs with PGlite and in-process Redis: signup → login → me over HTTP, then shuts down gracefully', async () => {
    const dir = tempDir('casino-embedded-');
    const s = startServer({
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: join(dir, 'fresh/.data/pglite'),
      AUTO_SEED_BASIC: '1',
      NODE_ENV: 'development',
    });
    const url = await s.listening;
    expect(s.output()).toContain('using embedded PGlite');
    expect(s.output()).toContain('in-process Redis roles');
    expect(s.output()).toContain('admin/123456');

    const health = await (await fetch(`${url}/health`)).json();
    expect(health).toMatchObject({ status: 'ok', database: { kind: 'pglite' }, redis: { kind: 'memory' } });
    const signup = await trpc(url, 'auth.signup', {
      siteId: 'newcomer',
      nickname: 'Newcomer',
      password: 'password-123',
      inviteCode: '5858',
    });
    expect(signup.status).toBe(200);
    const login = await trpc(url, 'auth.login', { siteId: 'newcomer', password: 'password-123' });
    const token = login.body.result?.data.json.accessToken as string;
    const me = await fetch(`${url}/trpc/auth.me`, { headers: { authorization: `Bearer ${token}` } });
    const meBody = (await me.json()) as { result: { data: { json: { nickname: string; gold: number } } } };
    expect(meBody.result.data.json).toMatchObject({ nickname: 'Newcomer', gold: 1000 });

    s.child.kill('SIGTERM');
    expect(await s.exited).toBe(0);
  });

  it('the built bundle (what `pnpm start` runs) starts from a clean tree and serves', async () => {
    buildBundle();
    const dir = tempDir('casino-built-');
    const s = startServer(
      { PORT: '0', HOST: '127.0.0.1', DATA_DIR: join(dir, 'fresh/.data/pglite'), NODE_ENV: 'development' },
      { args: ['apps/server/dist/main.js'] },
    );
    const url = await s.listening;
    const signup = await trpc(url, 'auth.signup', { siteId: 'bundled', nickname: 'Bundled', password: 'password-123', inviteCode: '5858' });
    expect(signup.status).toBe(200);
    s.child.kill('SIGTERM');
    expect(await s.exited).toBe(0);
  });

  it('stops with a clear message on a bad environment value', async () => {
    const s = startServer({ PORT: 'not-a-port', LOG_LEVEL: 'loud' });
    await expect(s.listening).rejects.toThrow(/exited with 1/);
    expect(s.output()).toMatch(/Invalid environment/);
    expect(s.output()).toMatch(/PORT/);
    expect(s.output()).toMatch(/LOG_LEVEL/);
  });

  it('refuses production with a well-known invite code or seed accounts', async () => {
    const s = startServer({
      NODE_ENV: 'production',
      AUTO_SEED_BASIC: '1',
      DATABASE_URL: 'postgres://x@127.0.0.1/x',
      REDIS_URL: 'redis://127.0.0.1:1',
    });
    await expect(s.listening).rejects.toThrow(/exited with 1/);
    expect(s.output()).toMatch(/DEFAULT_INVITE_CODE/);
    expect(s.output()).toMatch(/AUTO_SEED_BASIC/);
    expect(s.output()).toMatch(/JWT_SECRET/);
  });
});
