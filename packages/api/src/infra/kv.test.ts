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

  it('appends to the stream and publishes the same id in one call', async () => {
    const kv = freshKv();
    const seen: string[] = [];
    await kv.subscribe('ch', (m) => seen.push(m));
    const id = await kv.appendAndPublish('st', 'ch', '{"a":1}', 100);
    await expect.poll(() => seen.length).toBe(1);
    expect(seen[0]).toBe(`${id} {"a":1}`);
    expect(await kv.xrangeAfter('st', '0-0', 10)).toEqual([{ id, data: '{"a":1}' }]);
  });
});
