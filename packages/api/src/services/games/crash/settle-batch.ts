/**
 * Settles many due rounds in one transaction, for the worker and the sweeper. One statement
 * decides the winners: `UPDATE crash_bets … FROM unnest(…)` over the rows still active that
 * no other transaction holds (FOR UPDATE SKIP LOCKED, so a cash-out or another instance in
 * the middle of settling a round keeps it, and two batches never wait on each other), and
 * the same statement locks the winners' player rows in id order (the foreign key: every
 * round has its player's row). Then every round's payout, round record
 * and progress are written by one prepared statement each (settle-statement.ts), all issued
 * together (pipelined on the transaction's connection); the events are written to the
 * outbox in one insert and delivered in one Redis call after commit. Exactly-once is the
 * conditional update's, as for a single settlement (settle.ts).
 */
import { type CrashBet, queryRows } from '@casino/db';
import { sql } from 'drizzle-orm';
import { type Deps, inTransaction } from '../../../deps';
import { allSettledOrThrow } from './all-settled';
import { type CrashFinal, resolveAt } from './outcome';
import { announceSettlement, type CrashSettlement, settleRound, toRound, writeSettlement } from './settle';
import { clearRoundStates } from './state';

type Due = { row: CrashBet; fin: CrashFinal };

/** A PostgreSQL array literal of values that need no quoting (uuids, numbers, enum labels). */
const arrayLiteral = (values: readonly (string | number | null)[]) => `{${values.map((v) => (v === null ? 'NULL' : String(v))).join(',')}}`;

/** The rounds of `rows` whose auto-cash-out, bust or expiry has come by `at`, with their outcome. */
export function dueOutcomes(rows: readonly CrashBet[], at: Date): Due[] {
  const due: Due[] = [];
  for (const row of rows) {
    if (row.status !== 'active') continue;
    const round = toRound(row);
    const res = resolveAt(round, at.getTime(), round.maxWinMultiplier);
    if (res.status !== 'active') due.push({ row, fin: res });
  }
  return due;
}

async function settleBatch(deps: Deps, due: readonly Due[], at: Date): Promise<CrashSettlement[]> {
  return inTransaction(deps, async (tx, outbox) => {
    // Decides the winners and locks their players' rows in id order, in one statement.
    const won = await queryRows<{ id: string }>(
      tx,
      sql`WITH v AS (
            SELECT * FROM unnest(${arrayLiteral(due.map((d) => d.row.id))}::uuid[], ${arrayLiteral(due.map((d) => d.fin.status))}::crash_status[],
              ${arrayLiteral(due.map((d) => d.fin.payout))}::bigint[],
              ${arrayLiteral(due.map((d) => (d.fin.status === 'cashed' ? d.fin.multiplier : null)))}::float8[]) AS v(id, status, payout, multiplier)),
          mine AS (
            SELECT b.id FROM crash_bets b WHERE b.id IN (SELECT id FROM v) AND b.status = 'active'
            ORDER BY b.id FOR UPDATE SKIP LOCKED),
          w AS (
            UPDATE crash_bets b SET status = v.status, payout = v.payout, cashout_multiplier = v.multiplier, settled_at = ${at.toISOString()}::timestamptz
            FROM v WHERE b.id = v.id AND b.id IN (SELECT id FROM mine)
            RETURNING b.id, b.user_id)
          SELECT w.id FROM w JOIN users u ON u.id = w.user_id ORDER BY u.id FOR UPDATE OF u`,
    );
    if (!won.length) return [];
    const ids = new Set(won.map((w) => w.id));
    const mine = due.filter((d) => ids.has(d.row.id)).sort((a, b) => a.row.userId - b.row.userId);
    const written = await allSettledOrThrow(mine.map((d) => writeSettlement(deps, tx, outbox, d.row, d.fin, at, false)));
    return mine.map((d, i) => announceSettlement(outbox, d.row, d.fin, written[i]?.balance ?? 0));
  });
}

/**
 * Settles every round of `rows` that is due at `at` and still active; returns the settlements
 * this call won. If the batch fails as a whole (one round's bad data must not hold up the
 * others), each round is settled on its own.
 */
export async function settleDueRounds(deps: Deps, rows: readonly CrashBet[], at: Date): Promise<CrashSettlement[]> {
  const due = dueOutcomes(rows, at);
  if (!due.length) return [];
  let settled: CrashSettlement[];
  try {
    settled = await settleBatch(deps, due, at);
  } catch (err) {
    if (due.length === 1) throw err;
    deps.logger.warn({ err, rounds: due.length }, 'crash batch settlement failed; settling its rounds one by one');
    settled = [];
    for (const d of due) {
      const s = await settleRound(deps, d.row, d.fin, at).catch((e) => {
        deps.logger.error({ err: e, gameId: d.row.id }, 'crash settlement failed; will retry');
        return null;
      });
      if (s) settled.push(s);
    }
    return settled;
  }
  await clearRoundStates(
    deps.kv,
    settled.map((s) => s.gameId),
  );
  return settled;
}
