/** The crash bet gate: three quarters of the pool at once, the rest wait in order. */
import type { Db } from '@casino/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../../test/harness';
import { betsInFlight, throughGate } from './gate';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv({ maxConnections: 8 });
});
afterAll(() => env?.close());

describe('throughGate', () => {
  it('lets three quarters of the pool through at once and the rest in arrival order', async () => {
    const db: Db = env.deps.db;
    const places = betsInFlight(db);
    // 8 connections on PostgreSQL → 6 places; PGlite is one connection → 1.
    expect(places).toBe(process.env.DATABASE_URL ? 6 : 1);
    const release: (() => void)[] = [];
    const started: number[] = [];
    const runs = Array.from({ length: places + 3 }, (_, i) =>
      throughGate(db, async () => {
        started.push(i);
        await new Promise<void>((resolve) => release.push(resolve));
        return i;
      }),
    );
    await new Promise((r) => setImmediate(r));
    expect(started).toEqual(Array.from({ length: places }, (_, i) => i));
    // Each one done lets the next waiting one in, in order.
    for (let done = 0; done < places + 3; done++) {
      release[done]?.();
      await runs[done];
      await new Promise((r) => setImmediate(r));
      expect(started.length).toBe(Math.min(places + 3, places + done + 1));
    }
    expect(started).toEqual(Array.from({ length: places + 3 }, (_, i) => i));
    expect(await Promise.all(runs)).toEqual(Array.from({ length: places + 3 }, (_, i) => i));
  });
});
