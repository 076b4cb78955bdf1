/**
 * Test dependencies against the real services when DATABASE_URL / REDIS_URL are set,
 * else the embedded defaults. Each call gets its own database and Redis key prefix.
 */

import { randomBytes } from 'node:crypto';
import { createDb, type Db, type DbHandle, runMigrations, users } from '@casino/db';
import type { TRank, TRole, TUserStatus } from '@casino/shared';
import { eq } from 'drizzle-orm';
import postgres from 'postgres';
import { type ApiConfig, defaultApiConfig } from '../config';
import { createInnerContext } from '../context';
import type { Deps } from '../deps';
import { type Clock, systemClock } from '../infra/clock';
import type { Kv } from '../infra/kv';
import { createMemoryKv } from '../infra/kv-memory';
import { createRedisKv } from '../infra/kv-redis';
import { silentLogger } from '../infra/logger';
import { EventBus } from '../realtime/bus';
import { createCaller } from '../root';
import { ensureDefaultInvite } from '../services/auth/invites';
import { type PrincipalCache, startPrincipalCache } from '../services/auth/principal-cache';
import type { PaymentGateway } from '../services/payments/gateway';
import { createSandboxGateway } from '../services/payments/sandbox';
import { testDatabaseName, withDatabase } from './global-setup';

export type TestEnv = { deps: Deps; handle: DbHandle; kv: Kv; close(): Promise<void> };

// Tests sign with a random secret of their own, kept in memory.
// Four-eyes is off by default here (tests fund players through adjustBalance); its own tests turn it on.
export const testConfig: ApiConfig = {
  ...defaultApiConfig,
  nodeEnv: 'test',
  jwtSecret: randomBytes(32).toString('base64url'),
  adminSecurity: { ...defaultApiConfig.adminSecurity, fourEyesThreshold: null },
};

export async function createTestEnv(
  opts: {
    clock?: Clock;
    config?: Partial<ApiConfig>;
    maxConnections?: number;
    payments?: (db: Db) => PaymentGateway;
    /** The principal cache kept fresh by LISTEN, as the server runs (default on). */
    principalCache?: boolean;
  } = {},
): Promise<TestEnv> {
  const id = randomBytes(5).toString('hex');
  const url = process.env.DATABASE_URL;
  let dropDb: (() => Promise<void>) | null = null;
  let handle: DbHandle;
  if (url) {
    const template = process.env.CASINO_TEST_TEMPLATE;
    if (!template) throw new Error('global setup did not create the template database');
    const name = testDatabaseName(id);
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
    await admin.end();
    handle = await createDb({ url: withDatabase(url, name), maxConnections: opts.maxConnections ?? 20 });
    dropDb = async () => {
      const a = postgres(url, { max: 1, onnotice: () => {} });
      await a.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await a.end();
    };
  } else {
    handle = await createDb({});
    await runMigrations(handle);
  }
  const kv = process.env.REDIS_URL ? createRedisKv(process.env.REDIS_URL, `t:${id}:`) : createMemoryKv(`t:${id}:`);
  const principals = opts.principalCache === false ? null : await startPrincipalCache(handle, silentLogger);
  const deps: Deps = {
    db: handle.db,
    kv,
    bus: new EventBus(handle.db, kv, silentLogger),
    clock: opts.clock ?? systemClock,
    config: { ...testConfig, ...opts.config },
    logger: silentLogger,
    payments: opts.payments?.(handle.db) ?? createSandboxGateway(handle.db),
    ...(principals ? { principals: principals.cache } : {}),
  };
  await ensureDefaultInvite(deps);
  return {
    deps,
    handle,
    kv,
    async close() {
      await deps.bus.idle();
      await kv.flush();
      await kv.close();
      await principals?.close();
      await handle.close();
      await dropDb?.();
    },
  };
}

export function callerFor(deps: Deps, accessToken?: string | null, meta?: { ip?: string; userAgent?: string; deviceId?: string }) {
  return createCaller(createInnerContext({ deps, accessToken: accessToken ?? null, meta: meta ?? {} }));
}

let seq = 0;
export function uniqueName(prefix = 'u'): string {
  seq += 1;
  return `${prefix}${process.pid % 10000}_${seq}_${randomBytes(2).toString('hex')}`.slice(0, 20).toLowerCase();
}

/** Signs up a fresh player with the dev invite code and returns its caller and tokens. */
export async function newPlayer(deps: Deps, overrides: { password?: string; nickname?: string } = {}) {
  const siteId = uniqueName('p');
  const password = overrides.password ?? 'correct-horse-1';
  const nickname = overrides.nickname ?? siteId;
  const res = await callerFor(deps).auth.signup({ siteId, nickname, password, inviteCode: testConfig.defaultInviteCode ?? '5858' });
  return { ...res, siteId, password, caller: callerFor(deps, res.accessToken) };
}

/** A player promoted to admin directly in the database (as an operator would). */
export async function newAdmin(deps: Deps) {
  return newStaff(deps, 'admin');
}

/** A player given a staff role (support or admin) directly in the database. */
export async function newStaff(deps: Deps, role: 'support' | 'admin') {
  const p = await newPlayer(deps);
  await editUser(deps, p.user.id, { role });
  return p;
}

/** Resolves when `cache` next forgets `userId` (its NOTIFY arrived, or a local forget). */
export function forgotten(cache: PrincipalCache, userId: number): Promise<void> {
  return new Promise((done) => {
    const off = cache.onChange((e) => {
      if ('forgot' in e && e.forgot === userId) {
        off();
        done();
      }
    });
  });
}

/**
 * An operator's hand edit of what authentication reads, in SQL: resolves once this instance's
 * principal cache has heard of it (the NOTIFY of migration 0010's trigger), as every instance
 * does within one notification. Each field given must differ from the row's (else no trigger).
 */
export async function editUser(
  deps: Pick<Deps, 'db' | 'principals'>,
  userId: number,
  set: Partial<{ role: TRole; rank: TRank; status: TUserStatus; nickname: string; mustChangePassword: boolean }>,
): Promise<void> {
  const heard = deps.principals ? forgotten(deps.principals, userId) : null;
  await deps.db.update(users).set(set).where(eq(users.id, userId));
  await heard;
}

/** A promise with its resolver (Promise.withResolvers needs Node 22): a signal tests wait on. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (v: T) => void } {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}
