/**
 * Settlement of one round inside the caller's transaction: the round record, the
 * active session's totals, the per-game stats, progression (events, missions, battle
 * pass, XP) and achievements. Idempotent by round id: a round recorded twice changes
 * nothing the second time.
 */
import { type Db, queryRows } from '@casino/db';
import { type TCurrency, type TGame, type TGameOutcome, ZGameOutcome } from '@casino/shared';
import { sql } from 'drizzle-orm';
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

/**
 * One statement: the round row (with the active session, if any), that session's
 * totals, the stats upsert and the progression CTEs (roundProgressSql). Data-modifying
 * CTEs all see the same snapshot, and every other write hangs off the inserted row, so a
 * duplicate round id (ON CONFLICT DO NOTHING) changes nothing at all.
 */
export async function recordRound(tx: Db, outbox: Outbox, r: RoundRecord, config: ApiConfig): Promise<Recorded> {
  ZGameOutcome.parse({ game: r.game, outcome: r.outcome });
  const progress = roundProgressSql(r, config);
  const multiplier = multiplierOf(r.bet, r.payout);
  const win = r.result === 'win' ? 1 : 0;
  const loss = r.result === 'loss' ? 1 : 0;
  const duration = r.durationMs ?? null;
  const [row] = await queryRows<{ total_bets: number | null } & RoundProgressRow>(
    tx,
    sql`WITH r AS (
          INSERT INTO game_rounds (id, user_id, game, currency, bet, payout, multiplier, result, seed_id, nonce, outcome, session_id, duration_ms, config_version, created_at)
          VALUES (${r.roundId}::uuid, ${r.userId}::int, ${r.game}::game_type, ${r.currency}::text, ${r.bet}::bigint, ${r.payout}::bigint,
            ${multiplier}::float8, ${r.result}::round_result, ${r.seed.seedId}::bigint, ${r.seed.nonce}::int, ${JSON.stringify(r.outcome)}::jsonb,
            (SELECT id FROM game_sessions WHERE user_id = ${r.userId}::int AND game = ${r.game}::game_type AND ended_at IS NULL),
            ${duration}::int, ${r.configVersion}::int, ${r.at.toISOString()}::timestamptz)
          ON CONFLICT DO NOTHING
          RETURNING session_id),
        s AS (
          UPDATE game_sessions SET total_rounds = total_rounds + 1, total_bet = total_bet + ${r.bet}::bigint,
            total_win = total_win + ${r.payout}::bigint, total_duration_ms = total_duration_ms + ${duration ?? 0}::bigint
          WHERE id = (SELECT session_id FROM r)),
        st AS (
        INSERT INTO user_game_stats AS g (user_id, game, total_bets, total_wagered, total_wins, total_losses, total_payout, total_profit, highest_multiplier, updated_at)
        SELECT ${r.userId}::int, ${r.game}::game_type, 1, ${r.bet}::bigint, ${win}::int, ${loss}::int, ${r.payout}::bigint,
          ${r.payout - r.bet}::bigint, ${multiplier}::float8, ${r.at.toISOString()}::timestamptz
        FROM r
        ON CONFLICT (user_id, game) DO UPDATE SET
          total_bets = g.total_bets + 1, total_wagered = g.total_wagered + excluded.total_wagered,
          total_wins = g.total_wins + excluded.total_wins, total_losses = g.total_losses + excluded.total_losses,
          total_payout = g.total_payout + excluded.total_payout, total_profit = g.total_profit + excluded.total_profit,
          highest_multiplier = GREATEST(g.highest_multiplier, excluded.highest_multiplier), updated_at = excluded.updated_at
        RETURNING total_bets)${progress.ctes}
        SELECT (SELECT total_bets FROM st) AS total_bets${progress.columns}`,
  );
  if (!row || row.total_bets == null) return { inserted: false, achievements: 0, balanceChanged: false };
  const levelUp = await afterRoundProgress(tx, outbox, config, r, row);
  const achievements = await awardAchievements(tx, outbox, { ...r, multiplier, totalBets: Number(row.total_bets) });
  return { inserted: true, achievements, balanceChanged: achievements > 0 || levelUp !== null };
}
