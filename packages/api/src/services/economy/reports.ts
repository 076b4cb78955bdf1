/**
 * The admin economy page: where gold and gems come from and go to (ledger flows by reason and
 * local day), who holds the most, the large single movements, and the history of
 * reconciliations (balance = sum of ledger, checked for every user).
 */
import { type Db, queryRows, reconciliationRuns, users, walletLedger } from '@casino/db';
import type { TCurrency, TEconomyFlows, TReconcileRun } from '@casino/shared';
import { and, desc, eq, gte, lt, lte, sql } from 'drizzle-orm';
import type { Deps } from '../../deps';
import { checkTimeZone, localDay, startOfLocalDay } from '../live/time-zone';
import { byId, pageOf } from '../shared/page';
import { reconcile, type Violation } from '../wallet/queries';

/** A run keeps its first violations; the count says how many there were in all. */
const KEPT_VIOLATIONS = 100;

/** Checks every balance against its ledger and records the run. */
export async function runReconciliation(
  deps: Pick<Deps, 'db'>,
  trigger: 'manual' | 'scheduled',
  adminId: number | null,
): Promise<TReconcileRun & { allViolations: Violation[] }> {
  const started = performance.now();
  const result = await reconcile(deps.db);
  const [row] = await deps.db
    .insert(reconciliationRuns)
    .values({
      trigger,
      adminId,
      checkedUsers: result.checkedUsers,
      violationCount: result.violations.length,
      violations: result.violations.slice(0, KEPT_VIOLATIONS),
      durationMs: Math.round(performance.now() - started),
    })
    .returning();
  if (!row) throw new Error('reconciliation run not recorded');
  return { ...toRun(row), allViolations: result.violations };
}

function toRun(row: typeof reconciliationRuns.$inferSelect): TReconcileRun {
  return { ...row, violations: row.violations as Violation[] };
}

/** Recorded reconciliations, newest first. */
export async function listReconciliationRuns(db: Db, opts: { cursor?: number; limit: number }) {
  const rows = await db
    .select()
    .from(reconciliationRuns)
    .where(opts.cursor ? lt(reconciliationRuns.id, opts.cursor) : undefined)
    .orderBy(desc(reconciliationRuns.id))
    .limit(opts.limit + 1);
  return pageOf(rows.map(toRun), opts.limit, byId);
}

/** Credits and debits per local day (in `timeZone`), currency and ledger reason over the last `days` days. */
export async function economyFlows(deps: Pick<Deps, 'db' | 'clock'>, timeZone: string, days: number): Promise<TEconomyFlows> {
  const zone = checkTimeZone(timeZone);
  const now = deps.clock.now();
  // days + 1 boundaries, oldest first: bucket i (1-based) is [bounds[i-1], bounds[i]).
  const bounds = Array.from({ length: days + 1 }, (_, i) => startOfLocalDay(zone, now, days - 1 - i));
  const array = `{${bounds.map((d) => d.toISOString()).join(',')}}`;
  const [rows, [supply]] = await Promise.all([
    queryRows<{ i: number; currency: TCurrency; reason: string; credits: string; debits: string; entries: string }>(
      deps.db,
      sql`SELECT width_bucket(created_at, ${array}::timestamptz[]) AS i, currency, reason,
            coalesce(sum(delta) FILTER (WHERE delta > 0), 0) AS credits,
            coalesce(-sum(delta) FILTER (WHERE delta < 0), 0) AS debits,
            count(*) AS entries
          FROM wallet_ledger
          WHERE created_at >= ${bounds[0]?.toISOString()}::timestamptz AND created_at < ${bounds[days]?.toISOString()}::timestamptz
          GROUP BY 1, 2, 3
          ORDER BY 1, 2, 3`,
    ),
    queryRows<{ gold: string; gems: string }>(
      deps.db,
      sql`SELECT coalesce(sum(gold), 0) AS gold, coalesce(sum(gems), 0) AS gems FROM users`,
    ),
  ]);
  const dayNames = bounds.slice(0, days).map((start) => localDay(zone, start));
  return {
    days: dayNames,
    rows: rows.map((r) => ({
      day: dayNames[Number(r.i) - 1] ?? '',
      currency: r.currency,
      reason: r.reason,
      credits: Number(r.credits),
      debits: Number(r.debits),
      entries: Number(r.entries),
    })),
    supply: { gold: Number(supply?.gold ?? 0), gems: Number(supply?.gems ?? 0) },
    timeZone: zone,
    generatedAt: now,
  };
}

/** The players holding the most of a currency. */
export async function topBalances(db: Db, currency: TCurrency, limit: number) {
  const balance = currency === 'gold' ? users.gold : users.gems;
  return db
    .select({ userId: users.id, siteId: users.siteId, nickname: users.nickname, rank: users.rank, balance })
    .from(users)
    .orderBy(desc(balance), users.id)
    .limit(limit);
}

/** Single ledger entries moving at least `minAmount` either way, newest first. */
export async function largeMovements(
  db: Db,
  opts: { minAmount: number; currency?: TCurrency; from?: Date; to?: Date; cursor?: number; limit: number },
) {
  const l = walletLedger;
  const rows = await db
    .select({
      id: l.id,
      userId: l.userId,
      siteId: users.siteId,
      nickname: users.nickname,
      currency: l.currency,
      delta: l.delta,
      balanceAfter: l.balanceAfter,
      reason: l.reason,
      refType: l.refType,
      refId: l.refId,
      createdAt: l.createdAt,
    })
    .from(l)
    .innerJoin(users, eq(users.id, l.userId))
    .where(
      and(
        sql`abs(${l.delta}) >= ${opts.minAmount}`,
        opts.currency ? eq(l.currency, opts.currency) : undefined,
        opts.from ? gte(l.createdAt, opts.from) : undefined,
        opts.to ? lte(l.createdAt, opts.to) : undefined,
        opts.cursor ? lt(l.id, opts.cursor) : undefined,
      ),
    )
    .orderBy(desc(l.id))
    .limit(opts.limit + 1);
  return pageOf(rows, opts.limit, byId);
}
