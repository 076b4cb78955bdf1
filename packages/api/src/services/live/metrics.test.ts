/**
 * Global metrics: the figures themselves (online window, rounds and big wins of the last hour)
 * and the shared cache behind them — one computation per period however many instances and
 * callers ask at once, the previous value served while the next is computed, the first value
 * awaited rather than computed twice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../../deps';
import { manualClock } from '../../infra/clock';
import type { Kv } from '../../infra/kv';
import { createRedisKv } from '../../infra/kv-redis';
import { callerFor, createTestEnv, deferred, newPlayer, type TestEnv } from '../../test/harness';
import { PRESENCE_KEY } from './presence';
import { sharedComputations, sharedValue } from './shared-cache';

const clock = manualClock('2026-06-01T12:00:00Z');
let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv({
    clock,
    config: { live: { bigWinThresholdGold: 50, largePurchaseCents: 5000, broadcastBatch: 1000, statsPeriodMs: 5000 } },
  });
});
afterAll(() => env.close());

const opened: Kv[] = [];
afterAll(async () => {
  for (const kv of opened) await kv.close();
});
/**
 * Another instance's Redis roles: its own connections to the same Redis, or, in embedded mode,
 * its own view of the one in-process store (so nothing in-process is shared but the data).
 */
function instanceKv(): Kv {
  if (!process.env.REDIS_URL) return { ...env.kv };
  const kv = createRedisKv(process.env.REDIS_URL, env.kv.prefix);
  opened.push(kv);
  return kv;
}

describe('sharedValue', () => {
  it('computes once per period across three instances and 150 concurrent callers; the next period computes once more', async () => {
    const instances = [instanceKv(), instanceKv(), instanceKv()];
    let computed = 0;
    const spec = {
      key: 'test:once',
      periodMs: 60_000,
      localMs: 0,
      compute: async () => {
        computed++;
        return { n: computed, at: new Date('2026-01-01T00:00:00Z') };
      },
    };
    const call = (kv: Kv) => sharedValue({ kv, logger: env.deps.logger }, spec);
    const first = await Promise.all(instances.flatMap((kv) => Array.from({ length: 50 }, () => call(kv))));
    expect(computed).toBe(1);
    // Everyone got the one value, dates intact.
    expect(new Set(first.map((v) => v.n))).toEqual(new Set([1]));
    expect(first[149]?.at).toEqual(new Date('2026-01-01T00:00:00Z'));
    expect(Object.values(instances.map((kv) => sharedComputations(kv)['test:once'] ?? 0)).reduce((a, b) => a + b)).toBe(1);

    // The period ends and Redis lost the value too: one more computation, the others wait for it.
    await env.kv.del('cache:test:once:slot', 'cache:test:once');
    const second = await Promise.all(instances.flatMap((kv) => Array.from({ length: 20 }, () => call(kv))));
    expect(computed).toBe(2);
    expect(new Set(second.map((v) => v.n))).toEqual(new Set([2]));
  });

  it('serves the previous value while the next period’s computation runs', async () => {
    const gate = deferred();
    const started = deferred();
    let computed = 0;
    const spec = {
      key: 'test:stale',
      periodMs: 200,
      localMs: 0,
      compute: async () => {
        computed++;
        if (computed === 2) {
          started.resolve();
          await gate.promise;
        }
        return computed;
      },
    };
    const a = { kv: instanceKv(), logger: env.deps.logger };
    const b = { kv: instanceKv(), logger: env.deps.logger };
    expect(await sharedValue(a, spec)).toBe(1);
    // The period passes: its slot expires in Redis.
    await expect.poll(() => env.kv.get('cache:test:stale:slot'), { timeout: 5000, interval: 20 }).toBeNull();
    const next = sharedValue(a, spec);
    await started.promise;
    expect(await sharedValue(b, spec)).toBe(1);
    gate.resolve();
    expect(await next).toBe(2);
    expect(computed).toBe(2);
  });

  it('expires with its period by itself', async () => {
    let computed = 0;
    const spec = { key: 'test:period', periodMs: 300, localMs: 0, compute: async () => ++computed };
    await sharedValue(env.deps, spec);
    await expect.poll(() => sharedValue({ kv: instanceKv(), logger: env.deps.logger }, spec), { timeout: 5000, interval: 50 }).toBe(2);
    expect(computed).toBe(2);
  });

  it('waits for the first value while another instance computes it instead of computing again', async () => {
    const gate = deferred();
    const started = deferred();
    let computed = 0;
    const spec = {
      key: 'test:first',
      periodMs: 60_000,
      compute: async () => {
        computed++;
        started.resolve();
        await gate.promise;
        return 'value';
      },
    };
    const a = sharedValue({ kv: instanceKv(), logger: env.deps.logger }, spec);
    await started.promise;
    const b = sharedValue({ kv: instanceKv(), logger: env.deps.logger }, spec);
    gate.resolve();
    expect(await Promise.all([a, b])).toEqual(['value', 'value']);
    expect(computed).toBe(1);
  });
});

describe('economy.metrics.global', () => {
  it('counts players seen in the last 5 minutes, rounds of the last hour and big wins, for anyone', async () => {
    await env.kv.del(PRESENCE_KEY, 'cache:metrics:global', 'cache:metrics:global:slot');
    const start = clock.now().getTime();
    const early = await newPlayer(env.deps);
    const spinsEarly = await Promise.all(Array.from({ length: 4 }, () => early.caller.games.slot.spin({ bet: 10 })));
    clock.set(new Date(start + 61 * 60 * 1000)); // the early rounds are now more than an hour old
    const late = await newPlayer(env.deps);
    const lateSpins: { payout: number }[] = [];
    // At least one big win (≥ 50 gold here), so the count is tested with something in it.
    while (lateSpins.length < 12 || !lateSpins.some((s) => s.payout >= 50)) {
      if (lateSpins.length > 300) throw new Error('no slot win of 50 in 300 spins');
      lateSpins.push(await late.caller.games.slot.spin({ bet: 20 }));
    }
    clock.advance(4 * 60 * 1000);
    const third = await newPlayer(env.deps);
    await third.caller.auth.me(); // seen now; `late` was seen 4 minutes ago, `early` an hour ago
    expect(spinsEarly).toHaveLength(4);

    const m = await callerFor(env.deps).economy.metrics.global();
    expect(m).toEqual({
      onlineUsers: 2,
      spinsLastHour: lateSpins.length,
      bigWinsLastHour: lateSpins.filter((s) => s.payout >= 50).length,
      generatedAt: clock.now(),
    });
    expect(Object.keys(m).sort()).toEqual(['bigWinsLastHour', 'generatedAt', 'onlineUsers', 'spinsLastHour']);
  });

  it('onGlobal ticks with the shared figures and ends with its signal; the interval is 2–30 s', async () => {
    const ac = new AbortController();
    const caller = callerFor(env.deps);
    const { createCaller } = await import('../../root');
    const { createInnerContext } = await import('../../context');
    const sub = await createCaller(createInnerContext({ deps: env.deps as Deps }), { signal: ac.signal }).economy.metrics.onGlobal({
      intervalSec: 2,
    });
    const seen: unknown[] = [];
    for await (const m of sub) {
      seen.push(m);
      if (seen.length === 2) ac.abort();
    }
    expect(seen).toHaveLength(2);
    expect(seen[0]).toMatchObject({ onlineUsers: expect.any(Number), spinsLastHour: expect.any(Number), generatedAt: expect.any(Date) });
    for (const intervalSec of [1, 31, 2.5])
      await expect(caller.economy.metrics.onGlobal({ intervalSec })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});
