/**
 * Settlement of one round inside the caller's transaction: the round record, the
 * active session's totals, the per-game stats, progression (events, missions, battle
 * pass, XP) and achievements. Idempotent by round id: a round recorded twice changes
 * nothing the second time.
 */
import { type Db, queryRows } from '@casino/db';
import { type TCurrency, type TGame, type TGameOutcome, ZGameOutcome } from '@casino/shared';
import { type SQL, sql } from 'drizzle-orm';
import type { ApiConfig } from '../../config';
import type { Outbox } from '../../deps';
import { afterRoundProgress, type RoundProgressRow, roundProgressSql } from '../progression/round-progress';
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

/** A round's values as SQL: bound parameters (recordRound) or prepared-statement placeholders (the slot round). */
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

/** The record's values, bound as parameters. */
export function roundValues(r: RoundRecord): RoundValues {
  const multiplier = multiplierOf(r.bet, r.payout);
  return {
    roundId: sql`${r.roundId}`,
    user: sql`${r.userId}`,
    game: sql`${r.game}`,
    currency: sql`${r.currency}`,
    bet: sql`${r.bet}`,
    payout: sql`${r.payout}`,
    multiplier: sql`${multiplier}`,
    result: sql`${r.result}`,
    seedId: sql`${r.seed.seedId}`,
    nonce: sql`${r.seed.nonce}`,
    outcome: sql`${JSON.stringify(r.outcome)}`,
    duration: sql`${r.durationMs ?? null}`,
    configVersion: sql`${r.configVersion}`,
    at: sql`${r.at.toISOString()}`,
    win: sql`${r.result === 'win' ? 1 : 0}`,
    loss: sql`${r.result === 'loss' ? 1 : 0}`,
  };
}

/**
 * One statement: roundCtes and the progression CTEs (roundProgressSql) hanging off the
 * inserted round row; the rare follow-ups (a level reached, achievements) after it.
 */
export async function recordRound(tx: Db, outbox: Outbox, r: RoundRecord, config: ApiConfig): Promise<Recorded> {
  ZGameOutcome.parse({ game: r.game, outcome: r.outcome });
  const progress = roundProgressSql(r, config);
  const multiplier = multiplierOf(r.bet, r.payout);
  const [row] = await queryRows<{ total_bets: number | null } & RoundProgressRow>(
    tx,
    sql`WITH ${roundCtes(roundValues(r))}${progress.ctes}
        SELECT (SELECT total_bets FROM st) AS total_bets${progress.columns}`,
  );
  if (!row || row.total_bets == null) return { inserted: false, achievements: 0, balanceChanged: false };
  const levelUp = await afterRoundProgress(tx, outbox, config, r, row);
  const achievements = await awardAchievements(tx, outbox, { ...r, multiplier, totalBets: Number(row.total_bets) });
  return { inserted: true, achievements, balanceChanged: achievements > 0 || levelUp !== null };
}
