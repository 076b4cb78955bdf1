/**
 * Settlement of one round inside the caller's transaction: the round record, the
 * active session's totals, the per-game stats, progression (events, missions, battle
 * pass, XP) and achievements. Idempotent by round id: a round recorded twice changes
 * nothing the second time.
 */
import type { Db } from '@casino/db';
import { type TCurrency, type TGame, type TGameOutcome, ZGameOutcome } from '@casino/shared';
import { type SQL, sql } from 'drizzle-orm';
import type { ApiConfig } from '../../config';
import type { Outbox } from '../../deps';
import {
  afterRoundProgress,
  PROGRESS_PARAMS,
  placeholderProgress,
  progressCtes,
  type RoundProgressRow,
  roundProgressParams,
} from '../progression/round-progress';
import { preparedRow } from '../shared/prepared';
import { awardAchievements } from './achievements';
import type { RoundSeed } from './fairness';

export type { TGame };
export type TResult = 'win' | 'loss' | 'draw';

export type RoundRecord = {
  roundId: string;
  userId: number;
  currency: TCurrency;
  bet: number;
  payout: number;
  result: TResult;
  seed: Pick<RoundSeed, 'seedId' | 'nonce'>;
  /** The game configuration version the outcome was derived under. */
  configVersion: number;
  durationMs?: number | null;
  at: Date;
} & TGameOutcome; // { game, outcome }: checked against the shared schema before it is stored.

export const multiplierOf = (bet: number, payout: number) => (bet > 0 ? Math.round((payout / bet) * 100) / 100 : 0);

export type Recorded = {
  inserted: boolean;
  achievements: number;
  /** Achievements or a level reward credited after the round's own entries: re-read the balance. */
  balanceChanged: boolean;
};

/** A round's values as SQL: prepared-statement placeholders (recordRound, the slot round, the crash settlement) or pgbench variables. */
export type RoundValues = Record<
  | 'roundId'
  | 'user'
  | 'game'
  | 'currency'
  | 'bet'
  | 'payout'
  | 'multiplier'
  | 'result'
  | 'seedId'
  | 'nonce'
  | 'outcome'
  | 'duration'
  | 'configVersion'
  | 'at'
  | 'win'
  | 'loss',
  SQL
>;

/**
 * The round row `r` (with the active session, if any), that session's totals `s` and the stats
 * upsert `st`, as CTEs of a larger statement. Data-modifying CTEs all see the same snapshot and
 * every other write hangs off the inserted row, so a duplicate round id (ON CONFLICT DO NOTHING),
 * or a false `guard`, changes nothing at all.
 */
export function roundCtes(x: RoundValues, guard: SQL = sql`true`): SQL {
  return sql`r AS (
          INSERT INTO game_rounds (id, user_id, game, currency, bet, payout, multiplier, result, seed_id, nonce, outcome, session_id, duration_ms, config_version, created_at)
          SELECT CAST(${x.roundId} AS uuid), CAST(${x.user} AS int), CAST(${x.game} AS game_type), CAST(${x.currency} AS text), CAST(${x.bet} AS bigint),
            CAST(${x.payout} AS bigint), CAST(${x.multiplier} AS float8), CAST(${x.result} AS round_result), CAST(${x.seedId} AS bigint), CAST(${x.nonce} AS int),
            CAST(${x.outcome} AS jsonb),
            (SELECT id FROM game_sessions WHERE user_id = CAST(${x.user} AS int) AND game = CAST(${x.game} AS game_type) AND ended_at IS NULL),
            CAST(${x.duration} AS int), CAST(${x.configVersion} AS int), CAST(${x.at} AS timestamptz)
          WHERE ${guard}
          ON CONFLICT DO NOTHING
          RETURNING session_id),
        s AS (
          UPDATE game_sessions SET total_rounds = total_rounds + 1, total_bet = total_bet + CAST(${x.bet} AS bigint),
            total_win = total_win + CAST(${x.payout} AS bigint), total_duration_ms = total_duration_ms + coalesce(CAST(${x.duration} AS bigint), 0)
          WHERE id = (SELECT session_id FROM r)),
        st AS (
        INSERT INTO user_game_stats AS g (user_id, game, total_bets, total_wagered, total_wins, total_losses, total_payout, total_profit, highest_multiplier, updated_at)
        SELECT CAST(${x.user} AS int), CAST(${x.game} AS game_type), 1, CAST(${x.bet} AS bigint), CAST(${x.win} AS int), CAST(${x.loss} AS int),
          CAST(${x.payout} AS bigint), CAST(${x.payout} AS bigint) - CAST(${x.bet} AS bigint), CAST(${x.multiplier} AS float8), CAST(${x.at} AS timestamptz)
        FROM r
        ON CONFLICT (user_id, game) DO UPDATE SET
          total_bets = g.total_bets + 1, total_wagered = g.total_wagered + excluded.total_wagered,
          total_wins = g.total_wins + excluded.total_wins, total_losses = g.total_losses + excluded.total_losses,
          total_payout = g.total_payout + excluded.total_payout, total_profit = g.total_profit + excluded.total_profit,
          highest_multiplier = GREATEST(g.highest_multiplier, excluded.highest_multiplier), updated_at = excluded.updated_at
        RETURNING total_bets)`;
}

const NAMES = [
  'roundId',
  'user',
  'game',
  'currency',
  'bet',
  'payout',
  'multiplier',
  'result',
  'seedId',
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

/**
 * One prepared statement: roundCtes and the progression CTEs (progressCtes) hanging off the
 * inserted round row; its final row says what the round reached.
 */
const recordStatement = preparedRow<Name, { total_bets: number | string | null } & RoundProgressRow>(
  NAMES,
  (x) => {
    const progress = progressCtes(placeholderProgress(x));
    return sql`WITH ${roundCtes(x)}${progress.ctes}
        SELECT (SELECT total_bets FROM st) AS total_bets${progress.columns}`;
  },
  'the round record statement',
);

/**
 * Records the round with its progression in one statement; the rare follow-ups (a level
 * reached, achievements) after it, in the same transaction.
 */
export async function recordRound(tx: Db, outbox: Outbox, r: RoundRecord, config: ApiConfig): Promise<Recorded> {
  ZGameOutcome.parse({ game: r.game, outcome: r.outcome });
  const multiplier = multiplierOf(r.bet, r.payout);
  const row = await recordStatement(tx, {
    roundId: r.roundId,
    user: r.userId,
    game: r.game,
    currency: r.currency,
    bet: r.bet,
    payout: r.payout,
    multiplier,
    result: r.result,
    seedId: r.seed.seedId,
    nonce: r.seed.nonce,
    outcome: JSON.stringify(r.outcome),
    duration: r.durationMs ?? null,
    configVersion: r.configVersion,
    at: r.at.toISOString(),
    win: r.result === 'win' ? 1 : 0,
    loss: r.result === 'loss' ? 1 : 0,
    ...roundProgressParams(r, config),
  });
  if (row.total_bets == null) return { inserted: false, achievements: 0, balanceChanged: false };
  const levelUp = await afterRoundProgress(tx, outbox, config, r, row);
  const achievements = await awardAchievements(tx, outbox, { ...r, multiplier, totalBets: Number(row.total_bets) });
  return { inserted: true, achievements, balanceChanged: achievements > 0 || levelUp !== null };
}
