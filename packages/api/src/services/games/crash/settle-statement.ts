/**
 * A crash round's settlement writes in one prepared statement (like the slot round and the
 * crash bet): lock the player's row (`pu`), credit the payout with the one wallet writer's SQL
 * (`u`, `l`; a lost round writes no ledger row) together with the round's XP and battle-pass
 * level, record the round with its session totals and stats (`r`, `s`, `st`), and advance
 * events, missions and the battle pass (`ev`, `mi`, `bp`) — each hanging off the one before.
 * The answer carries what the caller needs for the live events and the rare follow-ups: the
 * ledger row, the new level and experience, the battle-pass level before and after, what the
 * round completed, and the achievements the player already holds.
 *
 * Two forms: `decided` for a batch whose own conditional update already won the rounds (and
 * locked the players' rows in id order), and `deciding`, which starts with that conditional
 * update itself (`w`: this round still active → settled), so a cash-out settles in one
 * statement and, if another settler got there first, writes nothing at all.
 *
 * A round already recorded under its id writes nothing (no payout, XP or progress): everything
 * hangs off `pu`, which requires that no round row exists yet.
 *
 * Locks in the order every settlement takes them: the round, the player's row, progress rows.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { RoundProgressRow } from '../../progression/round-progress';
import { PROGRESS_PARAMS, statementProgress, userProgressSet } from '../../progression/round-progress';
import { preparedRow } from '../../shared/prepared';
import { changesCtes } from '../../wallet/statement';
import { roundCtes } from '../rounds';

const NAMES = [
  'user',
  'roundId',
  'status',
  'payout',
  'cashoutMultiplier',
  'winKey',
  'bet',
  'multiplier',
  'result',
  'seed',
  'nonce',
  'outcome',
  'duration',
  'configVersion',
  'at',
  'win',
  'loss',
  ...PROGRESS_PARAMS,
] as const;
type Name = (typeof NAMES)[number];
export type CrashSettleParams = Record<Name, string | number | null>;

function settleStatement(x: Record<Name, SQL>, deciding: boolean): SQL {
  const user = sql`CAST(${x.user} AS int)`;
  const at = sql`CAST(${x.at} AS timestamptz)`;
  const decide = deciding
    ? sql`w AS (
      UPDATE crash_bets SET status = CAST(${x.status} AS crash_status), payout = CAST(${x.payout} AS bigint),
        cashout_multiplier = CAST(${x.cashoutMultiplier} AS float8), settled_at = ${at}
      WHERE id = CAST(${x.roundId} AS uuid) AND status = 'active' AND NOT EXISTS (SELECT 1 FROM game_rounds WHERE id = CAST(${x.roundId} AS uuid))
      RETURNING id),
    `
    : sql``;
  const money = changesCtes(
    x.user,
    [{ currency: sql`'gold'`, delta: x.payout, reason: sql`'crash_win'`, refType: sql`'crash'`, refId: x.roundId, key: x.winKey }],
    { guard: sql` AND EXISTS (SELECT 1 FROM pu)`, ...userProgressSet(x.xp) },
  );
  const progress = statementProgress(x, sql`EXISTS (SELECT 1 FROM pu)`);
  const round = roundCtes(
    {
      roundId: x.roundId,
      user: x.user,
      game: sql`'crash'`,
      currency: sql`'gold'`,
      bet: x.bet,
      payout: x.payout,
      multiplier: x.multiplier,
      result: x.result,
      seedId: x.seed,
      nonce: x.nonce,
      outcome: x.outcome,
      duration: x.duration,
      configVersion: x.configVersion,
      at: x.at,
      win: x.win,
      loss: x.loss,
    },
    sql`EXISTS (SELECT 1 FROM u)`,
  );
  return sql`WITH ${decide}pu AS (
      SELECT battlepass_level FROM users WHERE id = ${user}${deciding ? sql` AND EXISTS (SELECT 1 FROM w)` : sql``}
        AND NOT EXISTS (SELECT 1 FROM game_rounds WHERE id = CAST(${x.roundId} AS uuid))
      FOR UPDATE)${progress.battlepass},
    ${money.ctes},
    l AS (${money.ledger}),
    ${round}${progress.ctes}
    SELECT (SELECT count(*) FROM u)::int AS applied, (SELECT gold FROM u) AS gold, (SELECT total_bets FROM st) AS total_bets,
      (SELECT json_build_object('id', id, 'delta', delta, 'balance', balance_after) FROM l) AS ledger,
      (SELECT json_build_object('level', level, 'experience', experience, 'bpLevel', battlepass_level, 'bpPrev', (SELECT battlepass_level FROM pu)) FROM u) AS ux,
      (SELECT json_build_object('seasonId', season_id, 'premium', premium) FROM bp) AS bp${progress.columns},
      (SELECT coalesce(json_agg(code), '[]'::json) FROM user_achievements WHERE user_id = ${user}) AS achievements`;
}

type Json<T> = T | string | null;
export type CrashSettleRow = RoundProgressRow & {
  applied: number;
  gold: number | string | null;
  total_bets: number | string | null;
  ledger: Json<{ id: number | string; delta: number | string; balance: number | string }>;
  achievements: Json<string[]>;
};

/** Settles a round a batch already won (its player's row locked by the batch). */
export const runDecidedSettlement = preparedRow<Name, CrashSettleRow>(
  NAMES,
  (x) => settleStatement(x, false),
  'the crash settlement statement',
);
/** Settles a round if it is still active: `applied` 0 when another settler got there first. */
export const runDecidingSettlement = preparedRow<Name, CrashSettleRow>(
  NAMES,
  (x) => settleStatement(x, true),
  'the crash settlement statement',
);
