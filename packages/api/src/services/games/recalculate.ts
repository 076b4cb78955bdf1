/**
 * Rebuilds user_game_stats from game_rounds while players keep playing, in one transaction
 * (with its audit row, for an admin). recordRound writes a round and upserts its stats row in
 * one statement, so in any snapshot a healthy (user, game) row agrees with its rounds; only a
 * broken one disagrees. For each batch of users, inside the one transaction:
 *  1. one read (no locks) finds the keys whose row disagrees with its rounds, is missing or has
 *     no rounds: normally none, so a healthy table is checked without holding up any play;
 *  2. only those keys are repaired: a missing row is inserted empty (a first round racing that
 *     insert waits for this transaction, then adds onto the row), the rows are locked — rounds
 *     already past their upsert commit first, later ones wait with their round row still
 *     invisible — and, with a snapshot taken after the locks, each is set to what its rounds
 *     say or dropped when it has none.
 * So the whole-table rebuild is all or nothing and commits with its audit row, and the only
 * play it holds up until then is the next round of a key it is repairing. Batches only bound
 * the size of each statement. Nothing is deleted and re-inserted, so a concurrent first round
 * never meets a duplicate key; recalculations run one at a time (advisory lock).
 */
import { type Db, queryRows, transaction, users } from '@casino/db';
import { asc, gt, type SQL, sql } from 'drizzle-orm';
import { writeAudit } from '../audit/audit';

const BATCH_USERS = 500;

/** What the rounds say per (user, game) for users in [lo, hi], optionally only for `keys` (JSON). */
const truthOf = (lo: number, hi: number, keys?: string) => sql`
  SELECT r.user_id, r.game, count(*)::int AS total_bets, sum(r.bet)::bigint AS total_wagered,
    count(*) FILTER (WHERE r.result = 'win')::int AS total_wins, count(*) FILTER (WHERE r.result = 'loss')::int AS total_losses,
    sum(r.payout)::bigint AS total_payout, sum(r.payout - r.bet)::bigint AS total_profit, max(r.multiplier) AS highest_multiplier
  FROM game_rounds r ${keys === undefined ? sql`` : sql`JOIN jsonb_to_recordset(${keys}::jsonb) AS l(user_id int, game game_type) USING (user_id, game)`}
  WHERE r.user_id BETWEEN ${lo}::int AND ${hi}::int
  GROUP BY r.user_id, r.game`;

const statsColumns = (t: string): SQL =>
  sql.raw(
    ['total_bets', 'total_wagered', 'total_wins', 'total_losses', 'total_payout', 'total_profit', 'highest_multiplier']
      .map((c) => `${t}.${c}`)
      .join(', '),
  );

export type Totals = { rows: number; mismatched: number };

async function rebuild(tx: Db, lo: number, hi: number): Promise<Totals> {
  const [found] = await queryRows<{ keys: number; stale: { user_id: number; game: string }[] }>(
    tx,
    sql`WITH t AS (${truthOf(lo, hi)}),
          s AS (SELECT * FROM user_game_stats WHERE user_id BETWEEN ${lo}::int AND ${hi}::int),
          j AS (SELECT user_id, game, t.user_id IS NOT NULL AS has_rounds,
                  (${statsColumns('s')}) IS DISTINCT FROM (${statsColumns('t')}) AS stale
                FROM t FULL JOIN s USING (user_id, game))
        SELECT count(*) FILTER (WHERE has_rounds)::int AS keys,
          coalesce(jsonb_agg(jsonb_build_object('user_id', user_id, 'game', game) ORDER BY user_id, game) FILTER (WHERE stale), '[]') AS stale
        FROM j`,
  );
  const rows = found?.keys ?? 0;
  if (!found || found.stale.length === 0) return { rows, mismatched: 0 };
  const keys = JSON.stringify(found.stale);
  const stale = sql`jsonb_to_recordset(${keys}::jsonb) AS l(user_id int, game game_type)`;
  await tx.execute(sql`
    INSERT INTO user_game_stats (user_id, game)
    SELECT l.user_id, l.game FROM ${stale}
    WHERE EXISTS (SELECT 1 FROM game_rounds r WHERE r.user_id = l.user_id AND r.game = l.game)
    ORDER BY 1, 2
    ON CONFLICT DO NOTHING`);
  await tx.execute(sql`SELECT 1 FROM user_game_stats g JOIN ${stale} USING (user_id, game) ORDER BY g.user_id, g.game FOR UPDATE OF g`);
  const fixed = await queryRows<{ user_id: number }>(
    tx,
    sql`WITH t AS (${truthOf(lo, hi, keys)})
        UPDATE user_game_stats g SET total_bets = t.total_bets, total_wagered = t.total_wagered, total_wins = t.total_wins,
          total_losses = t.total_losses, total_payout = t.total_payout, total_profit = t.total_profit,
          highest_multiplier = t.highest_multiplier, updated_at = now()
        FROM t WHERE g.user_id = t.user_id AND g.game = t.game
          AND (${statsColumns('g')}) IS DISTINCT FROM (${statsColumns('t')})
        RETURNING g.user_id`,
  );
  const dropped = await queryRows<{ user_id: number }>(
    tx,
    sql`DELETE FROM user_game_stats g USING ${stale}
        WHERE g.user_id = l.user_id AND g.game = l.game
          AND NOT EXISTS (SELECT 1 FROM game_rounds r WHERE r.user_id = g.user_id AND r.game = g.game)
        RETURNING g.user_id`,
  );
  return { rows, mismatched: fixed.length + dropped.length };
}

/** Rebuilds every row (in batches of users) or one user's rows, inside `tx`. */
async function rebuildAll(tx: Db, userId: number | undefined, batchUsers: number): Promise<Totals> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('games.recalculate_stats'))`);
  if (userId !== undefined) return rebuild(tx, userId, userId);
  const total = { rows: 0, mismatched: 0 };
  for (let after = 0; ; ) {
    const ids = await tx.select({ id: users.id }).from(users).where(gt(users.id, after)).orderBy(asc(users.id)).limit(batchUsers);
    const lo = ids[0]?.id;
    const hi = ids.at(-1)?.id;
    if (lo === undefined || hi === undefined) return total;
    const r = await rebuild(tx, lo, hi);
    total.rows += r.rows;
    total.mismatched += r.mismatched;
    after = hi;
  }
}

export type RecalculateOptions = {
  /** Users per batch of the whole-table rebuild (bounds each statement, not the transaction). */
  batchUsers?: number;
};

/**
 * Rebuilds user_game_stats from game_rounds (for one user or everyone) in one transaction and
 * returns how many (user, game) keys with rounds it checked and how many rows differed from the incremental numbers — 0 when
 * the books agree.
 */
export function recalculateStats(db: Db, userId?: number, opts: RecalculateOptions = {}): Promise<Totals> {
  return transaction(db, (tx) => rebuildAll(tx, userId, opts.batchUsers ?? BATCH_USERS));
}

/**
 * games.recalculateStats for an admin: the rebuild (one player or the whole table) and its
 * audit row with the totals commit in one transaction, or neither does.
 */
export function recalculateStatsAudited(
  db: Db,
  actor: { id: number; ip: string | null },
  userId?: number,
  opts: RecalculateOptions = {},
): Promise<Totals> {
  return transaction(db, async (tx) => {
    const after = await rebuildAll(tx, userId, opts.batchUsers ?? BATCH_USERS);
    await writeAudit(tx, {
      adminId: actor.id,
      action: 'games.recalculate_stats',
      targetType: 'stats',
      targetId: userId ?? null,
      after,
      ip: actor.ip,
    });
    return after;
  });
}
