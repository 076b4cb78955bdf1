/**
 * The alert registry: each source looks at the tables for one kind of problem and says how
 * many there are now, with up to `limit` of them under stable keys. Admin stats count them
 * (criticalAlerts, pendingActions); the admin feed announces each new one once.
 * To add a source, write one entry and append it to ALERT_SOURCES.
 */
import { queryRows } from '@casino/db';
import { sql } from 'drizzle-orm';
import type { Deps } from '../../deps';
import { runReconciliation } from '../economy/reports';
import { sharedValue } from './shared-cache';

export type AlertItem = { key: string; detail: string; ref: { type: string; id: string } | null };
export type AlertScan = { count: number; items: AlertItem[] };
export type AlertDeps = Pick<Deps, 'db' | 'kv' | 'clock' | 'config' | 'logger'>;

export type AlertSource = {
  id: string;
  severity: 'critical' | 'warning';
  title: string;
  /** Its problems wait for an admin's action (counted in stats.pendingActions). */
  pendingAction?: boolean;
  scan(deps: AlertDeps, limit: number): Promise<AlertScan>;
};

/** A crash round this late past its due time means the settlement workers are behind (or down). */
const CRASH_LATE_MS = 30_000;
/** Live events this old still in the outbox mean delivery to Redis is failing. */
const OUTBOX_LATE_MS = 60_000;
/** Reconciliation reads every ledger row: a dozen stats periods (a minute by default) across the cluster is plenty. */
const RECONCILE_PERIODS = 12;

const iso = (v: unknown) => (v instanceof Date ? v : new Date(String(v))).toISOString();

/** `count` from the first query, items from the second (skipped when no items are wanted). */
async function countAndList(
  deps: AlertDeps,
  limit: number,
  count: ReturnType<typeof sql>,
  list: ReturnType<typeof sql>,
  item: (r: Record<string, unknown>) => AlertItem,
): Promise<AlertScan> {
  const [c] = await queryRows<{ n: string }>(deps.db, count);
  const n = Number(c?.n ?? 0);
  if (n === 0 || limit === 0) return { count: n, items: [] };
  const rows = await queryRows<Record<string, unknown>>(deps.db, sql`${list} LIMIT ${limit}`);
  return { count: n, items: rows.map(item) };
}

const fraudReview: AlertSource = {
  id: 'fraud_review',
  severity: 'warning',
  title: 'Purchases waiting for a fraud review',
  pendingAction: true,
  scan: (deps, limit) =>
    countAndList(
      deps,
      limit,
      sql`SELECT count(*) AS n FROM fraud_decisions WHERE review_status = 'open'`,
      sql`SELECT id, user_id, sku, score FROM fraud_decisions WHERE review_status = 'open' ORDER BY created_at DESC`,
      (r) => ({
        key: String(r.id),
        detail: `Player ${r.user_id} buying ${r.sku ?? 'a product'} scored ${r.score}`,
        ref: { type: 'fraud_decision', id: String(r.id) },
      }),
    ),
};

const webhookFailed: AlertSource = {
  id: 'webhook_failed',
  severity: 'critical',
  title: 'Payment webhooks that failed',
  pendingAction: true,
  scan: (deps, limit) =>
    countAndList(
      deps,
      limit,
      sql`SELECT count(*) AS n FROM webhook_events WHERE status = 'FAILED'`,
      sql`SELECT id, type, attempts, last_error FROM webhook_events WHERE status = 'FAILED' ORDER BY received_at DESC`,
      (r) => ({
        key: String(r.id),
        detail: `${r.type} failed after ${r.attempts} attempts${r.last_error ? `: ${String(r.last_error).slice(0, 200)}` : ''}`,
        ref: { type: 'webhook_event', id: String(r.id) },
      }),
    ),
};

const reconcileViolation: AlertSource = {
  id: 'reconcile_violation',
  severity: 'critical',
  title: 'Balances that differ from their ledger',
  async scan(deps, limit) {
    const { violations } = await sharedValue(deps, {
      key: 'alerts:reconcile',
      periodMs: deps.config.live.statsPeriodMs * RECONCILE_PERIODS,
      // Recorded, so the economy page's history shows the periodic checks too.
      compute: async () => ({ violations: (await runReconciliation(deps, 'scheduled', null)).allViolations }),
    });
    return {
      count: violations.length,
      items: violations.slice(0, limit).map((v) => ({
        key: `${v.userId}:${v.currency}`,
        detail: `Player ${v.userId} holds ${v.balance} ${v.currency}, the ledger sums to ${v.ledgerSum}`,
        ref: { type: 'user', id: String(v.userId) },
      })),
    };
  },
};

const crashBacklog: AlertSource = {
  id: 'crash_backlog',
  severity: 'critical',
  title: 'Crash rounds not settled on time',
  scan(deps, limit) {
    const late = new Date(deps.clock.now().getTime() - CRASH_LATE_MS).toISOString();
    return countAndList(
      deps,
      limit,
      sql`SELECT count(*) AS n FROM crash_bets WHERE status = 'active' AND due_at < ${late}::timestamptz`,
      sql`SELECT id, user_id, due_at FROM crash_bets WHERE status = 'active' AND due_at < ${late}::timestamptz ORDER BY due_at`,
      (r) => ({
        key: String(r.id),
        detail: `Round ${r.id} of player ${r.user_id} was due at ${iso(r.due_at)}`,
        ref: { type: 'crash_round', id: String(r.id) },
      }),
    );
  },
};

const outboxBacklog: AlertSource = {
  id: 'outbox_backlog',
  severity: 'warning',
  title: 'Live events waiting to be delivered',
  scan(deps, limit) {
    const late = new Date(deps.clock.now().getTime() - OUTBOX_LATE_MS).toISOString();
    return countAndList(
      deps,
      Math.min(limit, 1),
      sql`SELECT count(*) AS n FROM outbox_events WHERE created_at < ${late}::timestamptz`,
      sql`SELECT min(id) AS id, min(created_at) AS oldest FROM outbox_events WHERE created_at < ${late}::timestamptz`,
      (r) => ({
        key: String(r.id),
        detail: `Undelivered since ${iso(r.oldest)} (is Redis reachable?)`,
        ref: null,
      }),
    );
  },
};

export const ALERT_SOURCES: readonly AlertSource[] = [webhookFailed, reconcileViolation, crashBacklog, fraudReview, outboxBacklog];
