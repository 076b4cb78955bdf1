import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Kv } from './kv';
import { createMemoryKv } from './kv-memory';
import { createRedisKv } from './kv-redis';

const made: Kv[] = [];
afterEach(async () => {
  for (const kv of made.splice(0)) {
    await kv.flush();
    await kv.close();
  }
});
/** A brand-new connection, as a server instance has right after start. */
function freshKv(): Kv {
  const prefix = `t:${randomBytes(4).toString('hex')}:`;
  const kv = process.env.REDIS_URL ? createRedisKv(process.env.REDIS_URL, prefix) : createMemoryKv(prefix);
  made.push(kv);
  return kv;
}

describe('Kv pub/sub', () => {
  it('delivers on 100 channels subscribed concurrently right after the connection opens', async () => {
    const kv = freshKv();
    const got = new Map<string, string[]>();
    await Promise.all(
      Array.from({ length: 100 }, (_, i) => kv.subscribe(`c${i}`, (m) => got.set(`c${i}`, [...(got.get(`c${i}`) ?? []), m]))),
    );
    // A second subscriber on a channel shares the one subscription.
    const extra: string[] = [];
    await kv.subscribe('c7', (m) => extra.push(m));
    for (let i = 0; i < 100; i++) await kv.publish(`c${i}`, `m${i}`);
    await expect.poll(() => got.size, { timeout: 5000 }).toBe(100);
    expect(got.get('c42')).toEqual(['m42']);
    expect(extra).toEqual(['m7']);
  });

  it('appends events to their streams and publishes the same ids, once per dedupe key', async () => {
    const kv = freshKv();
    const seen: string[] = [];
    await kv.subscribe('ch', (m) => seen.push(m));
    const opts = { maxLen: 100, dedupeTtlMs: 60_000 };
    const ev = (data: string, dedupeKey: string) => ({ stream: 'st', channel: 'ch', data, dedupeKey });
    const ids = await kv.appendEvents([ev('{"a":1}', 'd1'), ev('{"a":2}', 'd2')], opts);
    // A relay that published and died before recording it publishes again: nothing is doubled.
    const again = await kv.appendEvents([ev('{"a":1}', 'd1'), ev('{"a":3}', 'd3')], opts);
    expect(again[0]).toBe(ids[0]);
    await expect.poll(() => seen.length).toBe(3);
    expect(seen).toEqual([`${ids[0]} {"a":1}`, `${ids[1]} {"a":2}`, `${again[1]} {"a":3}`]);
    expect((await kv.xrangeAfter('st', '0-0', 10)).map((e) => e.data)).toEqual(['{"a":1}', '{"a":2}', '{"a":3}']);
  });
});

describe('Kv leases', () => {
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
    // Expired leases do not count.
    expect(await kv.acquireLease([{ key: 'short', limit: 1 }], 'x', 1)).toBe(true);
    await new Promise((r) => setTimeout(r, 5));
    expect(await kv.acquireLease([{ key: 'short', limit: 1 }], 'y', 60_000)).toBe(true);
  });
});
