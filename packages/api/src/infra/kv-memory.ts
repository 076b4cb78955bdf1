/**
 * In-process Kv for a single server instance (embedded mode): same semantics as
 * kv-redis.ts for the commands we use, with TTLs checked on access; kv.test.ts runs
 * the same contract against both.
 */
import { RateLimiterMemory } from 'rate-limiter-flexible';
import type { Kv, LimiterOptions, StreamEntry } from './kv';
import { compareStreamIds } from './kv';

type Entry = { value: string; expiresAt: number | null };
/** Like Redis, each stream remembers its own last id: ids are "ms-seq", increasing per stream. */
type Stream = { entries: StreamEntry[]; lastMs: number; lastSeq: number };

export function createMemoryKv(prefix = ''): Kv {
  const strings = new Map<string, Entry>();
  const zsets = new Map<string, Map<string, number>>();
  const reservations = new Map<string, Map<string, { quantity: number; expiresAt: number }>>();
  const liveReservations = (key: string, now: number) => {
    const held = reservations.get(key) ?? new Map<string, { quantity: number; expiresAt: number }>();
    reservations.set(key, held);
    for (const [h, r] of held) if (r.expiresAt <= now) held.delete(h);
    return held;
  };
  const streams = new Map<string, Stream>();
  /** Consumer groups per stream: the last id handed out and the pending entries with their consumer. */
  const groups = new Map<string, Map<string, { lastId: string; pending: Map<string, string> }>>();
  const channels = new Map<string, Set<(m: string) => void>>();
  // Limiters are handed out as proxies so flush() can reset their state like FLUSHDB would.
  const limiters: { opts: LimiterOptions; current: RateLimiterMemory }[] = [];
  const makeLimiter = (o: LimiterOptions) => new RateLimiterMemory({ keyPrefix: o.keyPrefix, points: o.points, duration: o.durationSec });

  const xadd = (key: string, data: string, maxLen: number) => {
    const s = streams.get(key) ?? { entries: [], lastMs: 0, lastSeq: -1 };
    streams.set(key, s);
    const ms = Date.now();
    if (ms > s.lastMs) {
      s.lastMs = ms;
      s.lastSeq = 0;
    } else s.lastSeq++;
    const id = `${s.lastMs}-${s.lastSeq}`;
    s.entries.push({ id, data });
    if (s.entries.length > maxLen) s.entries.splice(0, s.entries.length - maxLen);
    return id;
  };
  const publish = (channel: string, message: string) => {
    // Redis delivers asynchronously; so do we, to keep ordering assumptions honest.
    const hs = channels.get(channel);
    if (hs)
      queueMicrotask(() => {
        for (const h of hs) h(message);
      });
  };

  // Window sets expire like Redis keys (PEXPIRE): checked on access, swept now and then.
  const windowExpiry = new Map<string, number>();
  let hitsSinceSweep = 0;
  const windowSet = (key: string): Map<string, number> | undefined => {
    const exp = windowExpiry.get(key);
    if (exp !== undefined && exp <= Date.now()) {
      zsets.delete(key);
      windowExpiry.delete(key);
    }
    return zsets.get(key);
  };
  const sweepWindows = () => {
    const now = Date.now();
    for (const [key, exp] of windowExpiry)
      if (exp <= now) {
        zsets.delete(key);
        windowExpiry.delete(key);
      }
  };
  const countNewer = (z: Map<string, number> | undefined, bound: number) => {
    let n = 0;
    for (const score of z?.values() ?? []) if (score > bound) n++;
    return n;
  };

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
        const string = live(key) !== undefined && strings.delete(key);
        groups.delete(key);
        if (string || zsets.delete(key) || streams.delete(key)) n++;
      }
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
    async zrem(key, ...members) {
      const z = zsets.get(key);
      let n = 0;
      for (const member of members) if (z?.delete(member)) n++;
      if (z?.size === 0) zsets.delete(key); // Redis drops an emptied set
      return n;
    },
    async xrangeAfter(key, afterId, count) {
      return (streams.get(key)?.entries ?? []).filter((e) => compareStreamIds(e.id, afterId) > 0).slice(0, count);
    },
    async appendEvents(events, { maxLen, dedupeTtlMs }) {
      const ids: string[] = [];
      for (const e of events) {
        const seen = live(e.dedupeKey)?.value;
        if (seen) {
          ids.push(seen);
          continue;
        }
        const id = xadd(e.stream, e.data, maxLen);
        publish(e.channel, `${id} ${e.data}`);
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
    async reserve(key, holder, quantity, capacity, ttlMs) {
      const now = Date.now();
      const held = liveReservations(key, now);
      let used = 0;
      for (const [h, r] of held) if (h !== holder) used += r.quantity;
      if (used + quantity > capacity) return false;
      held.set(holder, { quantity, expiresAt: now + ttlMs });
      return true;
    },
    async unreserve(key, holder) {
      reservations.get(key)?.delete(holder);
    },
    async reserved(key) {
      let used = 0;
      for (const r of liveReservations(key, Date.now()).values()) used += r.quantity;
      return used;
    },
    async publish(channel, message) {
      publish(channel, message);
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
      reservations.clear();
      zsets.clear();
      windowExpiry.clear();
      streams.clear();
      groups.clear();
      for (const slot of limiters) slot.current = makeLimiter(slot.opts);
    },
    async close() {
      channels.clear();
    },
    async windowHit(hits, nowMs) {
      if (++hitsSinceSweep >= 1000) {
        hitsSinceSweep = 0;
        sweepWindows();
      }
      return hits.map((h) => {
        const longest = Math.max(...h.windowsMs);
        const z = windowSet(h.key) ?? new Map<string, number>();
        zsets.set(h.key, z);
        for (const [m, score] of z) if (score <= nowMs - longest) z.delete(m);
        z.set(h.member, nowMs);
        // ZREMRANGEBYRANK 0 -cap-1: the lowest (score, member) go first.
        while (z.size > Math.max(1, h.cap)) {
          let oldest: [string, number] | null = null;
          for (const e of z) if (!oldest || e[1] < oldest[1] || (e[1] === oldest[1] && e[0] < oldest[0])) oldest = e;
          if (oldest) z.delete(oldest[0]);
        }
        windowExpiry.set(h.key, Date.now() + longest);
        return h.windowsMs.map((w) => countNewer(z, nowMs - w));
      });
    },
    async windowCount(queries, nowMs) {
      return queries.map((q) => {
        const z = windowSet(q.key);
        return q.windowsMs.map((w) => countNewer(z, nowMs - w));
      });
    },
    async zcount(key, min, max) {
      let n = 0;
      for (const score of zsets.get(key)?.values() ?? []) if (score >= min && score <= max) n++;
      return n;
    },
    async zremRangeByScore(key, min, max) {
      const z = zsets.get(key);
      if (!z) return 0;
      let n = 0;
      for (const [m, score] of z)
        if (score >= min && score <= max) {
          z.delete(m);
          n++;
        }
      if (z.size === 0) zsets.delete(key);
      return n;
    },
    async xadd(key, data, { maxLen }) {
      return xadd(key, data, maxLen);
    },
    async xreadGroup(key, group, consumer, { count, pending }) {
      const byName = groups.get(key) ?? new Map<string, { lastId: string; pending: Map<string, string> }>();
      groups.set(key, byName);
      const g = byName.get(group) ?? { lastId: '0-0', pending: new Map<string, string>() };
      byName.set(group, g);
      const entries = streams.get(key)?.entries ?? [];
      if (pending) {
        const mine = [...g.pending].filter(([, c]) => c === consumer).map(([id]) => id);
        const byId = new Map(entries.map((e) => [e.id, e]));
        const out: StreamEntry[] = [];
        for (const id of mine.sort(compareStreamIds)) {
          const e = byId.get(id);
          if (!e)
            g.pending.delete(id); // trimmed from the stream: nothing left to redo (as kv-redis acknowledges it)
          else if (out.length < count) out.push(e);
        }
        return out;
      }
      const fresh = entries.filter((e) => compareStreamIds(e.id, g.lastId) > 0).slice(0, count);
      for (const e of fresh) g.pending.set(e.id, consumer);
      const last = fresh.at(-1);
      if (last) g.lastId = last.id;
      return fresh;
    },
    async xack(key, group, ids) {
      const g = groups.get(key)?.get(group);
      let n = 0;
      for (const id of ids) if (g?.pending.delete(id)) n++;
      return n;
    },
  };
}
