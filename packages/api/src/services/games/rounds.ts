/**
 * Settlement of one round inside the caller's transaction: the round record, the
 * active session's totals, the per-game stats and achievements. Idempotent by
 * round id: a round recorded twice changes nothing the second time.
 */
import { type Db, gameRounds, gameSessions, userGameStats } from '@casino/db';
import type { TCurrency } from '@casino/shared';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Outbox } from '../../deps';
import { awardAchievements } from './achievements';
import type { RoundSeed } from './fairness';

export type TGame = 'slot' | 'gacha' | 'rps' | 'crash';
export type TResult = 'win' | 'loss' | 'draw';

export type RoundRecord = {
  roundId: string;
  userId: number;
  game: TGame;
  currency: TCurrency;
  bet: number;
  payout: number;
  result: TResult;
  seed: Pick<RoundSeed, 'seedId' | 'nonce'>;
  outcome: Record<string, unknown>;
  durationMs?: number | null;
  at: Date;
};

export const multiplierOf = (bet: number, payout: number) => (bet > 0 ? Math.round((payout / bet) * 100) / 100 : 0);

export async function recordRound(tx: Db, outbox: Outbox, r: RoundRecord): Promise<{ inserted: boolean; achievements: number }> {
  const multiplier = multiplierOf(r.bet, r.payout);
  const activeSession = and(eq(gameSessions.userId, r.userId), eq(gameSessions.game, r.game), isNull(gameSessions.endedAt));
  const [session] = await tx.select({ id: gameSessions.id }).from(gameSessions).where(activeSession).limit(1);
  const [inserted] = await tx
    .insert(gameRounds)
    .values({
      id: r.roundId,
      userId: r.userId,
      game: r.game,
      currency: r.currency,
      bet: r.bet,
      payout: r.payout,
      multiplier,
      result: r.result,
      seedId: r.seed.seedId,
      nonce: r.seed.nonce,
      outcome: r.outcome,
      sessionId: session?.id ?? null,
      durationMs: r.durationMs ?? null,
      createdAt: r.at,
    })
    .onConflictDoNothing()
    .returning({ id: gameRounds.id });
  if (!inserted) return { inserted: false, achievements: 0 };
  if (session) {
    await tx
      .update(gameSessions)
      .set({
        totalRounds: sql`${gameSessions.totalRounds} + 1`,
        totalBet: sql`${gameSessions.totalBet} + ${r.bet}`,
        totalWin: sql`${gameSessions.totalWin} + ${r.payout}`,
        totalDurationMs: sql`${gameSessions.totalDurationMs} + ${r.durationMs ?? 0}`,
      })
      .where(eq(gameSessions.id, session.id));
  }

  const win = r.result === 'win' ? 1 : 0;
  const loss = r.result === 'loss' ? 1 : 0;
  const [stats] = await tx
    .insert(userGameStats)
    .values({
      userId: r.userId,
      game: r.game,
      totalBets: 1,
      totalWagered: r.bet,
      totalWins: win,
      totalLosses: loss,
      totalPayout: r.payout,
      totalProfit: r.payout - r.bet,
      highestMultiplier: multiplier,
      updatedAt: r.at,
    })
    .onConflictDoUpdate({
      target: [userGameStats.userId, userGameStats.game],
      set: {
        totalBets: sql`${userGameStats.totalBets} + 1`,
        totalWagered: sql`${userGameStats.totalWagered} + ${r.bet}`,
        totalWins: sql`${userGameStats.totalWins} + ${win}`,
        totalLosses: sql`${userGameStats.totalLosses} + ${loss}`,
        totalPayout: sql`${userGameStats.totalPayout} + ${r.payout}`,
        totalProfit: sql`${userGameStats.totalProfit} + ${r.payout - r.bet}`,
        highestMultiplier: sql`GREATEST(${userGameStats.highestMultiplier}, ${multiplier})`,
        updatedAt: r.at,
      },
    })
    .returning();
  const achievements = await awardAchievements(tx, outbox, { ...r, multiplier, totalBets: stats?.totalBets ?? 1 });
  return { inserted: true, achievements };
}
