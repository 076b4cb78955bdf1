/**
 * A slot round's writes in one statement, one round trip, no transaction around it: lock the
 * seed row at the nonce the outcome was derived with (`gs`) and the user row if it can pay the
 * stake (`gu`); then the battle-pass XP (`bp`), the balance, experience and battle-pass level
 * (`u`, the wallet writer's update), both ledger rows, the nonce, the round row with its session
 * totals and stats, events and missions advanced, and the live events into the outbox — each
 * hanging off the one before, so if the seed moved on (another spin, another game, a rotation)
 * or the balance is short, nothing at all is written and the caller learns which.
 *
 * The same statement checks the caller: an active account, no forced password change and (for a
 * call made with a token) a live session — so the spin needs no authentication lookup first.
 *
 * Locks are taken in the order every round takes them: seed row, user row, progress rows.
 * The values are SQL so the same statement runs prepared (placeholders, compiled once) and
 * in the benchmark's pgbench script (pgbench variables).
 */
import type { Db } from '@casino/db';
import { type SQL, sql } from 'drizzle-orm';
import type { StatementOutbox } from '../../realtime/outbox';
import { PROGRESS_PARAMS, statementProgress, userProgressSet } from '../progression/round-progress';
import { preparedRow } from '../shared/prepared';
import { changesCtes } from '../wallet/statement';
import { roundCtes } from './rounds';

const NAMES = [
  'user',
  'session',
  'seed',
  'nonce',
  'currency',
  'stake',
  'payout',
  'betReason',
  'winReason',
  'roundId',
  'betKey',
  'winKey',
  'game',
  'multiplier',
  'result',
  'outcome',
  'configVersion',
  'at',
  'win',
  'loss',
  ...PROGRESS_PARAMS,
] as const;
export type SlotRoundName = (typeof NAMES)[number];
export type SlotRoundValues = Record<SlotRoundName, SQL>;
export type SlotRoundParams = Record<SlotRoundName, string | number | null>;

