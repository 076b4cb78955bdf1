/**
 * The one SQL statement that changes balances: a list of entries for one user applied
 * as one conditional UPDATE of the user row plus its ledger rows. Every running
 * balance (per currency, in entry order) must stay ≥ 0, so a stake must be
 * affordable before its payout; entries with delta 0 are skipped. Each ledger row's
 * balanceAfter is the balance right after it, as if the entries were applied one by one.
 *
 * Values may be SQL fragments, so the benchmarks render this very statement with
 * pgbench variables (sql.raw(':bet')); casts are written CAST(x AS t) for that reason.
 */
import { is, SQL, sql } from 'drizzle-orm';

export type SqlValue = SQL | string | number | null;

export type StatementEntry = {
  currency: SqlValue;
  delta: SqlValue;
  reason: SqlValue;
  refType: SqlValue;
  refId: SqlValue;
  key: SqlValue;
};

const v = (x: SqlValue) => (is(x, SQL) ? x : sql`${x}`);

export type ChangesOptions = {
  /** Extra condition on the user row (e.g. a round's lock CTE: `AND EXISTS (SELECT 1 FROM g)`). */
  guard?: SQL;
  /** Extra assignments on the user row, each starting with a comma. */
  set?: SQL;
  /** Extra columns the user-row CTE returns, each starting with a comma. */
  returning?: SQL;
};

/** The entries as rows of a VALUES list, in order. */
const valueRows = (entries: readonly StatementEntry[]) =>
  sql.join(
    entries.map(
      (e, i) =>
        sql`(CAST(${v(e.currency)} AS currency), CAST(${v(e.delta)} AS bigint), CAST(${v(e.reason)} AS text), CAST(${v(e.refType)} AS text), CAST(${v(e.refId)} AS text), CAST(${v(e.key)} AS text), ${sql.raw(String(i))})`,
    ),
    sql`, `,
  );

/**
 * The statement's CTEs up to the user-row update `u` (v, t, a, u) and the ledger insert that
 * follows them, for a caller composing a larger statement (the slot round) around the same
 * wallet SQL. `entries` may also be a query giving the same columns (currency, delta, reason,
 * ref_type, ref_id, key, ord), for entries that come from an earlier CTE of the statement.
 */
export function changesCtes(
  userId: SqlValue,
  entries: readonly StatementEntry[] | SQL,
  opts: ChangesOptions = {},
): { ctes: SQL; ledger: SQL } {
  const source = is(entries, SQL) ? entries : sql`VALUES ${valueRows(entries)}`;
  const ctes = sql`v(currency, delta, reason, ref_type, ref_id, key, ord) AS (${source}),
  t AS (
    SELECT v.*, sum(delta) OVER (PARTITION BY currency ORDER BY ord) AS running, sum(delta) OVER (PARTITION BY currency) AS total
    FROM v WHERE delta <> 0),
  a AS (
    SELECT coalesce(sum(delta) FILTER (WHERE currency = 'gold'), 0) AS gold, coalesce(min(running) FILTER (WHERE currency = 'gold'), 0) AS gold_low,
      coalesce(sum(delta) FILTER (WHERE currency = 'gems'), 0) AS gems, coalesce(min(running) FILTER (WHERE currency = 'gems'), 0) AS gems_low
    FROM t),
  u AS (
    UPDATE users SET gold = users.gold + a.gold, gems = users.gems + a.gems, updated_at = now()${opts.set ?? sql``} FROM a
    WHERE users.id = CAST(${v(userId)} AS int) AND users.gold + least(a.gold_low, 0) >= 0 AND users.gems + least(a.gems_low, 0) >= 0${opts.guard ?? sql``}
    RETURNING users.gold, users.gems${opts.returning ?? sql``})`;
  const ledger = sql`INSERT INTO wallet_ledger (user_id, currency, delta, balance_after, reason, ref_type, ref_id, idempotency_key)
  SELECT CAST(${v(userId)} AS int), t.currency, t.delta, (CASE t.currency WHEN 'gold' THEN u.gold ELSE u.gems END) - (t.total - t.running),
    t.reason, t.ref_type, t.ref_id, t.key
  FROM u, t ORDER BY t.ord
  RETURNING id, currency, delta, balance_after, reason, ref_id`;
  return { ctes, ledger };
}

export function changesStatement(userId: SqlValue, entries: readonly StatementEntry[]): SQL {
  const { ctes, ledger } = changesCtes(userId, entries);
  return sql`WITH ${ctes}
${ledger}`;
}
