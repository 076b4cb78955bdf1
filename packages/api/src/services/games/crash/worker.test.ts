import { type CrashBet, crashBets, walletLedger } from '@casino/db';
import { msToReach } from '@casino/shared';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Deps } from '../../../deps';
import { manualClock } from '../../../infra/clock';
import type { Kv } from '../../../infra/kv';
import { createRedisKv } from '../../../infra/kv-redis';
import { callerFor, createTestEnv, newPlayer, type TestEnv } from '../../../test/harness';
import { expectCrashRoundsConsistent, referencePayout } from '../../../test/reference';
import { reconcile } from '../../wallet/queries';
import { placeBet } from './bet';
import { currentRound } from './query';
import { crashSettler, startCrashWorker } from './worker';

const clock = manualClock('2026-05-01T00:00:00Z');
let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv({ clock });
});
afterAll(() => env.close());

const rowsOf = async (ids: string[]) => env.deps.db.select().from(crashBets).where(inArray(crashBets.id, ids));
const latestDue = (rows: CrashBet[]) => new Date(Math.max(...rows.map((r) => r.dueAt.getTime())));
const winsOf = async (userIds: number[]) =>
  (await env.deps.db.select().from(walletLedger).where(inArray(walletLedger.userId, userIds))).filter((e) => e.reason === 'crash_win');

/** What a round must settle as by itself, from its crash point alone. */
function expectSettledByItself(r: CrashBet | undefined, target: number | null) {
  if (!r) throw new Error('round missing');
  if (target !== null && target < r.crashPoint) {
    expect(r).toMatchObject({ status: 'cashed', cashoutMultiplier: target, payout: referencePayout(r.bet, target) });
  } else {
    const ttl = r.expiresAt.getTime() - r.startedAt.getTime();
    expect(r).toMatchObject({ status: msToReach(r.crashPoint) <= ttl ? 'busted' : 'expired', payout: 0 });
  }
}

