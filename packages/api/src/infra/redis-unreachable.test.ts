/**
 * Redis out of reach (issue 6 #14): a client pointed at a closed port, in both test modes.
 * Commands give up after COMMAND_TIMEOUT_MS (ioredis commandTimeout) instead of retrying for
 * seconds; login and signup fail closed (their rate limits cannot be checked); reads and
 * games degrade and answer. Outcomes are asserted, not durations: the bound is the timeout.
 */
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../deps';
import { EventBus } from '../realtime/bus';
import { callerFor, createTestEnv, newAdmin, newPlayer, type TestEnv, testConfig, uniqueName } from '../test/harness';
import type { Kv } from './kv';
import { createRedisKv } from './kv-redis';
import { silentLogger } from './logger';

let env: TestEnv;
let dead: Kv;
let down: Deps;
beforeAll(async () => {
  env = await createTestEnv();
  dead = createRedisKv('redis://127.0.0.1:1', 'dead:');
  down = { ...env.deps, kv: dead, bus: new EventBus(env.deps.db, dead, silentLogger) };
});
afterAll(async () => {
  await dead.close();
  await env.close();
});

const meta = { ip: '198.51.100.7', userAgent: 'vitest' };
const outcome = (e: unknown) =>
  e instanceof TRPCError ? { code: e.code, reason: (e.cause as { reason?: string } | undefined)?.reason } : { untyped: String(e) };
const unavailable = { code: 'SERVICE_UNAVAILABLE', reason: 'service_unavailable' };

describe('Redis unreachable', () => {
  it('kv commands fail with service_unavailable instead of hanging', async () => {
    await expect(dead.get('k')).rejects.toMatchObject({ reason: 'service_unavailable' });
    await expect(dead.set('k', '1', { ttlMs: 1000, nx: true })).rejects.toMatchObject({ reason: 'service_unavailable' });
    await expect(dead.limiter({ keyPrefix: 'x', points: 1, durationSec: 1 }).consume('k')).rejects.toMatchObject({
      reason: 'service_unavailable',
    });
  });

  it('login fails closed with SERVICE_UNAVAILABLE, with and without a client address', async () => {
    const p = await newPlayer(env.deps);
    for (const m of [meta, {}]) {
      const res = await callerFor(down, null, m)
        .auth.login({ siteId: p.siteId, password: p.password })
        .catch((e) => e);
      expect(outcome(res)).toEqual(unavailable);
    }
  });

  it('signup fails closed with SERVICE_UNAVAILABLE and creates no account', async () => {
    const siteId = uniqueName('s');
    const res = await callerFor(down, null, meta)
      .auth.signup({ siteId, nickname: siteId, password: 'correct-horse-1', inviteCode: testConfig.defaultInviteCode ?? '5858' })
      .catch((e) => e);
    expect(outcome(res)).toEqual(unavailable);
    const retry = await callerFor(env.deps, null, meta).auth.signup({
      siteId,
      nickname: siteId,
      password: 'correct-horse-1',
      inviteCode: testConfig.defaultInviteCode ?? '5858',
    });
    expect(retry.user.siteId).toBe(siteId);
  });

  it('auth.me and wallet reads answer (the token blacklist check degrades)', async () => {
    const p = await newPlayer(env.deps);
    const caller = callerFor(down, p.accessToken, meta);
    expect((await caller.auth.me()).id).toBe(p.user.id);
    expect((await caller.economy.wallet.balance()).gold).toBe(1000);
  });

  it('slot.spin and rps.play settle without Redis, and the books balance', async () => {
    const p = await newPlayer(env.deps);
    const caller = callerFor(down, p.accessToken, meta);
    const spin = await caller.games.slot.spin({ bet: 10 });
    const rps = await caller.games.rps.play({ bet: 10, choice: 'rock' });
    expect((await caller.economy.wallet.balance()).gold).toBe(rps.balance);
    expect(spin.roundId).not.toBe(rps.roundId);
    const admin = await newAdmin(env.deps);
    expect((await admin.caller.admin.economy.reconcile()).violations).toEqual([]);
  });

  it('logout ends the session without Redis: the revoked session refuses the token', async () => {
    const p = await newPlayer(env.deps);
    expect(await callerFor(down, p.accessToken, meta).auth.logout()).toEqual({ ok: true });
    await expect(callerFor(env.deps, p.accessToken, meta).auth.me()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });
});
