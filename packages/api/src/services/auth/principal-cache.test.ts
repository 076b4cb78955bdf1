/**
 * The principal cache (principal-cache.ts): a signed-in call after the first needs no lookup,
 * and every change to what the lookup reads reaches every instance within one notification —
 * made by a service on another instance or by hand in SQL — while the instance that made it
 * forgets at once. While LISTEN is down nothing is served from the cache.
 */
import { queryRows } from '@casino/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../../deps';
import { silentLogger } from '../../infra/logger';
import { callerFor, createTestEnv, forgotten, newAdmin, newPlayer, type TestEnv } from '../../test/harness';
import { type PrincipalCache, startPrincipalCache } from './principal-cache';

let env: TestEnv;
/** A second instance: the same database and Redis, a cache and LISTEN connection of its own. */
let other: { deps: Deps; cache: PrincipalCache; close(): Promise<void> };
beforeAll(async () => {
  env = await createTestEnv();
  const started = await startPrincipalCache(env.handle, silentLogger);
  other = { deps: { ...env.deps, principals: started.cache }, cache: started.cache, close: started.close };
});
afterAll(async () => {
  await other.close();
  await env.close();
});

const reasonOf = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e) => e.cause?.reason ?? String(e),
  );

const trusted = (cache: PrincipalCache, value: boolean) =>
  new Promise<void>((done) => {
    const off = cache.onChange((e) => {
      if ('trusted' in e && e.trusted === value) {
        off();
        done();
      }
    });
  });

describe('principal cache', () => {
  it('answers a signed-in call after the first without a lookup', async () => {
    const p = await newPlayer(env.deps);
    const cache = env.deps.principals as PrincipalCache;
    await p.caller.auth.me();
    const before = { ...cache.stats };
    const me = await p.caller.auth.me();
    expect(me.nickname).toBe(p.user.nickname);
    expect(cache.stats.hits - before.hits).toBe(1);
    expect(cache.stats.misses - before.misses).toBe(0);
  });

  it('a ban on one instance refuses the next call on another, once its notification arrived', async () => {
    const admin = await newAdmin(env.deps);
    const p = await newPlayer(env.deps);
    const there = callerFor(other.deps, p.accessToken);
    await there.auth.me();
    const hits = other.cache.stats.hits;
    await there.auth.me();
    expect(other.cache.stats.hits).toBe(hits + 1);

    const seen = forgotten(other.cache, p.user.id);
    await admin.caller.admin.users.ban({ userId: p.user.id, reason: 'cache test' });
    await seen;
    expect(await reasonOf(there.auth.me())).toBe('account_banned');
    // …and on the instance that banned, at once.
    expect(await reasonOf(p.caller.auth.me())).toBe('account_banned');
  });

  it('a change made by hand in SQL (no service) reaches every instance: a role granted', async () => {
    const p = await newPlayer(env.deps);
    const here = p.caller;
    const there = callerFor(other.deps, p.accessToken);
    expect(await reasonOf(here.admin.users.list({}))).toBe('admin_required');
    expect(await reasonOf(there.admin.users.list({}))).toBe('admin_required');

    const seenHere = forgotten(env.deps.principals as PrincipalCache, p.user.id);
    const seenThere = forgotten(other.cache, p.user.id);
    await env.deps.db.execute(sql`UPDATE users SET role = 'admin' WHERE id = ${p.user.id}`);
    await Promise.all([seenHere, seenThere]);
    expect(await reasonOf(here.admin.users.list({}))).toBe('ok');
    expect(await reasonOf(there.admin.users.list({}))).toBe('ok');
  });

  it('a logout refuses the token at once on its own instance and after the notification on another', async () => {
    const p = await newPlayer(env.deps);
    const there = callerFor(other.deps, p.accessToken);
    await p.caller.auth.me();
    await there.auth.me();
    const seen = forgotten(other.cache, p.user.id);
    await p.caller.auth.logout();
    expect(await reasonOf(p.caller.auth.me())).toBe('token_revoked');
    await seen;
    expect(await reasonOf(there.auth.me())).not.toBe('ok');
  });

  it('does not store a lookup that raced a change', async () => {
    const p = await newPlayer(env.deps);
    const cache = other.cache;
    const principal = { ...p.user, role: 'user' as const, rank: 'STANDARD' as const, status: 'active' as const, mustChangePassword: false };
    const entry = { ...principal, sessionId: 'a', mfa: false, totpEnabled: false };
    const mark = cache.mark();
    cache.forget(p.user.id);
    cache.set(mark, entry);
    expect(cache.get(p.user.id, 'a')).toBeUndefined();
    cache.set(cache.mark(), entry);
    expect(cache.get(p.user.id, 'a')).toEqual(entry);
  });

  it('serves nothing while LISTEN is down, and starts empty when it is back', async () => {
    const p = await newPlayer(env.deps);
    const there = callerFor(other.deps, p.accessToken);
    await there.auth.me();
    const down = trusted(other.cache, false);
    const back = trusted(other.cache, true);
    if (env.handle.kind === 'postgres') {
      // The LISTEN connection's backend ends, as in a database restart or failover.
      const [row] = await queryRows<{ n: number }>(
        env.deps.db,
        sql`SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
            WHERE datname = current_database() AND query ILIKE 'LISTEN%' AND pid <> pg_backend_pid()`,
      );
      expect(row?.n).toBeGreaterThanOrEqual(1);
    } else {
      // PGlite runs in this process and never loses its listener: take the listener's part.
      other.cache.setTrusted(false);
    }
    await down;
    const misses = other.cache.stats.misses;
    await there.auth.me();
    await there.auth.me();
    expect(other.cache.stats.misses).toBe(misses + 2);
    if (env.handle.kind !== 'postgres') other.cache.setTrusted(true);
    await back;
    await there.auth.me();
    const hits = other.cache.stats.hits;
    await there.auth.me();
    expect(other.cache.stats.hits).toBe(hits + 1);
  });
});
