import { crashBets, fairnessSeeds } from '@casino/db';
import { msToReach, multiplierAt } from '@casino/shared';
import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createInnerContext } from '../../../context';
import { manualClock } from '../../../infra/clock';
import { createCaller } from '../../../root';
import { createTestEnv, newPlayer, type TestEnv } from '../../../test/harness';
import { slotStates } from '../slot-state';
import { type CrashLiveEvent, crashTickers } from './live';
import { nextCrashPoint } from './test-seeds';
import { crashSettler } from './worker';

const clock = manualClock('2026-06-01T00:00:00Z');
let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv({ clock });
});
afterAll(() => env.close());

/** Resolves when a ticker has seen the user's round due on the server clock and stopped ticking it. */
function whenDue(userId: number): Promise<{ gameId: string; atMs: number }> {
  return new Promise((resolve) => {
    const onDue = (e: { userId: number; gameId: string; atMs: number }) => {
      if (e.userId !== userId) return;
      crashTickers.off('due', onDue);
      resolve(e);
    };
    crashTickers.on('due', onDue);
  });
}

/** Collects games.crash.onRound until aborted; resolves when the generator has ended. */
function subscribe(accessToken: string, lastEventId?: string) {
  const ac = new AbortController();
  const got: { id: string; data: CrashLiveEvent }[] = [];
  const caller = createCaller(createInnerContext({ deps: env.deps, accessToken }), { signal: ac.signal });
  const done = (async () => {
    const it = await caller.games.crash.onRound(lastEventId ? { lastEventId } : {});
    for await (const [id, data] of it as AsyncIterable<[string, CrashLiveEvent]>) got.push({ id, data });
  })();
  return { ac, got, done };
}

describe('games.crash.onRound', () => {
  it.each([
    ['past 3.00', (point: number) => point > 3],
    ['at 1.00, due the moment it starts', (point: number) => point === 1],
  ])(
    'streams ticks on the server clock, never past the crash point, then the settlement; ends on abort (a round crashing %s)',
    async (_, wanted) => {
      const p = await newPlayer(env.deps);
      await nextCrashPoint(env.deps, p.user.id, wanted);
      const sub = subscribe(p.accessToken);
      await env.deps.bus.whenStreams(p.user.id, 1);
      // Registered before the bet: a round that crashes at 1.00 is due the moment it starts.
      const due = whenDue(p.user.id);
      const bet = await p.caller.games.crash.bet({ bet: 40 });
      const [row] = await env.deps.db.select().from(crashBets).where(eq(crashBets.id, bet.gameId));
      if (!row) throw new Error('round missing');
      await vi.waitFor(() => expect(sub.got.some((e) => e.data.kind === 'start')).toBe(true));
      const bustMs = msToReach(row.crashPoint);
      for (const ms of [bustMs > 2000 ? 1000 : 0, Math.max(0, bustMs - 1)]) {
        clock.set(new Date(row.startedAt.getTime() + ms));
        if (ms < bustMs) await vi.waitFor(() => expect(sub.got.at(-1)?.data).toMatchObject({ kind: 'tick', multiplier: multiplierAt(ms) }));
      }
      const pastCrash = row.startedAt.getTime() + bustMs + 5000;
      if (bustMs > 0) clock.set(new Date(pastCrash));
      // Due but unsettled: the ticker has read the clock past the crash point and stopped, without a tick.
      expect(await due).toEqual({ userId: p.user.id, gameId: row.id, atMs: bustMs > 0 ? pastCrash : row.startedAt.getTime() });
      expect(sub.got.filter((e) => e.data.kind === 'tick' && e.data.elapsedMs >= bustMs)).toEqual([]);
      await crashSettler(env.deps).tick();
      await vi.waitFor(() => expect(sub.got.at(-1)?.data).toMatchObject({ kind: 'bust', gameId: row.id, crashPoint: row.crashPoint }));
      sub.ac.abort();
      await sub.done;

      const ticks = sub.got.filter((e) => e.data.kind === 'tick');
      if (bustMs > 0) expect(ticks.length).toBeGreaterThan(0);
      for (const t of ticks) expect(t.data.kind === 'tick' && t.data.multiplier).toBeLessThan(row.crashPoint);
      const start = sub.got.find((e) => e.data.kind === 'start');
      expect(JSON.stringify(start?.data)).not.toContain('crashPoint');
      const bust = sub.got.at(-1);
      expect(bust?.id).toMatch(/^\d+-\d+$/);

      // Resuming after the start event replays the bust, and only that.
      const resumed = subscribe(p.accessToken, start?.id);
      await vi.waitFor(() => expect(resumed.got.map((e) => e.data.kind)).toEqual(['bust']));
      resumed.ac.abort();
      await resumed.done;
    },
  );

  it('opening the stream loads the player’s fairness state into this instance’s cache: the first bet takes its one-statement path from it', async () => {
    const p = await newPlayer(env.deps);
    const states = slotStates(env.deps.db);
    states.delete(p.user.id);
    const sub = subscribe(p.accessToken);
    await env.deps.bus.whenStreams(p.user.id, 1);
    await vi.waitFor(() => expect(states.get(p.user.id)).toBeDefined());
    const [seed] = await env.deps.db
      .select()
      .from(fairnessSeeds)
      .where(and(eq(fairnessSeeds.userId, p.user.id), isNull(fairnessSeeds.revealedAt)));
    expect(states.get(p.user.id)).toMatchObject({ seedId: seed?.id, serverSeedHash: seed?.serverSeedHash, nonce: 0 });
    const bet = await p.caller.games.crash.bet({ bet: 10 });
    expect(bet.fairness).toMatchObject({ serverSeedHash: seed?.serverSeedHash, nonce: 0 });
    // The one-statement path moved this instance's view on (the transaction path forgets it).
    expect(states.get(p.user.id)?.nonce).toBe(1);
    sub.ac.abort();
    await sub.done;
  });
});
