/**
 * A crash bet's writes in one statement, one round trip, no transaction around it (like the
 * slot round, slot-round.ts): lock the seed row at the nonce and client seed the crash point
 * was derived with (`gs`), see that the player has no round in play (`busy`) and lock the user
 * row if it can pay the stake (`gu`); then insert the active round (`b`), debit the stake with
 * the one wallet writer's SQL (`u`, `l`), advance the nonce (`f`) and put the token_update and
 * the round's `start` event into the outbox (`o`) — each hanging off the one before, so if the
 * seed moved on, a round is in play or the balance is short, nothing at all is written and the
 * caller learns which.
 *
 * Locks in the order every round takes them: seed row, then user row. A round in play makes the
 * statement write nothing (the caller settles it first if it is due, in a transaction), so the
 * insert never waits on the one-active index while holding the user row a settlement needs.
 */
import type { Db } from '@casino/db';
import { type SQL, sql } from 'drizzle-orm';
import type { StatementOutbox } from '../../../realtime/outbox';
import { preparedRow } from '../../shared/prepared';
import { changesCtes } from '../../wallet/statement';

const NAMES = [
  'user',
  'seed',
  'nonce',
  'clientSeed',
  'gameId',
  'bet',
  'autoCashout',
  'crashPoint',
  'configVersion',
  'edge',
  'maxWin',
  'startedAt',
  'expiresAt',
  'dueAt',
  'betKey',
  'start',
  'at',
] as const;
type Name = (typeof NAMES)[number];
export type CrashBetParams = Record<Name, string | number | null>;

function crashBetStatement(x: Record<Name, SQL>): SQL {
  const user = sql`CAST(${x.user} AS int)`;
  const money = changesCtes(
    x.user,
    [
      {
        currency: sql`'gold'`,
        delta: sql`-CAST(${x.bet} AS bigint)`,
        reason: sql`'crash_bet'`,
        refType: sql`'crash'`,
        refId: x.gameId,
        key: x.betKey,
      },
    ],
    { guard: sql` AND EXISTS (SELECT 1 FROM b)` },
  );
  return sql`WITH gs AS (
      SELECT id FROM fairness_seeds
      WHERE id = CAST(${x.seed} AS bigint) AND user_id = ${user} AND next_nonce = CAST(${x.nonce} AS int)
        AND client_seed = CAST(${x.clientSeed} AS text) AND revealed_at IS NULL
      FOR UPDATE),
    busy AS (SELECT id FROM crash_bets WHERE user_id = ${user} AND status = 'active'),
    gu AS (
      SELECT id FROM users
      WHERE id = ${user} AND EXISTS (SELECT 1 FROM gs) AND NOT EXISTS (SELECT 1 FROM busy) AND gold >= CAST(${x.bet} AS bigint)
      FOR UPDATE),
    b AS (
      INSERT INTO crash_bets (id, user_id, bet, auto_cashout, crash_point, seed_id, nonce, status, config_version,
        house_edge_percent, max_win_multiplier, started_at, expires_at, due_at)
      SELECT CAST(${x.gameId} AS uuid), gu.id, CAST(${x.bet} AS bigint), CAST(${x.autoCashout} AS double precision),
        CAST(${x.crashPoint} AS double precision), CAST(${x.seed} AS bigint), CAST(${x.nonce} AS int), 'active',
        CAST(${x.configVersion} AS int), CAST(${x.edge} AS double precision), CAST(${x.maxWin} AS double precision),
        CAST(${x.startedAt} AS timestamptz), CAST(${x.expiresAt} AS timestamptz), CAST(${x.dueAt} AS timestamptz)
      FROM gu
      ON CONFLICT (user_id) WHERE status = 'active' DO NOTHING
      RETURNING id),
    ${money.ctes},
    l AS (${money.ledger}),
    f AS (UPDATE fairness_seeds SET next_nonce = next_nonce + 1 WHERE id = CAST(${x.seed} AS bigint) AND EXISTS (SELECT 1 FROM u) RETURNING id),
    o AS (
      INSERT INTO outbox_events (user_id, type, data)
      SELECT ${user}, e.type, jsonb_build_object('type', e.type, 'data', e.data, 'at', CAST(${x.at} AS text)) FROM (
        SELECT 1 AS k, l.id AS n, 'token_update' AS type,
          jsonb_build_object('currency', l.currency, 'delta', l.delta, 'balance', l.balance_after, 'reason', l.reason, 'ledgerId', l.id) AS data
        FROM l
        UNION ALL
        SELECT 2, 0, 'crash', CAST(${x.start} AS jsonb) FROM u) e
      ORDER BY e.k, e.n
      RETURNING id, data::text AS body)
    SELECT (SELECT count(*) FROM gs)::int AS seed_ok, (SELECT count(*) FROM busy)::int AS busy, (SELECT count(*) FROM u)::int AS applied,
      (SELECT gold FROM u) AS gold,
      (SELECT coalesce(json_agg(json_build_object('id', id, 'body', body) ORDER BY id), '[]'::json) FROM o) AS outbox`;
}

export type CrashBetRow = {
  seed_ok: number;
  busy: number;
  applied: number;
  gold: number | string | null;
  outbox: StatementOutbox;
};

export const runCrashBet: (db: Db, params: CrashBetParams) => Promise<CrashBetRow> = preparedRow<Name, CrashBetRow>(
  NAMES,
  crashBetStatement,
  'the crash bet statement',
);
