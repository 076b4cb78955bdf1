/**
 * BOOTSTRAP_ADMIN_* as the server reads it: validated with the environment, applied by
 * buildServer at start, and a no-op on every later start (the variables may stay set).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor } from '../../../packages/api/src/test/harness';
import { bootstrapAdminFromEnv } from '../src/bootstrap';
import { EnvError, parseEnv } from '../src/env';
import { startTestServer, type TestServer } from './helpers';

const PROD = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://x@127.0.0.1/x',
  REDIS_URL: 'redis://127.0.0.1:6379',
  JWT_SECRET: 'x'.repeat(32),
  DEFAULT_INVITE_CODE: '',
  PAYMENT_WEBHOOK_KEYS: 'k1:0123456789abcdef0123',
};
const BOOT = { BOOTSTRAP_ADMIN_SITE_ID: 'Operator', BOOTSTRAP_ADMIN_PASSWORD: 'first-boot-password' };

const envError = (source: Record<string, string>) => {
  try {
    parseEnv(source);
  } catch (e) {
    if (e instanceof EnvError) return e.message;
  }
  throw new Error('parseEnv accepted it');
};

describe('BOOTSTRAP_ADMIN_* parsing', () => {
  it('accepts a strong password in production, lower-cases the siteId, treats empty as unset', () => {
    expect(parseEnv({ ...PROD, ...BOOT })).toMatchObject({ BOOTSTRAP_ADMIN_SITE_ID: 'operator' });
    const unset = parseEnv({ ...PROD, BOOTSTRAP_ADMIN_SITE_ID: '', BOOTSTRAP_ADMIN_PASSWORD: '' });
    expect(unset.BOOTSTRAP_ADMIN_SITE_ID).toBeUndefined();
    expect(unset.BOOTSTRAP_ADMIN_PASSWORD).toBeUndefined();
  });

  it('refuses a weak password in production without echoing it', () => {
    const message = envError({ ...PROD, ...BOOT, BOOTSTRAP_ADMIN_PASSWORD: 'short-pass1' });
    expect(message).toMatch(/BOOTSTRAP_ADMIN_PASSWORD: must be at least 12 characters in production/);
    expect(message).not.toContain('short-pass1');
    expect(parseEnv({ ...BOOT, BOOTSTRAP_ADMIN_PASSWORD: 'dev-pass1' }).BOOTSTRAP_ADMIN_PASSWORD).toBe('dev-pass1');
  });

  it('refuses one variable without the other, and a bad siteId', () => {
    expect(envError({ ...PROD, BOOTSTRAP_ADMIN_SITE_ID: 'operator' })).toMatch(/BOOTSTRAP_ADMIN_PASSWORD: set both/);
    expect(envError({ ...PROD, BOOTSTRAP_ADMIN_PASSWORD: BOOT.BOOTSTRAP_ADMIN_PASSWORD })).toMatch(/BOOTSTRAP_ADMIN_SITE_ID: set both/);
    expect(envError({ ...PROD, ...BOOT, BOOTSTRAP_ADMIN_SITE_ID: 'no spaces!' })).toMatch(/BOOTSTRAP_ADMIN_SITE_ID/);
  });
});

describe('BOOTSTRAP_ADMIN_* at start', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(BOOT);
  });
  afterAll(() => server.stop());

  const login = (password: string) =>
    fetch(`${server.url}/trpc/auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ json: { siteId: 'operator', password } }),
    });

  it('the first start creates the admin, who must change the password', async () => {
    const res = await login(BOOT.BOOTSTRAP_ADMIN_PASSWORD);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.result.data.json.user).toMatchObject({ siteId: 'operator', role: 'admin', mustChangePassword: true });
  });

  it('a later start changes nothing, even with another password or siteId', async () => {
    const again = parseEnv({ NODE_ENV: 'test', BOOTSTRAP_ADMIN_SITE_ID: 'operator', BOOTSTRAP_ADMIN_PASSWORD: 'attacker-chosen-1' });
    expect(await bootstrapAdminFromEnv(server.deps, again)).toEqual({ status: 'admin_exists', siteId: 'operator' });
    const other = parseEnv({ NODE_ENV: 'test', BOOTSTRAP_ADMIN_SITE_ID: 'second', BOOTSTRAP_ADMIN_PASSWORD: 'attacker-chosen-1' });
    expect(await bootstrapAdminFromEnv(server.deps, other)).toEqual({ status: 'admin_exists', siteId: 'second' });
    expect((await login('attacker-chosen-1')).status).toBe(401);
    expect((await login(BOOT.BOOTSTRAP_ADMIN_PASSWORD)).status).toBe(200);
    await expect(callerFor(server.deps).auth.login({ siteId: 'second', password: 'attacker-chosen-1' })).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
  });

  it('does nothing without the variables', async () => {
    expect(await bootstrapAdminFromEnv(server.deps, parseEnv({ NODE_ENV: 'test' }))).toBeNull();
  });
});
