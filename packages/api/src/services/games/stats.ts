/** Per-game stats (kept incrementally by rounds.ts; recalculate.ts rebuilds them) and leaderboards. */
import { type Db, gameRounds, userGameStats, users } from '@casino/db';
import { and, eq, sql } from 'drizzle-orm';
import type { TGame } from './rounds';

export async function statsOf(db: Db, userId: number) {
  const rows = await db.select().from(userGameStats).where(eq(userGameStats.userId, userId)).orderBy(userGameStats.game);
  return rows.map((r) => ({
    game: r.game,
    totalBets: r.totalBets,
    totalWagered: r.totalWagered,
    totalWins: r.totalWins,
    totalLosses: r.totalLosses,
    totalPayout: r.totalPayout,
    totalProfit: r.totalProfit,
    highestMultiplier: r.highestMultiplier,
    winRate: r.totalBets > 0 ? Math.round((r.totalWins / r.totalBets) * 10_000) / 10_000 : 0,
  }));
}

export type Period = 'day' | 'week' | 'month' | 'all';
export type Metric = 'profit' | 'wins' | 'wagered' | 'multiplier';

export function periodStart(period: Period, now: Date): Date | null {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  if (period === 'day') return d;
  if (period === 'week') return new Date(d.getTime() - ((d.getUTCDay() + 6) % 7) * 86_400_000);
  if (period === 'month') return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  return null;
}

const METRIC_SQL: Record<Metric, ReturnType<typeof sql>> = {
  profit: sql`sum(${gameRounds.payout} - ${gameRounds.bet})`,
  wins: sql`count(*) FILTER (WHERE ${gameRounds.result} = 'win')`,
  wagered: sql`sum(${gameRounds.bet})`,
  multiplier: sql`max(${gameRounds.multiplier})`,
};

/** Leaderboard over the rounds of a period (UTC; weeks start on Monday). Nicknames only, no balances. */
export async function leaderboard(db: Db, opts: { game: TGame | 'all'; period: Period; metric: Metric; limit: number; now: Date }) {
  const since = periodStart(opts.period, opts.now);
  const value = METRIC_SQL[opts.metric];
  const rows = await db
    .select({
      userId: gameRounds.userId,
      nickname: users.nickname,
      value: sql<number>`(${value})::float8`,
      rounds: sql<number>`count(*)::int`,
    })
    .from(gameRounds)
    .innerJoin(users, eq(users.id, gameRounds.userId))
    .where(
      and(
        opts.game === 'all' ? undefined : eq(gameRounds.game, opts.game),
        since ? sql`${gameRounds.createdAt} >= ${since.toISOString()}` : undefined,
        sql`${users.status} = 'active'`,
      ),
    )
    .groupBy(gameRounds.userId, users.nickname)
    .orderBy(sql`3 DESC`, gameRounds.userId)
    .limit(opts.limit);
  return {
    period: opts.period,
    metric: opts.metric,
    game: opts.game,
    since,
    entries: rows.map((r, i) => ({ rank: i + 1, ...r, value: Number(r.value) })),
  };
}
