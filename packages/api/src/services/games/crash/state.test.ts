/** The round state a bet writes: in Redis for every instance, and kept here for this instance's streams. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../../test/harness';
import { clearRoundState, LOCAL_MAX, type RoundState, readRoundState, writeRoundState } from './state';

let here: TestEnv;
beforeAll(async () => {
  here = await createTestEnv();
});
afterAll(() => here?.close());

const round = (gameId: string, startedAtMs: number, ttlMs = 120_000): RoundState => ({
  gameId,
  userId: 7,
  bet: 10,
  autoCashout: 2,
  crashPoint: 3.21,
  startedAtMs,
  ttlMs,
  maxWinMultiplier: 1000,
  dueAtMs: startedAtMs + 1000,
});

describe('round state', () => {
  it('the instance that started a round reads it without Redis; forgetting it forgets both', async () => {
    const s = round(crypto.randomUUID(), Date.now());
    await writeRoundState(here.deps.kv, s, here.deps.logger);
    // Redis loses it (flush, eviction): this instance still has the round its stream needs.
    await here.deps.kv.del(`crash:round:${s.gameId}`);
    expect(await here.deps.kv.get(`crash:round:${s.gameId}`)).toBeNull();
    expect(await readRoundState(here.deps.kv, s.gameId)).toEqual(s);
    await clearRoundState(here.deps.kv, s.gameId);
    expect(await readRoundState(here.deps.kv, s.gameId)).toBeNull();
  });

  it('a stream takes the copy once: a later read (a replayed start) goes to Redis', async () => {
    const s = round(crypto.randomUUID(), Date.now());
    await writeRoundState(here.deps.kv, s, here.deps.logger);
    expect(await readRoundState(here.deps.kv, s.gameId, { take: true })).toEqual(s);
    // Still in Redis: read from there.
    expect(await readRoundState(here.deps.kv, s.gameId)).toEqual(s);
    await here.deps.kv.del(`crash:round:${s.gameId}`);
    expect(await readRoundState(here.deps.kv, s.gameId)).toBeNull();
    await clearRoundState(here.deps.kv, s.gameId);
  });

  it(`keeps at most ${LOCAL_MAX} copies, dropping the oldest`, async () => {
    const t0 = Date.now();
    const ids = Array.from({ length: LOCAL_MAX + 1 }, () => crypto.randomUUID());
    // The first two in order, the rest in parallel batches.
    for (const i of [0, 1]) await writeRoundState(here.deps.kv, round(ids[i] as string, t0 + i), here.deps.logger);
    for (let i = 2; i < ids.length; i += 500) {
      await Promise.all(ids.slice(i, i + 500).map((id, j) => writeRoundState(here.deps.kv, round(id, t0 + i + j), here.deps.logger)));
    }
    const [first, second] = ids;
    await here.deps.kv.del(`crash:round:${first}`, `crash:round:${second}`);
    expect(await readRoundState(here.deps.kv, first as string)).toBeNull();
    expect((await readRoundState(here.deps.kv, second as string))?.gameId).toBe(second);
    for (let i = 0; i < ids.length; i += 1000) await Promise.all(ids.slice(i, i + 1000).map((id) => clearRoundState(here.deps.kv, id)));
  }, 60_000);

  it('a local copy goes once its round has expired (by the clock the rounds were started with)', async () => {
    const t0 = Date.parse('2026-06-01T00:00:00Z');
    const old = round(crypto.randomUUID(), t0, 1000);
    await writeRoundState(here.deps.kv, old, here.deps.logger);
    await here.deps.kv.del(`crash:round:${old.gameId}`);
    expect(await readRoundState(here.deps.kv, old.gameId)).toEqual(old);
    // The next round starts after the first one's time to live: the first one's copy is dropped.
    const next = round(crypto.randomUUID(), t0 + 1001);
    await writeRoundState(here.deps.kv, next, here.deps.logger);
    expect(await readRoundState(here.deps.kv, old.gameId)).toBeNull();
    expect(await readRoundState(here.deps.kv, next.gameId)).toEqual(next);
    await clearRoundState(here.deps.kv, next.gameId);
  });
});
