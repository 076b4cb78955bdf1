/** recordRound is idempotent by round id: a retried round changes no statistic (issue 7 #10). */
import { randomUUID } from 'node:crypto';
import { gameRounds, gameSessions, userAchievements, userGameStats } from '@casino/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../deps';
import { manualClock } from '../../infra/clock';
import { createTestEnv, newPlayer, type TestEnv } from '../../test/harness';
import { takeNonce } from './fairness';
import { type RoundRecord, recordRound } from './rounds';
import { startSession } from './sessions';
import { leaderboard, type Metric, type Period } from './stats';

const clock = manualClock('2026-06-01T12:00:00Z');
let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv({ clock });
});
afterAll(() => env.close());

const record = (r: RoundRecord) => inTransaction(env.deps, (tx, outbox) => recordRound(tx, outbox, r, env.deps.config));

/** Every number a round feeds: the stats row, the session totals, the leaderboards, achievements. */
async function statistics(userId: number) {
  const db = env.deps.db;
  const boards = [];
  for (const game of ['slot', 'all'] as const)
    for (const period of ['day', 'all'] as Period[])
      for (const metric of ['profit', 'wins', 'wagered', 'multiplier'] as Metric[])
        boards.push(await leaderboard(db, { game, period, metric, limit: 100, now: clock.now() }));
  return {
    stats: await db.select().from(userGameStats).where(eq(userGameStats.userId, userId)),
    sessions: await db.select().from(gameSessions).where(eq(gameSessions.userId, userId)),
    rounds: await db.select().from(gameRounds).where(eq(gameRounds.userId, userId)),
    achievements: await db.select().from(userAchievements).where(eq(userAchievements.userId, userId)),
    boards,
  };
}

describe('recordRound', () => {
  it('recording the same round id twice changes no statistic, the session totals or a leaderboard', async () => {
    const p = await newPlayer(env.deps);
    await startSession(env.deps, p.user.id, 'slot');
    const seed = await inTransaction(env.deps, (tx) => takeNonce(tx, p.user.id));
    const round: RoundRecord = {
      roundId: randomUUID(),
      userId: p.user.id,
      game: 'slot',
      currency: 'gold',
      bet: 100,
      payout: 250,
      result: 'win',
      seed,
      configVersion: 1,
      outcome: {
        reels: ['a', 'a', 'b'],
        kind: 'pair',
        baseMultiplier: 2.5,
        bonusPercent: 0,
        bonusStake: 0,
        jitterPermille: 0,
        payout: 250,
        win: true,
        bet: 100,
        streakBefore: 0,
        streakStakeBefore: 0,
        streakAfter: 1,
        streakStakeAfter: 100,
      },
      durationMs: 800,
      at: clock.now(),
    };
    expect(await record(round)).toMatchObject({ inserted: true });
    const once = await statistics(p.user.id);
    expect(once.stats).toMatchObject([{ totalBets: 1, totalWagered: 100, totalWins: 1, totalPayout: 250, totalProfit: 150 }]);
    expect(once.sessions).toMatchObject([{ totalRounds: 1, totalBet: 100, totalWin: 250, totalDurationMs: 800 }]);
    expect(once.boards.some((b) => b.entries.some((e) => e.userId === p.user.id))).toBe(true);

    clock.advance(1000);
    // A plain retry, and a retry whose numbers differ (a recomputed outcome): neither may count.
    expect(await record({ ...round, at: clock.now() })).toEqual({ inserted: false, achievements: 0, balanceChanged: false });
    expect(await record({ ...round, bet: 500, payout: 5000, durationMs: 10, at: clock.now() })).toEqual({
      inserted: false,
      achievements: 0,
      balanceChanged: false,
    });
    const twice = await Promise.all([record(round), record(round)]);
    expect(twice.every((r) => !r.inserted)).toBe(true);
    expect(await statistics(p.user.id)).toEqual(once);
  });
});
