/**
 * Kv on real Redis: one command connection plus one subscriber connection.
 * Every command gives up after COMMAND_TIMEOUT_MS, and a Redis that cannot answer
 * surfaces as DomainError('service_unavailable'): callers either degrade (reads) or
 * answer SERVICE_UNAVAILABLE, never a 500 and never a request that waits for seconds.
 */
import { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { DomainError } from '../errors';
import type { Kv } from './kv';

/**
 * Long enough that a busy event loop (a reply read late because the process was at work) is not
 * taken for a dead Redis — 250 ms failed bets and deliveries under load — and short enough that no
 * call waits for seconds.
 */
export const COMMAND_TIMEOUT_MS = 1000;
/** SUBSCRIBE / UNSUBSCRIBE on the subscriber connection. */
export const SUBSCRIBE_TIMEOUT_MS = 5000;

/** A reply error is Redis refusing a command (a bug); anything else is Redis out of reach. */
function unavailable(err: unknown): unknown {
  if (err instanceof RateLimiterRes || (err as Error)?.name === 'ReplyError' || err instanceof DomainError) return err;
  return new DomainError('service_unavailable', { service: 'redis' });
}
const guard = <T>(p: Promise<T>): Promise<T> =>
  p.catch((err) => {
    throw unavailable(err);
  });

/** The limiter's store calls fail like every other command (its "limit reached" RateLimiterRes passes through). */
function guarded<T extends object>(limiter: T): T {
  return new Proxy(limiter, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const res = value.apply(target, args);
        return res instanceof Promise ? guard(res) : res;
      };
    },
  });
}

// Defined as commands: ioredis sends EVALSHA and the script text only when Redis lacks it.
// KEYS: stream, channel, dedupe key. ARGV: maxLen, data, dedupe TTL (ms).
const APPEND_EVENT = `local seen = redis.call('GET', KEYS[3])
if seen then return seen end
local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', 'd', ARGV[2])
redis.call('PUBLISH', KEYS[2], id .. ' ' .. ARGV[2])
redis.call('SET', KEYS[3], id, 'PX', ARGV[3])
return id`;
// KEYS: lease sets. ARGV: now, expiresAt, member, ttlMs, then one limit per key.
const ACQUIRE_LEASE = `for i, key in ipairs(KEYS) do
  redis.call('ZREMRANGEBYSCORE', key, '-inf', ARGV[1])
  if not redis.call('ZSCORE', key, ARGV[3]) and redis.call('ZCARD', key) >= tonumber(ARGV[4 + i]) then return 0 end
end
for _, key in ipairs(KEYS) do
  redis.call('ZADD', key, ARGV[2], ARGV[3])
  redis.call('PEXPIRE', key, ARGV[4])
end
return 1`;

/** Members are `holder` with the quantity in a hash beside the sorted set of expiries. */
const DROP_EXPIRED = `local expired = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
if #expired > 0 then
  redis.call('HDEL', KEYS[2], unpack(expired))
  redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
end
local held = 0
local live = redis.call('ZRANGE', KEYS[1], 0, -1)
`;

const RESERVE = `${DROP_EXPIRED}
for _, m in ipairs(live) do
  if m ~= ARGV[3] then held = held + (tonumber(redis.call('HGET', KEYS[2], m)) or 0) end
end
if held + tonumber(ARGV[4]) > tonumber(ARGV[5]) then return 0 end
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[3])
redis.call('HSET', KEYS[2], ARGV[3], ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[6])
redis.call('PEXPIRE', KEYS[2], ARGV[6])
return 1`;

const RESERVED = `${DROP_EXPIRED}
for _, m in ipairs(live) do held = held + (tonumber(redis.call('HGET', KEYS[2], m)) or 0) end
return held`;

// KEYS: the window set. ARGV: now, member, cap, ttlMs, drop-at-or-below score, then one
// exclusive lower bound per window (bounds are computed by the caller: no float formatting in Lua).
const WINDOW_HIT = `redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[5])
redis.call('ZADD', KEYS[1], ARGV[1], ARGV[2])
redis.call('ZREMRANGEBYRANK', KEYS[1], 0, -tonumber(ARGV[3]) - 1)
redis.call('PEXPIRE', KEYS[1], ARGV[4])
local counts = {}
for i = 6, #ARGV do counts[#counts + 1] = redis.call('ZCOUNT', KEYS[1], '(' .. ARGV[i], '+inf') end
return counts`;

/**
 * Commands this process sent on Kv command connections (a script call is one; the
 * subscriber connection is not counted): a plain integer bumped per command, exported by
 * /metrics as casino_redis_commands_total, divided by requests in `pnpm bench`.
 */
export const redisCommands = { count: 0 };

