/**
 * Rebuilds user_game_stats from game_rounds while players keep playing. recordRound writes a
 * round and upserts its stats row in one statement, so a round in flight holds (or waits for)
 * its (user, game) row lock. Each batch of users, in one transaction:
 *  1. inserts an empty row for every key that has rounds but lost its row (a first round
 *     racing that insert waits for this transaction, then adds onto the row);
 *  2. locks the batch's rows: rounds already past their upsert commit first, later ones
 *     wait with their round row still invisible;
 *  3. with a snapshot taken after those locks, sets each locked row to what its rounds say
 *     and drops locked rows without rounds. Rows that appear after step 2 belong to first
 *     rounds committed since, and are right by construction, so they are left alone.
 * Nothing is deleted and re-inserted, so a concurrent first round can no longer meet a
 * duplicate key; recalculations run one at a time (advisory lock), so they never deadlock.
 */
import { type Db, queryRows, transaction, users } from '@casino/db';
import { asc, gt, sql } from 'drizzle-orm';
import { writeAudit } from '../audit/audit';

const BATCH_USERS = 500;

/** What the rounds of the locked keys (`keys`, JSON) say, for users in [lo, hi]. */
const truthOf = (lo: number, hi: number, keys: string) => sql`
  SELECT r.user_id, r.game, count(*)::int AS total_bets, sum(r.bet)::bigint AS total_wagered,
    count(*) FILTER (WHERE r.result = 'win')::int AS total_wins, count(*) FILTER (WHERE r.result = 'loss')::int AS total_losses,
    sum(r.payout)::bigint AS total_payout, sum(r.payout - r.bet)::bigint AS total_profit, max(r.multiplier) AS highest_multiplier
  FROM game_rounds r JOIN jsonb_to_recordset(${keys}::jsonb) AS l(user_id int, game game_type) USING (user_id, game)
  WHERE r.user_id BETWEEN ${lo}::int AND ${hi}::int
  GROUP BY r.user_id, r.game`;

type Totals = { rows: number; mismatched: number };

async function recalculateRange(db: Db, lo: number, hi: number, then?: (tx: Db, r: Totals) => Promise<void>): Promise<Totals> {
  return transaction(db, async (tx) => {
    const r = await rebuild(tx, lo, hi);
    await then?.(tx, r);
    return r;
  });
}

async function rebuild(tx: Db, lo: number, hi: number): Promise<Totals> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('games.recalculate_stats'))`);
  await tx.execute(sql`
    INSERT INTO user_game_stats (user_id, game)
    SELECT DISTINCT user_id, game FROM game_rounds WHERE user_id BETWEEN ${lo}::int AND ${hi}::int ORDER BY 1, 2
    ON CONFLICT DO NOTHING`);
  const locked = await queryRows<{ user_id: number; game: string }>(
    tx,
    sql`SELECT user_id, game FROM user_game_stats WHERE user_id BETWEEN ${lo}::int AND ${hi}::int ORDER BY user_id, game FOR UPDATE`,
  );
  if (locked.length === 0) return { rows: 0, mismatched: 0 };
  const keys = JSON.stringify(locked);
  const fixed = await queryRows<{ user_id: number }>(
    tx,
    sql`WITH t AS (${truthOf(lo, hi, keys)})
        UPDATE user_game_stats g SET total_bets = t.total_bets, total_wagered = t.total_wagered, total_wins = t.total_wins,
          total_losses = t.total_losses, total_payout = t.total_payout, total_profit = t.total_profit,
          highest_multiplier = t.highest_multiplier, updated_at = now()
        FROM t WHERE g.user_id = t.user_id AND g.game = t.game
          AND (g.total_bets, g.total_wagered, g.total_wins, g.total_losses, g.total_payout, g.total_profit, g.highest_multiplier)
            IS DISTINCT FROM (t.total_bets, t.total_wagered, t.total_wins, t.total_losses, t.total_payout, t.total_profit, t.highest_multiplier)
        RETURNING g.user_id`,
  );
  const dropped = await queryRows<{ user_id: number }>(
    tx,
    sql`DELETE FROM user_game_stats g USING jsonb_to_recordset(${keys}::jsonb) AS l(user_id int, game game_type)
        WHERE g.user_id = l.user_id AND g.game = l.game
          AND NOT EXISTS (SELECT 1 FROM game_rounds r WHERE r.user_id = g.user_id AND r.game = g.game)
        RETURNING g.user_id`,
  );
  return { rows: locked.length - dropped.length, mismatched: fixed.length + dropped.length };
}

/**
 * Rebuilds user_game_stats from game_rounds (for one user or everyone) and returns how many
 * rows it rebuilt and how many differed from the incremental numbers — 0 when the books agree.
 */
export async function recalculateStats(db: Db, userId?: number): Promise<{ rows: number; mismatched: number }> {
  if (userId !== undefined) return recalculateRange(db, userId, userId);
  const total = { rows: 0, mismatched: 0 };
  for (let after = 0; ; ) {
    const ids = await db.select({ id: users.id }).from(users).where(gt(users.id, after)).orderBy(asc(users.id)).limit(BATCH_USERS);
    const lo = ids[0]?.id;
    const hi = ids.at(-1)?.id;
    if (lo === undefined || hi === undefined) return total;
    const r = await recalculateRange(db, lo, hi);
    total.rows += r.rows;
    total.mismatched += r.mismatched;
    after = hi;
  }
}

/**
 * games.recalculateStats for an admin: the rebuild and its audit row. For one player both
 * are one transaction; the whole-table rebuild runs in batches of users (so play is never
 * held up for long), and its audit row is written with the totals once the last batch has committed.
 */
export async function recalculateStatsAudited(db: Db, actor: { id: number; ip: string | null }, userId?: number): Promise<Totals> {
  const audit = (tx: Db, after: Totals) =>
    writeAudit(tx, {
      adminId: actor.id,
      action: 'games.recalculate_stats',
      targetType: 'stats',
      targetId: userId ?? null,
      after,
      ip: actor.ip,
    });
  if (userId !== undefined) return recalculateRange(db, userId, userId, audit);
  const res = await recalculateStats(db);
  await audit(db, res);
  return res;
}
