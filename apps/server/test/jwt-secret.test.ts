/** Issue 6 #12: no built-in JWT secret; a development server makes its own once and keeps it. */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSigner } from 'fast-jwt';
import { afterAll, describe, expect, it } from 'vitest';
import { jwtSecretFile, resolveJwtSecret } from '../src/jwt-secret';
import { startTestServer } from './helpers';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'casino-jwt-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

// What defaultApiConfig.jwtSecret used to be: public, so anyone could sign tokens for any dev server.
const FORMER_CONSTANT = 'dev-only-secret-change-me-0123456789abcdef';

describe('JWT secret', () => {
  it('is made once per data folder, kept beside DATA_DIR with mode 0600, and reused after a restart', () => {
    const dataDir = join(tempDir(), 'pglite');
    const env = { NODE_ENV: 'development' as const, DATA_DIR: dataDir, JWT_SECRET: undefined };
    const first = resolveJwtSecret(env);
    expect(jwtSecretFile(env)).toBe(join(dataDir, '..', 'jwt-secret'));
    expect(readFileSync(jwtSecretFile(env), 'utf8').trim()).toBe(first);
    expect(statSync(jwtSecretFile(env)).mode & 0o777).toBe(0o600);
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(resolveJwtSecret(env)).toBe(first);
    expect(resolveJwtSecret({ ...env, DATA_DIR: join(tempDir(), 'pglite') })).not.toBe(first);
  });

  it('stays in memory for tests, and JWT_SECRET wins when set', () => {
    const dataDir = join(tempDir(), 'pglite');
    const a = resolveJwtSecret({ NODE_ENV: 'test', DATA_DIR: dataDir, JWT_SECRET: undefined });
    expect(resolveJwtSecret({ NODE_ENV: 'test', DATA_DIR: dataDir, JWT_SECRET: undefined })).not.toBe(a);
    expect(() => statSync(jwtSecretFile({ DATA_DIR: dataDir }))).toThrow();
    const given = 'x'.repeat(40);
    expect(resolveJwtSecret({ NODE_ENV: 'development', DATA_DIR: dataDir, JWT_SECRET: given })).toBe(given);
  });

  it('a development server refuses a token signed with the former built-in secret', async () => {
    const server = await startTestServer({ NODE_ENV: 'development', DATA_DIR: join(tempDir(), 'pglite') });
    try {
      const post = (path: string, body: unknown) =>
        fetch(`${server.url}/trpc/${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ json: body }),
        });
      const res = await post('auth.signup', {
        siteId: 'forge_target',
        nickname: 'ForgeTarget',
        password: 'password-123',
        inviteCode: '5858',
      });
      const { accessToken } = (await res.json()).result.data.json as { accessToken: string };
      const claims = JSON.parse(Buffer.from(accessToken.split('.')[1] ?? '', 'base64url').toString());
      const forged = createSigner({ key: FORMER_CONSTANT, algorithm: 'HS256' })({ ...claims, role: 'admin' });
      const me = (token: string) => fetch(`${server.url}/trpc/auth.me`, { headers: { authorization: `Bearer ${token}` } });
      expect((await me(accessToken)).status).toBe(200);
      const refused = await me(forged);
      expect(refused.status).toBe(401);
      expect((await refused.json()).error.json.data.appError.reason).toBe('token_invalid');
    } finally {
      await server.stop();
    }
  });
});
