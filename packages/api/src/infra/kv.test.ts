/**
 * One contract for both Kv implementations. It always runs against the in-process one
 * (kv-memory.ts) and, when REDIS_URL is set (CI sets it), against real Redis as well, so
 * the memory roles keep Redis semantics wherever the product relies on them.
 */
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Kv } from './kv';
import { compareStreamIds } from './kv';
import { createMemoryKv } from './kv-memory';
import { createRedisKv } from './kv-redis';

const redisUrl = process.env.REDIS_URL;
const implementations: [string, (prefix: string) => Kv][] = [
  ['memory', (prefix) => createMemoryKv(prefix)],
  ...(redisUrl ? [['redis', (prefix: string) => createRedisKv(redisUrl, prefix)] as [string, (prefix: string) => Kv]] : []),
];

describe.each(implementations)('Kv contract (%s)', (_name, create) => {
  const made: Kv[] = [];
  afterEach(async () => {
    for (const kv of made.splice(0)) {
      await kv.flush();
      await kv.close();
    }
  });
  /** A brand-new connection, as a server instance has right after start. */
  function freshKv(): Kv {
    const kv = create(`t:${randomBytes(4).toString('hex')}:`);
    made.push(kv);
    return kv;
  }
  const opts = { maxLen: 100, dedupeTtlMs: 60_000 };

  it('SET: NX refuses a live key, a TTL expires it, then NX succeeds; a plain SET clears the TTL', async () => {
    const kv = freshKv();
    expect(await kv.set('k', 'a', { nx: true })).toBe(true);
    expect(await kv.set('k', 'b', { nx: true })).toBe(false);
    expect(await kv.get('k')).toBe('a');
    expect(await kv.set('short', 'x', { ttlMs: 1 })).toBe(true);
    await expect.poll(() => kv.get('short')).toBeNull();
    expect(await kv.set('short', 'y', { nx: true, ttlMs: 60_000 })).toBe(true);
    expect(await kv.set('short', 'z')).toBe(true);
    expect(await kv.get('short')).toBe('z');
    expect(await kv.del('k', 'short', 'never')).toBe(2);
    expect(await kv.get('k')).toBeNull();
  });

  it('sorted sets: by score up to max, limited; ZREM and DEL count what existed', async () => {
    const kv = freshKv();
    await kv.zadd('z', 30, 'c');
    await kv.zadd('z', 10, 'a');
    await kv.zadd('z', 20, 'b');
    await kv.zadd('z', 5, 'c'); // re-scored
    expect(await kv.zrangeByScore('z', 20, 10)).toEqual(['c', 'a', 'b']);
    expect(await kv.zrangeByScore('z', 15, 1)).toEqual(['c']);
    expect(await kv.zrem('z', 'a')).toBe(1);
    expect(await kv.zrem('z', 'a')).toBe(0);
    expect(await kv.del('z')).toBe(1);
    expect(await kv.zrangeByScore('z', 100, 10)).toEqual([]);
  });

  it('stream ids are per stream: a new stream starts at seq 0, and each stream only increases', async () => {
    const kv = freshKv();
    const ev = (stream: string, i: number) => ({ stream, channel: `ch-${stream}`, data: `${i}`, dedupeKey: `d-${stream}-${i}` });
    // Many appends in the same millisecond to one stream must not advance another stream's ids.
    const busy = await kv.appendEvents(
      Array.from({ length: 30 }, (_, i) => ev('busy', i)),
      opts,
    );
    const firsts = await kv.appendEvents(
      Array.from({ length: 20 }, (_, i) => ev(`s${i}`, 0)),
      opts,
    );
    for (const id of firsts) expect(id).toMatch(/-0$/);
    const more = await kv.appendEvents([ev('busy', 30)], opts);
    const all = [...busy, ...more];
    for (let i = 1; i < all.length; i++) expect(compareStreamIds(all[i - 1] ?? '', all[i] ?? '')).toBeLessThan(0);
    expect(await kv.xrangeAfter('s3', '0-0', 10)).toEqual([{ id: firsts[3], data: '0' }]);
    expect((await kv.xrangeAfter('busy', busy[27] ?? '', 10)).map((e) => e.data)).toEqual(['28', '29', '30']);
  });

  it('delivers on 100 channels subscribed concurrently right after the connection opens', async () => {
    const kv = freshKv();
    const got = new Map<string, string[]>();
    await Promise.all(
      Array.from({ length: 100 }, (_, i) => kv.subscribe(`c${i}`, (m) => got.set(`c${i}`, [...(got.get(`c${i}`) ?? []), m]))),
    );
    // A second subscriber on a channel shares the one subscription.
    const extra: string[] = [];
    await kv.subscribe('c7', (m) => extra.push(m));
    const ids = await kv.appendEvents(
      Array.from({ length: 100 }, (_, i) => ({ stream: `s${i}`, channel: `c${i}`, data: `m${i}`, dedupeKey: `d${i}` })),
      opts,
    );
    await expect.poll(() => got.size, { timeout: 5000 }).toBe(100);
    expect(got.get('c42')).toEqual([`${ids[42]} m42`]);
    expect(extra).toEqual([`${ids[7]} m7`]);
  });

  it('appends events to their streams and publishes the same ids, once per dedupe key', async () => {
    const kv = freshKv();
    const seen: string[] = [];
    await kv.subscribe('ch', (m) => seen.push(m));
    const ev = (data: string, dedupeKey: string) => ({ stream: 'st', channel: 'ch', data, dedupeKey });
    const ids = await kv.appendEvents([ev('{"a":1}', 'd1'), ev('{"a":2}', 'd2')], opts);
    // A relay that published and died before recording it publishes again: nothing is doubled.
    const again = await kv.appendEvents([ev('{"a":1}', 'd1'), ev('{"a":3}', 'd3')], opts);
    expect(again[0]).toBe(ids[0]);
    await expect.poll(() => seen.length).toBe(3);
    expect(seen).toEqual([`${ids[0]} {"a":1}`, `${ids[1]} {"a":2}`, `${again[1]} {"a":3}`]);
    expect((await kv.xrangeAfter('st', '0-0', 10)).map((e) => e.data)).toEqual(['{"a":1}', '{"a":2}', '{"a":3}']);
    // The dedupe memory expires: after its TTL the same key appends again.
    const [late] = await kv.appendEvents([ev('{"a":4}', 'short')], { ...opts, dedupeTtlMs: 1 });
    await expect.poll(async () => (await kv.appendEvents([ev('{"a":4}', 'short')], { ...opts, dedupeTtlMs: 1 }))[0] !== late).toBe(true);
  });

  it('grants leases up to each limit, all or nothing, renews held ones and frees released ones', async () => {
    const kv = freshKv();
    const sets = (n: number) => [
      { key: 'session', limit: 2 },
      { key: 'user', limit: n },
    ];
    expect(await kv.acquireLease(sets(3), 'a', 60_000)).toBe(true);
    expect(await kv.acquireLease(sets(3), 'b', 60_000)).toBe(true);
    expect(await kv.acquireLease(sets(3), 'c', 60_000)).toBe(false);
    expect(await kv.acquireLease(sets(3), 'a', 60_000)).toBe(true);
    // The user set alone is full: the session set is left untouched.
    expect(
      await kv.acquireLease(
        [
          { key: 'other', limit: 5 },
          { key: 'user', limit: 2 },
        ],
        'd',
        60_000,
      ),
    ).toBe(false);
    expect(await kv.acquireLease([{ key: 'other', limit: 1 }], 'e', 60_000)).toBe(true);
    await kv.releaseLease(['session', 'user'], 'b');
    expect(await kv.acquireLease(sets(3), 'c', 60_000)).toBe(true);
    // Expired leases do not count: the full set frees itself once the lease's TTL passes.
    expect(await kv.acquireLease([{ key: 'short', limit: 1 }], 'x', 1)).toBe(true);
    await expect.poll(() => kv.acquireLease([{ key: 'short', limit: 1 }], 'y', 60_000)).toBe(true);
  });

  it('reserves units up to the capacity, atomically under a race, and frees released or expired ones', async () => {
    const kv = freshKv();
    expect(await kv.reserve('stock', 'a', 3, 5, 60_000)).toBe(true);
    expect(await kv.reserve('stock', 'b', 3, 5, 60_000)).toBe(false);
    expect(await kv.reserve('stock', 'b', 2, 5, 60_000)).toBe(true);
    expect(await kv.reserved('stock')).toBe(5);
    // The same holder again replaces its reservation rather than adding to it.
    expect(await kv.reserve('stock', 'a', 1, 5, 60_000)).toBe(true);
    expect(await kv.reserved('stock')).toBe(3);
    await kv.unreserve('stock', 'b');
    await kv.unreserve('stock', 'nobody');
    expect(await kv.reserved('stock')).toBe(1);
    // 40 holders race for 10 units of one each: exactly 10 win.
    const race = await Promise.all(Array.from({ length: 40 }, (_, i) => kv.reserve('race', `h${i}`, 1, 10, 60_000)));
    expect(race.filter(Boolean)).toHaveLength(10);
    expect(await kv.reserved('race')).toBe(10);
    // Expired reservations give their units back.
    expect(await kv.reserve('short', 'x', 1, 1, 1)).toBe(true);
    await expect.poll(() => kv.reserve('short', 'y', 1, 1, 60_000)).toBe(true);
    expect(await kv.reserved('short')).toBe(1);
    await kv.flush();
    expect(await kv.reserved('race')).toBe(0);
  });

  const MIN = 60_000;
  const HOUR = 60 * MIN;
  const T0 = 1_800_000_000_000;

  it('sliding windows: each hit counts in every window until it is older than the window; re-adding a member counts it once', async () => {
    const kv = freshKv();
    const hit = (member: string, at: number) => kv.windowHit([{ key: 'ip', member, windowsMs: [10 * MIN, HOUR], cap: 1000 }], at);
    expect(await hit('a', T0)).toEqual([[1, 1]]);
    expect(await hit('b', T0 + 5 * MIN)).toEqual([[2, 2]]);
    // a is exactly 11 minutes old: out of the 10-minute window, still in the hour.
    expect(await hit('c', T0 + 11 * MIN)).toEqual([[2, 3]]);
    // An entry exactly one window old is out (the bound is exclusive).
    expect(await kv.windowCount([{ key: 'ip', windowsMs: [11 * MIN, HOUR] }], T0 + 11 * MIN)).toEqual([[2, 3]]);
    expect(await hit('d', T0 + 61 * MIN)).toEqual([[1, 3]]);
    // Counting adds nothing.
    expect(await kv.windowCount([{ key: 'ip', windowsMs: [10 * MIN, HOUR] }], T0 + 61 * MIN)).toEqual([[1, 3]]);
    expect(await kv.windowCount([{ key: 'ip', windowsMs: [HOUR] }], T0 + 61 * MIN)).toEqual([[3]]);
    expect(await kv.windowCount([{ key: 'never', windowsMs: [HOUR, 10 * MIN] }], T0)).toEqual([[0, 0]]);

    // Distinct values: the same member moves to now instead of counting twice.
    const fp = (member: string, at: number) => kv.windowHit([{ key: 'fp', member, windowsMs: [24 * HOUR], cap: 100 }], at);
    expect(await fp('x', T0)).toEqual([[1]]);
    expect(await fp('x', T0 + MIN)).toEqual([[1]]);
    expect(await fp('y', T0 + 2 * MIN)).toEqual([[2]]);
    expect(await fp('x', T0 + 20 * HOUR)).toEqual([[2]]);
    // y was last seen 24 h ago; x only 5 h ago (its re-add refreshed it).
    expect(await fp('z', T0 + 2 * MIN + 24 * HOUR)).toEqual([[2]]);
  });

  it('sliding windows: several sets in one call, each answered in order', async () => {
    const kv = freshKv();
    await kv.windowHit([{ key: 'u', member: 'm1', windowsMs: [HOUR], cap: 10 }], T0);
    const res = await kv.windowHit(
      [
        { key: 'u', member: 'm2', windowsMs: [HOUR], cap: 10 },
        { key: 'v', member: 'm2', windowsMs: [HOUR, MIN], cap: 10 },
        { key: 'u', member: 'm3', windowsMs: [MIN], cap: 10 },
      ],
      T0 + 30_000,
    );
    expect(res).toEqual([[2], [1, 1], [3]]);
    expect(await kv.windowHit([], T0)).toEqual([]);
    expect(await kv.windowCount([], T0)).toEqual([]);
  });

  it('sliding windows: 100 concurrent hits are each counted exactly once', async () => {
    const kv = freshKv();
    const counts = await Promise.all(
      Array.from({ length: 100 }, (_, i) => kv.windowHit([{ key: 'race', member: `m${i}`, windowsMs: [HOUR], cap: 1000 }], T0 + i)),
    );
    // Atomic add-then-count: every caller saw a different total, 1 to 100.
    expect(counts.map(([c]) => c?.[0]).sort((a = 0, b = 0) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(await kv.windowCount([{ key: 'race', windowsMs: [HOUR] }], T0 + 100)).toEqual([[100]]);
  });

  it('sliding windows: the cap keeps the newest members', async () => {
    const kv = freshKv();
    for (let i = 0; i < 5; i++) await kv.windowHit([{ key: 'capped', member: `m${i}`, windowsMs: [100], cap: 3 }], T0 + 10 * i);
    expect(await kv.windowCount([{ key: 'capped', windowsMs: [1000] }], T0 + 40)).toEqual([[3]]);
    // Kept: the hits at +20, +30, +40 (the oldest kept would give 1 here).
    expect(await kv.windowCount([{ key: 'capped', windowsMs: [100] }], T0 + 115)).toEqual([[3]]);
  });

  it('sliding windows: a set expires after its longest window', async () => {
    const kv = freshKv();
    expect(await kv.windowHit([{ key: 'brief', member: 'a', windowsMs: [5, 1], cap: 10 }], T0)).toEqual([[1, 1]]);
    // Counted at the same instant, only the key's expiry can make it vanish.
    await expect.poll(() => kv.windowCount([{ key: 'brief', windowsMs: [5] }], T0)).toEqual([[0]]);
  });

  it('sorted sets: ZCOUNT and ZREMRANGEBYSCORE count and drop members by score, inclusive', async () => {
    const kv = freshKv();
    for (const [m, score] of [
      ['a', 10],
      ['b', 20],
      ['c', 30],
      ['d', 40],
    ] as const)
      await kv.zadd('seen', score, m);
    expect(await kv.zcount('seen', 20, 30)).toBe(2);
    expect(await kv.zcount('seen', 0, Number.POSITIVE_INFINITY)).toBe(4);
    expect(await kv.zcount('never', 0, 100)).toBe(0);
    expect(await kv.zremRangeByScore('seen', Number.NEGATIVE_INFINITY, 20)).toBe(2);
    expect(await kv.zrangeByScore('seen', 100, 10)).toEqual(['c', 'd']);
    expect(await kv.zremRangeByScore('seen', 0, 100)).toBe(2);
    // Emptied, the set is gone (DEL finds nothing).
    expect(await kv.del('seen')).toBe(0);
  });

  it('XADD appends in order, trimmed to about maxLen but never below it', async () => {
    const kv = freshKv();
    const ids: string[] = [];
    for (let i = 0; i < 250; i++) ids.push(await kv.xadd('log', `e${i}`, { maxLen: 100 }));
    for (let i = 1; i < ids.length; i++) expect(compareStreamIds(ids[i - 1] ?? '', ids[i] ?? '')).toBeLessThan(0);
    const kept = await kv.xrangeAfter('log', '0-0', 1000);
    expect(kept.length).toBeGreaterThanOrEqual(100);
    expect(kept.length).toBeLessThan(250);
    expect(kept.at(-1)).toEqual({ id: ids[249], data: 'e249' });
  });

  it('consumer groups: each entry goes to one consumer, stays pending until acknowledged, and is redone after a crash', async () => {
    const kv = freshKv();
    for (let i = 0; i < 5; i++) await kv.xadd('acts', `a${i}`, { maxLen: 1000 });
    // The group is created on first read, at the start of the stream.
    const first = await kv.xreadGroup('acts', 'analytics', 'w1', { count: 3 });
    expect(first.map((e) => e.data)).toEqual(['a0', 'a1', 'a2']);
    const second = await kv.xreadGroup('acts', 'analytics', 'w2', { count: 10 });
    expect(second.map((e) => e.data)).toEqual(['a3', 'a4']);
    expect(await kv.xreadGroup('acts', 'analytics', 'w1', { count: 10 })).toEqual([]);
    // Another group reads the whole stream independently.
    expect((await kv.xreadGroup('acts', 'audit', 'x', { count: 10 })).length).toBe(5);
    // w1 handled a0 only, then "crashed": a1 and a2 are still its pending work.
    expect(await kv.xack('acts', 'analytics', [first[0]?.id ?? ''])).toBe(1);
    expect(await kv.xack('acts', 'analytics', [first[0]?.id ?? ''])).toBe(0);
    expect((await kv.xreadGroup('acts', 'analytics', 'w1', { count: 10, pending: true })).map((e) => e.data)).toEqual(['a1', 'a2']);
    expect(await kv.xack('acts', 'analytics', [first[1]?.id ?? '', first[2]?.id ?? ''])).toBe(2);
    expect(await kv.xreadGroup('acts', 'analytics', 'w1', { count: 10, pending: true })).toEqual([]);
    // New entries after the acknowledgements go to whoever reads next.
    await kv.xadd('acts', 'a5', { maxLen: 1000 });
    expect((await kv.xreadGroup('acts', 'analytics', 'w2', { count: 10 })).map((e) => e.data)).toEqual(['a5']);
  });
});