export function slotRoundStatement(x: SlotRoundValues): SQL {
  const user = sql`CAST(${x.user} AS int)`;
  const money = changesCtes(
    x.user,
    [
      {
        currency: x.currency,
        delta: sql`-CAST(${x.stake} AS bigint)`,
        reason: x.betReason,
        refType: sql`'round'`,
        refId: x.roundId,
        key: x.betKey,
      },
      { currency: x.currency, delta: x.payout, reason: x.winReason, refType: sql`'round'`, refId: x.roundId, key: x.winKey },
    ],
    { guard: sql` AND EXISTS (SELECT 1 FROM gu)`, ...userProgressSet(x.xp) },
  );
  const progress = statementProgress(x, sql`EXISTS (SELECT 1 FROM gu)`);
  const round = roundCtes(
    {
      roundId: x.roundId,
      user: x.user,
      game: x.game,
      currency: x.currency,
      bet: x.stake,
      payout: x.payout,
      multiplier: x.multiplier,
      result: x.result,
      seedId: x.seed,
      nonce: x.nonce,
      outcome: x.outcome,
      duration: sql`NULL`,
      configVersion: x.configVersion,
      at: x.at,
      win: x.win,
      loss: x.loss,
    },
    sql`EXISTS (SELECT 1 FROM u)`,
  );
  // The caller's standing, as authenticate() and protectedProcedure judge it (a null session:
  // a trusted service call, not a token).
  const session = sql`CAST(${x.session} AS uuid)`;
  const liveSession = sql`(${session} IS NULL OR EXISTS (SELECT 1 FROM sessions se WHERE se.id = ${session} AND se.user_id = users.id AND se.revoked_at IS NULL))`;
  const allowed = sql`status = 'active' AND NOT must_change_password AND ${liveSession}`;
  const refused = sql`(SELECT CASE WHEN status = 'deleted' THEN 'token_invalid' WHEN status = 'banned' THEN 'account_banned'
        WHEN NOT ${liveSession} THEN 'session_revoked' WHEN must_change_password THEN 'password_change_required' END
      FROM users WHERE id = ${user})`;
  return sql`WITH gs AS (
      SELECT id FROM fairness_seeds
      WHERE id = CAST(${x.seed} AS bigint) AND user_id = ${user} AND next_nonce = CAST(${x.nonce} AS int) AND revealed_at IS NULL
      FOR UPDATE),
    gu AS (
      SELECT battlepass_level FROM users
      WHERE id = ${user} AND EXISTS (SELECT 1 FROM gs) AND ${allowed}
        AND (CASE CAST(${x.currency} AS text) WHEN 'gold' THEN gold ELSE gems END) >= CAST(${x.stake} AS bigint)
      FOR UPDATE)${progress.battlepass},
    ${money.ctes},
    l AS (${money.ledger}),
    f AS (UPDATE fairness_seeds SET next_nonce = next_nonce + 1 WHERE id = CAST(${x.seed} AS bigint) AND EXISTS (SELECT 1 FROM u) RETURNING id),
    ${round}${progress.ctes},
    o AS (
      INSERT INTO outbox_events (user_id, type, data)
      SELECT ${user}, e.type, jsonb_build_object('type', e.type, 'data', e.data, 'at', CAST(${x.at} AS text)) FROM (
        SELECT 1 AS k, l.id AS n, 'token_update' AS type,
          jsonb_build_object('currency', l.currency, 'delta', l.delta, 'balance', l.balance_after, 'reason', l.reason, 'ledgerId', l.id) AS data
        FROM l
        UNION ALL
        SELECT 2, ev.id, 'progress', jsonb_build_object('kind', 'event', 'id', ev.id, 'title', ev.title, 'completed', true)
        FROM ev WHERE ev.completed_at IS NOT NULL
        UNION ALL
        SELECT 3, mi.id, 'progress', jsonb_build_object('kind', 'mission', 'id', mi.id, 'title', m.title, 'completed', true)
        FROM mi JOIN missions m ON m.id = mi.id WHERE mi.completed_at IS NOT NULL
        UNION ALL
        SELECT 4, 0, 'battlepass', jsonb_build_object('kind', 'level', 'seasonId', bp.season_id, 'level', u.battlepass_level,
          'previousLevel', gu.battlepass_level, 'premium', bp.premium)
        FROM bp, u, gu WHERE u.battlepass_level > gu.battlepass_level) e
      ORDER BY e.k, e.n
      RETURNING id, data::text AS body)
    SELECT (SELECT count(*) FROM gs)::int AS seed_ok, (SELECT count(*) FROM u)::int AS applied, ${refused} AS refused,
      (SELECT gold FROM u) AS gold, (SELECT gems FROM u) AS gems, (SELECT level FROM u) AS level, (SELECT experience FROM u) AS experience,
      (SELECT total_bets FROM st) AS total_bets,
      (SELECT coalesce(json_agg(json_build_object('id', id, 'body', body) ORDER BY id), '[]'::json) FROM o) AS outbox`;
}

export type SlotRoundRow = {
  seed_ok: number;
  applied: number;
  /** Why the caller may not play (a reason of authenticate/protectedProcedure), or null. */
  refused: 'token_invalid' | 'account_banned' | 'session_revoked' | 'password_change_required' | null;
  gold: number | string | null;
  gems: number | string | null;
  level: number | null;
  experience: number | null;
  total_bets: number | string | null;
  outbox: StatementOutbox;
};

/** Runs the statement on `db` (the pool, or a transaction holding the seed row's lock). */
export const runSlotRound: (db: Db, params: SlotRoundParams) => Promise<SlotRoundRow> = preparedRow<SlotRoundName, SlotRoundRow>(
  NAMES,
  slotRoundStatement,
  'the slot round statement',
);
