/**
 * The crash round reads every bet, cash-out and stream makes, prepared once per database
 * (SQL text built once, the statement cached per connection) instead of rebuilt per call.
 */
import { type CrashBet, crashBets, type Db } from '@casino/db';
import { and, eq, sql } from 'drizzle-orm';
import { perDb, prepared } from '../../shared/prepared';

function build(db: Db) {
  return {
    round: db
      .select()
      .from(crashBets)
      .where(eq(crashBets.id, sql.placeholder('gameId')))
      .limit(1)
      .prepare('crash_round'),
    active: db
      .select()
      .from(crashBets)
      .where(and(eq(crashBets.userId, sql.placeholder('userId')), eq(crashBets.status, 'active')))
      .limit(1)
      .prepare('crash_active_round'),
  };
}

const reads = perDb(build);

export async function findRound(db: Db, gameId: string): Promise<CrashBet | null> {
  const [row] = await reads(db).round.execute({ gameId });
  return row ?? null;
}

export async function findActiveRound(db: Db, userId: number): Promise<CrashBet | null> {
  const [row] = await reads(db).active.execute({ userId });
  return row ?? null;
}

const goldOf = prepared<'userId', { gold: number | string }>(
  ['userId'],
  (x) => sql`SELECT gold FROM users WHERE id = CAST(${x.userId} AS int)`,
);

/** The player's gold (0 for no such player); `tx` may be a transaction (compiled once for every handle). */
export async function readBalance(tx: Db, userId: number): Promise<number> {
  const [u] = await goldOf(tx, { userId });
  return u ? Number(u.gold) : 0;
}
