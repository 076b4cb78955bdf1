import { verifyRound } from '@casino/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../infra/clock';
import { recalculateStats } from '../../services/games/recalculate';
import { createTestEnv, newAdmin, newPlayer, type TestEnv } from '../../test/harness';

let env: TestEnv;
const clock = manualClock('2026-11-18T10:00:00Z');
beforeAll(async () => {
  env = await createTestEnv({ clock, maxConnections: 30 });
});
afterAll(() => env.close());

const reasonOf = (p: Promise<unknown>) =>
  p.then(
    () => 'resolved',
    (e) => `${e.code}:${e.cause?.reason ?? ''}`,
  );

describe('stats, sessions, leaderboard', () => {
  it('recalculating stats from ≥ 1,000 rounds gives the incremental numbers, and every outcome re-derives after rotation', async () => {
    const admin = await newAdmin(env.deps);
    const players = await Promise.all([newPlayer(env.deps), newPlayer(env.deps), newPlayer(env.deps), newPlayer(env.deps)]);
    for (const p of players)
      await admin.caller.admin.users.adjustBalance({ userId: p.user.id, currency: 'gold', delta: 1_000_000, reason: 'stats budget' });
    await Promise.all(
      players.map(async (p, i) => {
        for (let n = 0; n < 260; n++) {
          if (n % 3 === 0)
            await p.caller.games.rps.play({ bet: 10 + i, choice: (['rock', 'paper', 'scissors'] as const)[n % 3] ?? 'rock' });
          else if (n % 50 === 1) await p.caller.games.gacha.pull({ count: 1, currency: 'gold' });
          else await p.caller.games.slot.spin({ bet: 10 + n });
        }
      }),
    );
    const before = await players[0]?.caller.games.stats.mine();
    expect(before?.reduce((s, r) => s + r.totalBets, 0)).toBe(260);
    const res = await recalculateStats(env.deps.db);
    expect(res.mismatched).toBe(0);
    expect(res.rows).toBeGreaterThanOrEqual(12);
    expect(await players[0]?.caller.games.stats.mine()).toEqual(before);
    expect((await admin.caller.admin.economy.reconcile()).violations).toEqual([]);

    const p = players[1];
    if (!p) throw new Error('no player');
    const rounds = [];
    let cursor: string | undefined;
    do {
      const page = await p.caller.games.fairness.rounds({ limit: 100, cursor });
      rounds.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(rounds).toHaveLength(260);
    expect(rounds.every((r) => r.serverSeed === null)).toBe(true);
    const { revealed } = await p.caller.games.fairness.rotate({ clientSeed: 'my-new-client-seed' });
    expect((await p.caller.games.fairness.current()).clientSeed).toBe('my-new-client-seed');
    const cfg = env.deps.config.games;
    for (const r of rounds) {
      const o = r.outcome as Record<string, unknown>;
      const seeds = { serverSeed: revealed.serverSeed, clientSeed: r.clientSeed, nonce: r.nonce };
      if (r.game === 'slot') {
        const v = verifyRound(
          {
            game: 'slot',
            ...seeds,
            bet: r.bet,
            streak: o.streakBefore as number,
            streakStake: (o.streakStakeBefore as number) || undefined,
          },
          { slot: cfg.slot },
        );
        const out = v.outcome as { payout: number; reels: string[] };
        expect(out.payout).toBe(r.payout);
        expect(out.reels).toEqual(o.reels);
      } else if (r.game === 'rps') {
        const v = verifyRound({
          game: 'rps',
          ...seeds,
          bet: r.bet,
          choice: o.choice as 'rock',
          houseEdgePercent: o.houseEdgePercent as number,
        });
        expect((v.outcome as { payout: number }).payout).toBe(r.payout);
      } else if (r.game === 'gacha') {
        const v = verifyRound({ game: 'gacha', ...seeds, count: 1, pityCounter: o.pityBefore as number }, { gacha: cfg.gacha });
        expect(v.outcome).toEqual({ pulls: o.items });
      }
    }
    const revealedRounds = await p.caller.games.fairness.rounds({ limit: 5 });
    expect(revealedRounds.items.every((r) => r.serverSeed === revealed.serverSeed)).toBe(true);
  });

  it('keeps one active session per game, accumulates its rounds and pushes start/end events', async () => {
    const p = await newPlayer(env.deps);
    const ac = new AbortController();
    const live = env.deps.bus.stream(p.user.id, { signal: ac.signal });
    const firstEvent = live.next();
    await env.deps.bus.whenStreams(p.user.id, 1);
    const s = await p.caller.games.sessions.start({ gameType: 'slot' });
    expect((await firstEvent).value).toMatchObject({ type: 'game_session', data: { event: 'start', id: s.id } });
    ac.abort();
    await live.return(undefined);
    expect(await reasonOf(p.caller.games.sessions.start({ gameType: 'slot' }))).toBe('CONFLICT:session_active');
    await p.caller.games.sessions.start({ gameType: 'rps' });
    await p.caller.games.slot.spin({ bet: 10 });
    await p.caller.games.slot.spin({ bet: 20 });
    const active = await p.caller.games.sessions.active({ gameType: 'slot' });
    expect(active[0]).toMatchObject({ totalRounds: 2, totalBet: 30 });
    clock.advance(60_000);
    const ended = await p.caller.games.sessions.end({ gameType: 'slot' });
    expect(ended).toMatchObject({ active: false, totalRounds: 2, totalBet: 30, durationMs: 60_000 });
    expect(ended.roi).toBeCloseTo((ended.totalWin - 30) / 30, 3);
    expect(await reasonOf(p.caller.games.sessions.end({ gameType: 'slot' }))).toBe('NOT_FOUND:game_session_not_found');
    expect(await p.caller.games.sessions.active()).toHaveLength(1);
  });

  it('ranks players by period and metric; other players see stats, never balances', async () => {
    clock.set('2026-11-22T09:00:00Z');
    const a = await newPlayer(env.deps);
    const b = await newPlayer(env.deps);
    await b.caller.games.slot.spin({ bet: 100 });
    const day = await a.caller.games.leaderboard({ game: 'slot', period: 'day', metric: 'wagered', limit: 50 });
    expect(day.since?.toISOString()).toBe('2026-11-22T00:00:00.000Z');
    expect(day.entries).toEqual([expect.objectContaining({ rank: 1, userId: b.user.id, value: 100, rounds: 1 })]);
    const week = await a.caller.games.leaderboard({ game: 'all', period: 'week', metric: 'wagered', limit: 50 });
    expect(week.since?.toISOString()).toBe('2026-11-16T00:00:00.000Z');
    expect(week.entries.length).toBeGreaterThan(1);
    expect(week.entries[0]).not.toHaveProperty('gold');
    const theirStats = await a.caller.games.stats.user({ userId: b.user.id });
    expect(theirStats[0]).toMatchObject({ game: 'slot', totalBets: 1, totalWagered: 100 });
  });
});