export function createRedisKv(url: string, prefix = ''): Kv {
  // No auto-pipelining: its pipelines lack commands defined later with defineCommand, which
  // rate-limiter-flexible does lazily (seen failing as "pipeline[functionName] is not a function").
  // The offline queue rides out a reconnect; commandTimeout bounds the wait, queued or sent.
  const redis = new Redis(url, {
    maxRetriesPerRequest: 1,
    enableOfflineQueue: true,
    lazyConnect: false,
    commandTimeout: COMMAND_TIMEOUT_MS,
  });
  redis.on('error', () => {
    // Connection errors surface on the commands that fail; /health reports them.
  });
  // Every command, pipelines and defined scripts included, goes through sendCommand.
  const send = redis.sendCommand.bind(redis) as (...args: unknown[]) => unknown;
  redis.sendCommand = ((...args: unknown[]) => {
    redisCommands.count++;
    return send(...args);
  }) as Redis['sendCommand'];
  redis.defineCommand('appendEvent', { numberOfKeys: 3, lua: APPEND_EVENT });
  redis.defineCommand('acquireLease', { lua: ACQUIRE_LEASE });
  redis.defineCommand('reserveUnits', { numberOfKeys: 2, lua: RESERVE });
  redis.defineCommand('reservedUnits', { numberOfKeys: 2, lua: RESERVED });
  redis.defineCommand('windowHit', { numberOfKeys: 1, lua: WINDOW_HIT });
  type Scripted = {
    appendEvent(stream: string, channel: string, dedupe: string, maxLen: number, data: string, ttlMs: number): Promise<string>;
    acquireLease(numKeys: number, ...args: (string | number)[]): Promise<number>;
    reserveUnits(zset: string, hash: string, ...args: (string | number)[]): Promise<number>;
    reservedUnits(zset: string, hash: string, now: number): Promise<number>;
  };
  const scripted = redis as Redis & Scripted;
  // Opened now, without the INFO ready check: SUBSCRIBE issued while that check runs would be refused.
  // Its own timeout: thousands of streams opening at once (a reconnect wave after a deploy) queue
  // their SUBSCRIBEs on this one connection, and a 250 ms limit failed some of them (pnpm bench live).
  const sub = redis.duplicate({ enableReadyCheck: false, commandTimeout: SUBSCRIBE_TIMEOUT_MS });
  sub.on('error', () => {});
  const handlers = new Map<string, Set<(m: string) => void>>();
  const pending = new Map<string, Promise<unknown>>();
  sub.on('message', (channel: string, message: string) => {
    for (const h of handlers.get(channel) ?? []) h(message);
  });
  const k = (key: string) => prefix + key;

  return {
    kind: 'redis',
    prefix,
    async ping() {
      await guard(redis.ping());
    },
    get: (key) => guard(redis.get(k(key))),
    async set(key, value, opts = {}) {
      const args: (string | number)[] = [k(key), value];
      if (opts.ttlMs) args.push('PX', Math.max(1, Math.ceil(opts.ttlMs)));
      if (opts.nx) args.push('NX');
      const res = await guard(redis.call('SET', ...args));
      return res === 'OK';
    },
    del: (...keys) => (keys.length ? guard(redis.del(...keys.map(k))) : Promise.resolve(0)),
    async zadd(key, score, member) {
      await guard(redis.zadd(k(key), score, member));
    },
    zrangeByScore: (key, max, limit) => guard(redis.zrangebyscore(k(key), '-inf', max, 'LIMIT', 0, limit)),
    zrem: (key, ...members) => (members.length ? guard(redis.zrem(k(key), ...members)) : Promise.resolve(0)),
    async xrangeAfter(key, afterId, count) {
      const rows = await guard(redis.xrange(k(key), `(${afterId}`, '+', 'COUNT', count));
      return rows.map(([id, fields]) => ({ id, data: fields[1] ?? '' }));
    },
    async appendEvents(events, { maxLen, dedupeTtlMs }) {
      if (events.length === 0) return [];
      // Queued in the pipeline; results come from exec().
      const p = redis.pipeline() as unknown as {
        appendEvent(...args: (string | number)[]): void;
        exec(): Promise<[Error | null, unknown][] | null>;
      };
      for (const e of events) p.appendEvent(k(e.stream), k(e.channel), k(e.dedupeKey), maxLen, e.data, dedupeTtlMs);
      const res = (await guard(p.exec())) ?? [];
      return res.map(([err, id]) => {
        // A command that failed inside the pipeline fails like any other call: kv_unavailable.
        if (err) throw unavailable(err);
        return String(id);
      });
    },
    async acquireLease(sets, member, ttlMs) {
      const now = Date.now();
      const keys = sets.map((s) => k(s.key));
      const ok = await guard(scripted.acquireLease(keys.length, ...keys, now, now + ttlMs, member, ttlMs, ...sets.map((s) => s.limit)));
      return ok === 1;
    },
    async releaseLease(keys, member) {
      if (keys.length === 0) return;
      const p = redis.pipeline();
      for (const key of keys) p.zrem(k(key), member);
      await guard(p.exec());
    },
    async reserve(key, holder, quantity, capacity, ttlMs) {
      const now = Date.now();
      const ok = await guard(scripted.reserveUnits(k(key), k(`${key}:qty`), now, now + ttlMs, holder, quantity, capacity, ttlMs));
      return ok === 1;
    },
    async unreserve(key, holder) {
      await guard(
        redis
          .pipeline()
          .zrem(k(key), holder)
          .hdel(k(`${key}:qty`), holder)
          .exec(),
      );
    },
    reserved: (key) => guard(scripted.reservedUnits(k(key), k(`${key}:qty`), Date.now())),
    async publish(channel, message) {
      await guard(redis.publish(k(channel), message));
    },
    async subscribe(channel, handler) {
      const ch = k(channel);
      let set = handlers.get(ch);
      if (!set) {
        set = new Set();
        handlers.set(ch, set);
        const subscribing = guard(sub.subscribe(ch));
        pending.set(ch, subscribing);
        try {
          await subscribing;
        } catch (err) {
          // A failed SUBSCRIBE must not leave a channel that looks subscribed but never delivers.
          handlers.delete(ch);
          throw err;
        } finally {
          pending.delete(ch);
        }
      } else {
        // Joining a channel whose SUBSCRIBE is still in flight: wait for it (and share its failure).
        await pending.get(ch);
      }
      set.add(handler);
      return async () => {
        const s = handlers.get(ch);
        if (!s) return;
        s.delete(handler);
        if (s.size === 0) {
          handlers.delete(ch);
          await sub.unsubscribe(ch).catch(() => {});
        }
      };
    },
    limiter: (o) =>
      guarded(
        new RateLimiterRedis({ storeClient: redis, keyPrefix: `${prefix}rl:${o.keyPrefix}`, points: o.points, duration: o.durationSec }),
      ),
    async flush() {
      if (!prefix) {
        await redis.flushdb();
        return;
      }
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
        cursor = next;
        if (keys.length) await redis.del(...keys);
      } while (cursor !== '0');
    },
    async close() {
      await Promise.allSettled([redis.quit(), sub.quit()]);
      // A QUIT that timed out (Redis unreachable) leaves the client reconnecting: stop it.
      redis.disconnect();
      sub.disconnect();
    },
    async windowHit(hits, nowMs) {
      if (hits.length === 0) return [];
      const p = redis.pipeline() as unknown as {
        windowHit(...args: (string | number)[]): void;
        exec(): Promise<[Error | null, unknown][] | null>;
      };
      for (const h of hits) {
        const longest = Math.max(...h.windowsMs);
        const bounds = h.windowsMs.map((w) => String(nowMs - w));
        p.windowHit(k(h.key), String(nowMs), h.member, Math.max(1, h.cap), longest, String(nowMs - longest), ...bounds);
      }
      const res = (await guard(p.exec())) ?? [];
      return res.map(([err, counts]) => {
        if (err) throw unavailable(err);
        return (counts as number[]).map(Number);
      });
    },
    async windowCount(queries, nowMs) {
      if (queries.length === 0) return [];
      const p = redis.pipeline();
      for (const q of queries) for (const w of q.windowsMs) p.zcount(k(q.key), `(${nowMs - w}`, '+inf');
      const res = (await guard(p.exec())) ?? [];
      let i = 0;
      return queries.map((q) =>
        q.windowsMs.map(() => {
          const [err, n] = res[i++] ?? [null, 0];
          if (err) throw unavailable(err);
          return Number(n);
        }),
      );
    },
    zcount: (key, min, max) => guard(redis.zcount(k(key), min, max)),
    zremRangeByScore: (key, min, max) => guard(redis.zremrangebyscore(k(key), min, max)),
    async xadd(key, data, { maxLen }) {
      return String(await guard(redis.xadd(k(key), 'MAXLEN', '~', maxLen, '*', 'd', data)));
    },
    async xreadGroup(key, group, consumer, { count, pending }) {
      const read = () =>
        redis.xreadgroup('GROUP', group, consumer, 'COUNT', count, 'STREAMS', k(key), pending ? '0' : '>') as Promise<
          [string, [string, string[] | null][]][] | null
        >;
      let res: Awaited<ReturnType<typeof read>>;
      try {
        res = await guard(read());
      } catch (err) {
        if (!String((err as Error).message).includes('NOGROUP')) throw err;
        // First read of this group (or the stream was deleted): create it at the start, then read.
        await guard(redis.xgroup('CREATE', k(key), group, '0', 'MKSTREAM')).catch((e: Error) => {
          if (!String(e.message).includes('BUSYGROUP')) throw e;
        });
        res = await guard(read());
      }
      const rows = res?.[0]?.[1] ?? [];
      // A pending entry trimmed from the stream comes back without fields: nothing is left to redo, so it is acknowledged.
      const gone = rows.filter(([, f]) => !f).map(([id]) => id);
      if (gone.length) await guard(redis.xack(k(key), group, ...gone));
      return rows.filter(([, f]) => f).map(([id, fields]) => ({ id, data: fields?.[1] ?? '' }));
    },
    xack: (key, group, ids) => (ids.length ? guard(redis.xack(k(key), group, ...ids)) : Promise.resolve(0)),
  };
}
