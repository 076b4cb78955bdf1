/**
 * The game configuration applies without a restart on every instance: a publish on instance A
 * is used by the next spin on instance B (its own Redis connection and cache, one database and
 * one Redis; in the embedded mode one process plays both, as in apps/server/test/scale.test.ts),
 * a version announced by another instance's message is picked up, and a cache that never hears
 * of a version reloads within its TTL. A spin on a warm cache reads no configuration row.
 */
import { gameConfigVersions } from '@casino/db';
import { DEFAULT_GAME_CONFIG, gameConfigRtp, type TGameConfig } from '@casino/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../../deps';
import { manualClock } from '../../infra/clock';
import { createMemoryKv } from '../../infra/kv-memory';
import { createRedisKv } from '../../infra/kv-redis';
import { silentLogger } from '../../infra/logger';
import { EventBus } from '../../realtime/bus';
import { callerFor, createTestEnv, deferred, newAdmin, newPlayer, type TestEnv } from '../../test/harness';
import { activeGameConfig, CACHE_TTL_MS, CONFIG_CHANNEL, onVersionAnnounced } from './cache';

let env: TestEnv;
let depsB: Deps;
const closers: (() => Promise<void>)[] = [];
beforeAll(async () => {
  env = await createTestEnv();
  const redisUrl = process.env.REDIS_URL;
  // Instance B: a second Redis connection (same key prefix) and so a cache of its own.
  const kvB = redisUrl ? createRedisKv(redisUrl, env.kv.prefix) : env.kv;
  if (kvB !== env.kv) closers.push(() => kvB.close());
  depsB = { ...env.deps, kv: kvB, bus: new EventBus(env.deps.db, kvB, silentLogger) };
});
afterAll(async () => {
  for (const c of closers) await c();
  await env.close();
});

const withSeven = (base: TGameConfig, seven: number): TGameConfig => ({
  ...base,
  slot: { ...base.slot, paytable: { ...base.slot.paytable, triple: { ...base.slot.paytable.triple, seven } } },
});

/** Resolves once `kv`'s instance has heard of `version` (the Redis message arrived). */
function announced(kv: Deps['kv'], version: number): Promise<void> {
  const heard = deferred();
  const off = onVersionAnnounced(kv, (v) => {
    if (v >= version) heard.resolve();
  });
  return heard.promise.finally(off);
}

describe('game configuration across instances', () => {
  it('a publish on A is used by the next spin on B, without a restart', async () => {
    const admin = await newAdmin(env.deps);
    const p = await newPlayer(env.deps);
    const onB = callerFor(depsB, p.accessToken);
    expect((await onB.games.slot.spin({ bet: 10 })).configVersion).toBe(1); // B's cache is warm on version 1
    const base = (await admin.caller.admin.games.active()).version;
    const heard = announced(depsB.kv, base + 1);
    const res = await admin.caller.admin.games.publish({
      baseVersion: base,
      draft: withSeven(DEFAULT_GAME_CONFIG, 130),
      reason: 'published on A',
    });
    await heard;
    const spin = await onB.games.slot.spin({ bet: 10 });
    expect(spin.configVersion).toBe(res.version);
    expect((await callerFor(depsB).games.slot.config()).paytable.triple.seven).toBe(130);
  });

  it('a version announced by another instance (row committed, then the message) is picked up', async () => {
    const { version } = await activeGameConfig(env.deps);
    const next = version + 1;
    const config = withSeven(DEFAULT_GAME_CONFIG, 125);
    await env.deps.db.insert(gameConfigVersions).values({ version: next, config, rtp: gameConfigRtp(config), reason: 'elsewhere' });
    // Not yet announced: the warm cache keeps serving the version it has.
    expect((await activeGameConfig(env.deps)).version).toBe(version);
    const heard = announced(env.deps.kv, next);
    await depsB.kv.publish(CONFIG_CHANNEL, String(next));
    await heard;
    expect(await activeGameConfig(env.deps)).toEqual({ version: next, config });
  });

  it('a cache that never hears of a version reloads within its TTL', async () => {
    const clock = manualClock();
    // Instance C: in-process Redis roles of its own, so no message of this database reaches it.
    const kvC = createMemoryKv('c:');
    closers.push(() => kvC.close());
    const depsC: Deps = { ...env.deps, kv: kvC, bus: new EventBus(env.deps.db, kvC, silentLogger), clock };
    const { version } = await activeGameConfig(depsC);
    const config = withSeven(DEFAULT_GAME_CONFIG, 121);
    await env.deps.db.insert(gameConfigVersions).values({ version: version + 1, config, rtp: gameConfigRtp(config), reason: 'silent' });
    clock.advance(CACHE_TTL_MS - 1);
    expect((await activeGameConfig(depsC)).version).toBe(version);
    clock.advance(1);
    expect((await activeGameConfig(depsC)).version).toBe(version + 1);
  });

  it('a warm cache answers without touching the database (the spin pays no query for it)', async () => {
    const warm = await activeGameConfig(env.deps);
    const noDb = new Proxy(env.deps.db, {
      get() {
        throw new Error('the database was used');
      },
    });
    expect(await activeGameConfig({ ...env.deps, db: noDb })).toBe(warm);
  });
});
