/**
 * In-process Kv for a single server instance (embedded mode): same semantics as
 * kv-redis.ts for the commands we use, with TTLs checked on access.
 */
import { RateLimiterMemory } from 'rate-limiter-flexible';
import type { Kv, LimiterOptions, StreamEntry } from './kv';
import { compareStreamIds } from './kv';

type Entry = { value: string; expiresAt: number | null };

export function createMemoryKv(prefix = ''): Kv {
  const strings = new Map<string, Entry>();
  const zsets = new Map<string, Map<string, number>>();
  const streams = new Map<string, StreamEntry[]>();
  const channels = new Map<string, Set<(m: string) => void>>();
  // Limiters are handed out as proxies so flush() can reset their state like FLUSHDB would.
  const limiters: { opts: LimiterOptions; current: RateLimiterMemory }[] = [];
  const makeLimiter = (o: LimiterOptions) => new RateLimiterMemory({ keyPrefix: o.keyPrefix, points: o.points, duration: o.durationSec });
  let lastMs = 0;
  let seq = 0;

  const live = (key: string): Entry | undefined => {
    const e = strings.get(key);
    if (e && e.expiresAt !== null && e.expiresAt <= Date.now()) {
      strings.delete(key);
      return undefined;
    }
    return e;
  };

  return {
    kind: 'memory',
    prefix,
    async ping() {},
    async get(key) {
      return live(key)?.value ?? null;
    },
    async set(key, value, opts = {}) {
      if (opts.nx && live(key)) return false;
      strings.set(key, { value, expiresAt: opts.ttlMs ? Date.now() + opts.ttlMs : null });
      return true;
    },
    async del(...keys) {
      let n = 0;
      for (const key of keys) {
        if (live(key)) n++;
        if (strings.delete(key) || zsets.delete(key) || streams.delete(key)) continue;
      }
      return n;
    },
    async incr(key, by = 1, ttlMs) {
      const e = live(key);
      const n = (e ? Number(e.value) : 0) + by;
      strings.set(key, { value: String(n), expiresAt: e ? e.expiresAt : ttlMs ? Date.now() + ttlMs : null });
      return n;
    },
    async zadd(key, score, member) {
      const z = zsets.get(key) ?? new Map<string, number>();
      zsets.set(key, z);
      z.set(member, score);
    },
    async zrangeByScore(key, max, limit) {
      const z = zsets.get(key);
      if (!z) return [];
      return [...z.entries()]
        .filter(([, s]) => s <= max)
        .sort((a, b) => a[1] - b[1])
        .slice(0, limit)
        .map(([m]) => m);
    },
    async zrem(key, member) {
      return zsets.get(key)?.delete(member) ? 1 : 0;
    },
    async xadd(key, data, maxLen) {
      const ms = Date.now();
      if (ms > lastMs) {
        lastMs = ms;
        seq = 0;
      } else seq++;
      const id = `${lastMs}-${seq}`;
      const s = streams.get(key) ?? [];
      streams.set(key, s);
      s.push({ id, data });
      if (s.length > maxLen) s.splice(0, s.length - maxLen);
      return id;
    },
    async xrangeAfter(key, afterId, count) {
      return (streams.get(key) ?? []).filter((e) => compareStreamIds(e.id, afterId) > 0).slice(0, count);
    },
    async appendEvents(events, { maxLen, dedupeTtlMs }) {
      const ids: string[] = [];
      for (const e of events) {
        const seen = live(e.dedupeKey)?.value;
        if (seen) {
          ids.push(seen);
          continue;
        }
        const id = await this.xadd(e.stream, e.data, maxLen);
        await this.publish(e.channel, `${id} ${e.data}`);
        strings.set(e.dedupeKey, { value: id, expiresAt: Date.now() + dedupeTtlMs });
        ids.push(id);
      }
      return ids;
    },
    async acquireLease(sets, member, ttlMs) {
      const now = Date.now();
      const lease = (key: string) => {
        const z = zsets.get(key) ?? new Map<string, number>();
        zsets.set(key, z);
        for (const [m, exp] of z) if (exp <= now) z.delete(m);
        return z;
      };
      if (sets.some((s) => !lease(s.key).has(member) && lease(s.key).size >= s.limit)) return false;
      for (const s of sets) lease(s.key).set(member, now + ttlMs);
      return true;
    },
    async releaseLease(keys, member) {
      for (const key of keys) zsets.get(key)?.delete(member);
    },
    async publish(channel, message) {
      // Redis delivers asynchronously; so do we, to keep ordering assumptions honest.
      const hs = channels.get(channel);
      if (hs)
        queueMicrotask(() => {
          for (const h of hs) h(message);
        });
    },
    async subscribe(channel, handler) {
      const hs = channels.get(channel) ?? new Set();
      channels.set(channel, hs);
      hs.add(handler);
      return async () => {
        hs.delete(handler);
      };
    },
    limiter(opts) {
      const slot = { opts, current: makeLimiter(opts) };
      limiters.push(slot);
      return new Proxy(slot.current, {
        get: (_target, prop) => {
          const value = Reflect.get(slot.current, prop, slot.current);
          return typeof value === 'function' ? value.bind(slot.current) : value;
        },
      });
    },
    async flush() {
      strings.clear();
      zsets.clear();
      streams.clear();
      for (const slot of limiters) slot.current = makeLimiter(slot.opts);
    },
    async close() {
      channels.clear();
    },
  };
}
