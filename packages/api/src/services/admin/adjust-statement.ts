/**
 * An admin balance adjustment in one statement (no transaction around it): the wallet writer's
 * update of the user row — refused for an anonymised account or a balance that cannot pay — its
 * ledger row, the audit row and the live event in the outbox, each hanging off the one before.
 * Used when the adjustment carries no idempotency key (a keyed one first looks for an earlier
 * entry under an advisory lock: adjustBalanceTx).
 */
import type { Db } from '@casino/db';
import type { TCurrency } from '@casino/shared';
import { type SQL, sql } from 'drizzle-orm';
import { prepared } from '../shared/prepared';
import { changesCtes } from '../wallet/statement';

const NAMES = ['user', 'admin', 'currency', 'delta', 'reason', 'note', 'ip', 'at'] as const;
type Name = (typeof NAMES)[number];

export function adjustStatement(x: Record<Name, SQL>): SQL {
  const user = sql`CAST(${x.user} AS int)`;
  const money = changesCtes(
    x.user,
    [
      {
        currency: x.currency,
        delta: x.delta,
        reason: x.reason,
        refType: sql`'admin'`,
        refId: sql`CAST(${x.admin} AS text)`,
        key: sql`NULL`,
      },
    ],
    { guard: sql` AND users.status <> 'deleted'` },
  );
  return sql`WITH ${money.ctes},
    l AS (${money.ledger}),
    au AS (
      INSERT INTO admin_audit_log (admin_id, action, target_type, target_id, before, after, meta, ip)
      SELECT CAST(${x.admin} AS int), 'user.adjust_balance', 'user', CAST(${x.user} AS text),
        jsonb_build_object(l.currency, l.balance_after - l.delta), jsonb_build_object(l.currency, l.balance_after),
        jsonb_build_object('reason', CAST(${x.note} AS text), 'delta', l.delta, 'ledgerId', l.id), CAST(${x.ip} AS text)
      FROM l),
    o AS (
      INSERT INTO outbox_events (user_id, type, data)
      SELECT ${user}, 'token_update', jsonb_build_object('type', 'token_update', 'at', CAST(${x.at} AS text), 'data',
        jsonb_build_object('currency', l.currency, 'delta', l.delta, 'balance', l.balance_after, 'reason', l.reason, 'ledgerId', l.id))
      FROM l
      RETURNING id, data::text AS body)
    SELECT (SELECT status FROM users WHERE id = ${user}) AS status, l.id AS ledger_id, l.balance_after AS balance,
      (SELECT json_build_object('id', o.id, 'body', o.body) FROM o) AS event
    FROM (SELECT 1) one LEFT JOIN l ON true`;
}

type Row = {
  status: 'active' | 'banned' | 'deleted' | null;
  ledger_id: number | string | null;
  balance: number | string | null;
  event: { id: number | string; body: string } | string | null;
};

const statement = prepared<Name, Row>(NAMES, adjustStatement);

export type AdjustResult =
  | { applied: true; ledgerId: number; balance: number; event: { id: number; body: string } }
  | { applied: false; status: Row['status'] };

export async function runAdjust(
  db: Db,
  p: { userId: number; adminId: number; currency: TCurrency; delta: number; reason: string; note: string; ip: string | null; at: Date },
): Promise<AdjustResult> {
  const [row] = await statement(db, {
    user: p.userId,
    admin: p.adminId,
    currency: p.currency,
    delta: p.delta,
    reason: p.reason,
    note: p.note,
    ip: p.ip,
    at: p.at.toISOString(),
  });
  if (!row || row.ledger_id === null || row.event === null) return { applied: false, status: row?.status ?? null };
  const event = typeof row.event === 'string' ? (JSON.parse(row.event) as { id: number; body: string }) : row.event;
  return {
    applied: true,
    ledgerId: Number(row.ledger_id),
    balance: Number(row.balance),
    event: { id: Number(event.id), body: event.body },
  };
}
