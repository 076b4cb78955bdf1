/**
 * The crash round reads every bet, cash-out and stream makes, prepared once per database
 * (SQL text built once, the statement cached per connection) instead of rebuilt per call.
 */
import { type CrashBet, crashBets, type Db, users } from '@casino/db';
import { and, eq, sql } from 'drizzle-orm';
import { perDb } from '../../shared/prepared';

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
    balance: db
      .select({ gold: users.gold })
      .from(users)
      .where(eq(users.id, sql.placeholder('userId')))
      .prepare('crash_gold_balance'),
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

/** The player's gold (0 for no such player); `tx` may be a transaction (prepared for it then). */
export async function readBalance(tx: Db, userId: number): Promise<number> {
  const [u] = await reads(tx).balance.execute({ userId });
  return u?.gold ?? 0;
}
