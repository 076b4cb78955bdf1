/**
 * A throw-away PostgreSQL database and Redis key prefix per bench run, so a run
 * never touches anyone's data and leaves nothing behind.
 */
import { randomBytes } from 'node:crypto';
import type { Db } from '@casino/db';
import { sql } from 'drizzle-orm';
import { Redis } from 'ioredis';
import postgres from 'postgres';

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

export type BenchDatabase = { name: string; url: string; drop(): Promise<void> };

/** Creates `casino_bench_<random>` on the server that `serverUrl` points at. */
export async function createBenchDatabase(serverUrl: string): Promise<BenchDatabase> {
  const name = `casino_bench_${randomBytes(4).toString('hex')}`;
  const adminSql = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await adminSql.unsafe(`CREATE DATABASE "${name}"`);
  } finally {
    await adminSql.end({ timeout: 5 });
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    async drop() {
      const sql = postgres(serverUrl, { max: 1, onnotice: () => {} });
      try {
        await sql.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await sql.end({ timeout: 5 });
      }
    },
  };
}

/** Deletes every key under `prefix` (SCAN, not KEYS, so a shared Redis is not blocked). */
export async function deleteRedisPrefix(url: string, prefix: string): Promise<number> {
  const redis = new Redis(url, { maxRetriesPerRequest: 2 });
  redis.on('error', () => {}); // surfaces on the commands below
  try {
    let cursor = '0';
    let deleted = 0;
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      cursor = next;
      if (keys.length) deleted += await redis.del(...keys);
    } while (cursor !== '0');
    return deleted;
  } finally {
    redis.disconnect();
  }
}

/** "postgres://user:secret@host/db" → "postgres://user:***@host/db" for printing. */
export function redactUrl(raw: string): string {
  try {
    const u = new URL(raw);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return raw;
  }
}

/**
 * Waits until each of `channels` (full names, prefix included) has a subscriber on the Redis
 * server, i.e. the server has wired those live streams; returns how long that took (ms).
 */
export async function waitForSubscribers(url: string, channels: readonly string[], timeoutMs: number): Promise<number> {
  const redis = new Redis(url, { maxRetriesPerRequest: 2 });
  redis.on('error', () => {}); // surfaces on the commands below
  const t0 = performance.now();
  try {
    for (;;) {
      let missing = 0;
      for (let i = 0; i < channels.length; i += 500) {
        const reply = (await redis.call('PUBSUB', 'NUMSUB', ...channels.slice(i, i + 500))) as (string | number)[];
        for (let j = 1; j < reply.length; j += 2) if (Number(reply[j]) < 1) missing++;
      }
      if (missing === 0) return performance.now() - t0;
      if (performance.now() - t0 > timeoutMs)
        throw new Error(`${missing} of ${channels.length} live channels still unsubscribed after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    redis.disconnect();
  }
}

/**
 * A CHECKPOINT before a measured window, so the pages an earlier part (players created,
 * another scenario, pgbench) left dirty are not flushed inside it. Needs a role that may
 * checkpoint (superuser or pg_checkpoint); without one the window runs as it is.
 */
export async function checkpoint(db: Db): Promise<void> {
  await db.execute(sql`CHECKPOINT`).catch(() => undefined);
}