describe('crash settlement worker', () => {
  it('settles auto-cashouts at exactly their target on time, with no client call, and publishes the result', async () => {
    const players = await Promise.all(Array.from({ length: 8 }, () => newPlayer(env.deps)));
    const events = players.map((p) => ({ ac: new AbortController(), p, got: [] as Record<string, unknown>[] }));
    for (const e of events) {
      void (async () => {
        for await (const ev of env.deps.bus.stream(e.p.user.id, { signal: e.ac.signal })) if (ev.type === 'crash') e.got.push(ev.data);
      })();
    }
    await Promise.all(players.map((p) => env.deps.bus.whenStreams(p.user.id, 1)));
    const worker = startCrashWorker(env.deps, { tickMs: 10, sweepMs: 3_600_000 });
    try {
      const bets = await Promise.all(players.map((p) => p.caller.games.crash.bet({ bet: 100, autoCashout: 1.25 })));
      const rows = await rowsOf(bets.map((b) => b.gameId));
      // A 1.00 crash point busts at once (the running worker settles it); every other round must wait for its due time.
      const instant = rows.filter((r) => r.dueAt <= r.startedAt).map((r) => r.id);
      await vi.waitFor(async () => expect((await rowsOf(instant)).every((r) => r.status !== 'active')).toBe(true));
      const timed = rows.filter((r) => r.dueAt > r.startedAt);
      clock.set(new Date(Math.min(...timed.map((r) => r.dueAt.getTime())) - 1)); // one ms early
      expect(await crashSettler(env.deps).tick()).toBe(0); // what the worker runs: nothing is due yet
      expect((await rowsOf(timed.map((r) => r.id))).every((r) => r.status === 'active')).toBe(true);
      clock.set(latestDue(rows));
      await vi.waitFor(async () => expect((await rowsOf(rows.map((r) => r.id))).every((r) => r.status !== 'active')).toBe(true), {
        timeout: 5000,
      });
      const settled = await rowsOf(rows.map((x) => x.id));
      for (const r of settled) expectSettledByItself(r, 1.25);
      await expectCrashRoundsConsistent(env.deps, settled);
      await vi.waitFor(() => expect(events.every((e) => e.got.length === 2)).toBe(true));
      for (const [i, e] of events.entries()) {
        const row = rows.find((r) => r.id === bets[i]?.gameId);
        expect(e.got[0]).toMatchObject({ kind: 'start', gameId: row?.id });
        expect(e.got[0]).not.toHaveProperty('crashPoint');
        expect(e.got[1]).toMatchObject({ kind: (row?.crashPoint ?? 0) > 1.25 ? 'cashout' : 'bust', crashPoint: row?.crashPoint });
      }
    } finally {
      for (const e of events) e.ac.abort();
      await worker.stop();
    }
  });

  it('expires rounds not cashed out within the TTL as lost', async () => {
    const crash = { ...env.deps.config.games.crash, roundTtlMs: 1000 };
    const deps: Deps = { ...env.deps, config: { ...env.deps.config, games: { ...env.deps.config.games, crash } } };
    const players = await Promise.all(Array.from({ length: 6 }, () => newPlayer(env.deps)));
    const bets = await Promise.all(players.map((p) => placeBet(deps, p.user.id, { bet: 10 })));
    const rows = await rowsOf(bets.map((b) => b.gameId));
    clock.advance(1000);
    await crashSettler(deps).tick();
    const settled = await rowsOf(rows.map((x) => x.id));
    await expectCrashRoundsConsistent(env.deps, settled);
    for (const r of settled) {
      expect(r.status).toBe(msToReach(r.crashPoint) < 1000 ? 'busted' : 'expired');
      expect(r.payout).toBe(0);
    }
    const expired = rows.find((r) => msToReach(r.crashPoint) >= 1000);
    const owner = players.find((p) => p.user.id === expired?.userId);
    if (expired && owner) {
      expect(await owner.caller.games.crash.cashout({ gameId: expired.id }).catch((e) => e.cause?.reason)).toBe('crash_expired');
    }
  });

  it('Redis flushed mid-round: the sweeper settles every round exactly once from Postgres', async () => {
    const players = await Promise.all(Array.from({ length: 16 }, () => newPlayer(env.deps)));
    const targets = players.map((_, i) => (i % 2 ? 1.3 : null));
    const bets = await Promise.all(players.map((p, i) => p.caller.games.crash.bet({ bet: 50, autoCashout: targets[i] })));
    const rows = await rowsOf(bets.map((b) => b.gameId));
    await env.kv.flush();
    // The round in play is still visible: Postgres is the truth.
    const first = players[0];
    expect((await currentRound(env.deps, first?.user.id ?? 0)).session?.gameId).toBe(bets[0]?.gameId);
    clock.set(latestDue(rows));
    const settlers = [crashSettler(env.deps), crashSettler(env.deps)];
    expect(await Promise.all(settlers.map((s) => s.tick()))).toEqual([0, 0]); // the due set is gone
    const counts = await Promise.all(settlers.flatMap((s) => [s.sweep(), s.sweep()]));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(16);
    expect(await settlers[0]?.sweep()).toBe(0);
    const settled = await rowsOf(rows.map((r) => r.id));
    await expectCrashRoundsConsistent(env.deps, settled);
    for (const [i, b] of bets.entries())
      expectSettledByItself(
        settled.find((r) => r.id === b.gameId),
        targets[i] ?? null,
      );
    const wins = await winsOf(players.map((p) => p.user.id));
    expect(wins.map((w) => w.delta).sort()).toEqual(
      settled
        .filter((r) => r.payout > 0)
        .map((r) => r.payout)
        .sort(),
    );
    expect((await reconcile(env.deps.db)).violations).toEqual([]);
  });

  it('Redis unavailable at bet: SERVICE_UNAVAILABLE, nothing debited, no round, no nonce used', async () => {
    const p = await newPlayer(env.deps);
    const failing = new Set(['set', 'zadd', 'ping', 'incr']);
    const broken = new Proxy(env.kv, {
      get: (target, prop, recv) =>
        failing.has(String(prop)) ? () => Promise.reject(new Error('connect ECONNREFUSED')) : Reflect.get(target, prop, recv),
    }) as Kv;
    const dead = createRedisKv('redis://127.0.0.1:1', 'dead:');
    try {
      const viaRouter = await callerFor({ ...env.deps, kv: broken }, p.accessToken)
        .games.crash.bet({ bet: 100 })
        .catch((e) => e);
      expect([viaRouter.code, viaRouter.cause?.reason]).toEqual(['SERVICE_UNAVAILABLE', 'service_unavailable']);
      const deadDeps = { ...env.deps, kv: dead };
      await expect(placeBet(deadDeps, p.user.id, { bet: 100, autoCashout: 2 })).rejects.toMatchObject({ reason: 'service_unavailable' });
      expect((await currentRound(deadDeps, p.user.id)).available).toBe(false);
      expect((await callerFor({ ...env.deps, kv: broken }, p.accessToken).games.crash.current()).available).toBe(false);
    } finally {
      await dead.close();
    }
    expect((await p.caller.economy.wallet.balance()).gold).toBe(1000);
    expect(await env.deps.db.select().from(crashBets).where(eq(crashBets.userId, p.user.id))).toEqual([]);
    expect((await p.caller.games.fairness.current()).nextNonce).toBe(0);
    expect(await p.caller.games.crash.bet({ bet: 100 })).toMatchObject({ balance: 900 }); // and back once Redis answers
  });
});
