/**
 * Progress from gameplay, as part of the round's own statement (recordRound): CTEs that hang
 * off the inserted round row `r`, so a retried round id (ON CONFLICT DO NOTHING → no `r`)
 * advances nothing. One statement advances the player's joined events, the missions of the
 * current periods, the running battle-pass season and XP; the rare follow-ups (a level
 * reached, something completed) run after it in the same transaction.
 */
import type { Db } from '@casino/db';
import { isoWeek, type TGameOutcome, type TRequirementKey, utcDay } from '@casino/shared';
import { type SQL, sql } from 'drizzle-orm';
import type { ApiConfig } from '../../config';
import type { Outbox } from '../../deps';
import { jsonColumn } from '../shared/prepared';
import { battlepassLevelEvent, runningSeasonSql } from './battlepass-xp';
import { roundXp } from './config';
import { type LevelChange, settleLevel } from './levels';

export type RoundFacts = TGameOutcome & {
  userId: number;
  currency: string;
  bet: number;
  result: 'win' | 'loss' | 'draw';
  at: Date;
};

const GAME_KEY = { slot: 'slot_spins', gacha: 'gacha_pulls', rps: 'rps_plays', crash: 'crash_bets' } as const;

/** What one round adds to each requirement key (CONTRACT "Progression"); zero keys are left out. */
export function roundIncrements(r: RoundFacts): Partial<Record<TRequirementKey, number>> {
  const units = r.game === 'gacha' ? r.outcome.count : 1;
  const wagered = r.currency === 'gold' ? r.bet : 0;
  const inc: Partial<Record<TRequirementKey, number>> = { [GAME_KEY[r.game]]: units };
  if (r.result === 'win') inc.wins = 1;
  if (wagered > 0) inc.gold_wagered = wagered;
  const points = Math.floor(wagered / 10);
  if (points > 0) inc.model_index_points = points;
  return inc;
}

/** progress ⊕ inc per key of `req`, each capped at its target. */
const merged = (progress: SQL, req: SQL, inc: SQL) =>
  sql`(SELECT coalesce(jsonb_object_agg(k.key, least(k.value::bigint, coalesce((${progress}->>k.key)::bigint, 0) + coalesce((${inc}->>k.key)::bigint, 0))), '{}'::jsonb)
       FROM jsonb_each_text(${req}) k)`;
/** progress ⊕ inc reaches every target of `req`. */
const reached = (progress: SQL, req: SQL, inc: SQL) =>
  sql`NOT EXISTS (SELECT 1 FROM jsonb_each_text(${req}) k
       WHERE coalesce((${progress}->>k.key)::bigint, 0) + coalesce((${inc}->>k.key)::bigint, 0) < k.value::bigint)`;

/**
 * The values the progression CTEs take, as SQL: a prepared statement's placeholders
 * (placeholderProgress), pgbench expressions for the benchmark (which runs this very SQL).
 */
export type ProgressValues = {
  user: SQL;
  at: SQL;
  /** jsonb: what the round adds per requirement key. */
  inc: SQL;
  /** text[]: the keys of `inc`. */
  keys: SQL;
  xp: SQL;
  /** Battle-pass XP, or null for none (the CTE is left out). */
  battlepassXp: SQL | null;
  day: SQL;
  week: SQL;
};

export type ProgressOptions = {
  /** The condition the battle-pass upsert hangs off (default: the round row `r` was inserted). */
  battlepassAnchor?: SQL;
  /**
   * false: leave out `ux`, the users update (experience, battle-pass level), for a statement that
   * folds it into its own update of the user row (one row is updated once per statement).
   */
  users?: boolean;
};

/** The CTEs (to follow `r`, the inserted round, in recordRound's WITH) and the columns its final SELECT reads back. */
export function progressCtes(v: ProgressValues, opts: ProgressOptions = {}): { ctes: SQL; columns: SQL; battlepass: SQL } {
  const missionReq = sql`(SELECT m2.requirements FROM missions m2 WHERE m2.id = mp.mission_id)`;
  const empty = sql`'{}'::jsonb`;
  const bp = v.battlepassXp
    ? sql`,
      bp AS (
        INSERT INTO battlepass_progress AS b (user_id, season_id, xp, updated_at)
        SELECT ${v.user}, s.id, ${v.battlepassXp}, ${v.at} FROM (${runningSeasonSql(v.at)}) s
        WHERE ${opts.battlepassAnchor ?? sql`EXISTS (SELECT 1 FROM r)`} AND ${v.battlepassXp} > 0
        ON CONFLICT (user_id, season_id) DO UPDATE SET xp = b.xp + excluded.xp, updated_at = excluded.updated_at
        RETURNING season_id, xp, premium)`
    : sql`,
      bp AS (SELECT NULL::int AS season_id, NULL::int AS xp, NULL::boolean AS premium WHERE false)`;

  const ctes = sql`,
      ev AS (
        UPDATE event_participations p SET
          progress = ${merged(sql`p.progress`, sql`e.requirements`, v.inc)},
          completed_at = CASE WHEN ${reached(sql`p.progress`, sql`e.requirements`, v.inc)} THEN ${v.at} END
        FROM events e
        WHERE EXISTS (SELECT 1 FROM r) AND p.user_id = ${v.user} AND p.completed_at IS NULL AND e.id = p.event_id
          AND e.is_active AND e.deleted_at IS NULL AND e.starts_at <= ${v.at} AND e.ends_at > ${v.at} AND e.requirements ?| ${v.keys}
        RETURNING p.event_id AS id, e.title, p.completed_at),
      mi AS (
        INSERT INTO mission_progress AS mp (user_id, mission_id, period_key, progress, completed_at, updated_at)
        SELECT ${v.user}, m.id, CASE m.period WHEN 'daily' THEN ${v.day} WHEN 'weekly' THEN ${v.week} ELSE 'once' END,
          ${merged(empty, sql`m.requirements`, v.inc)}, CASE WHEN ${reached(empty, sql`m.requirements`, v.inc)} THEN ${v.at} END, ${v.at}
        FROM missions m
        WHERE EXISTS (SELECT 1 FROM r) AND m.is_active AND m.deleted_at IS NULL AND m.requirements ?| ${v.keys}
        ON CONFLICT (user_id, mission_id, period_key) DO UPDATE SET
          progress = ${merged(sql`mp.progress`, missionReq, v.inc)},
          completed_at = CASE WHEN ${reached(sql`mp.progress`, missionReq, v.inc)} THEN excluded.updated_at END,
          updated_at = excluded.updated_at
        WHERE mp.completed_at IS NULL
        RETURNING mission_id AS id, completed_at)`;
  // Without `ux` the caller places `bp` (leading comma) where its own user-row update can read it.
  if (opts.users === false) return { ctes, columns: completionColumns, battlepass: bp };
  const withUsers = sql`${ctes}${bp},
      ux AS (
        UPDATE users u SET experience = u.experience + ${v.xp},
          battlepass_level = coalesce((SELECT least(s.max_level, bp.xp / s.xp_per_level) FROM bp JOIN battlepass_seasons s ON s.id = bp.season_id), u.battlepass_level)
        FROM (SELECT battlepass_level AS prev_level FROM users WHERE id = ${v.user}) o
        WHERE u.id = ${v.user} AND EXISTS (SELECT 1 FROM r) AND (${v.xp} > 0 OR EXISTS (SELECT 1 FROM bp))
        RETURNING u.level, u.experience, u.battlepass_level, o.prev_level)`;
  const columns = sql`,
      (SELECT json_build_object('level', level, 'experience', experience, 'bpLevel', battlepass_level, 'bpPrev', prev_level) FROM ux) AS ux,
      (SELECT json_build_object('seasonId', season_id, 'premium', premium) FROM bp) AS bp${completionColumns}`;
  return { ctes: withUsers, columns, battlepass: sql`` };
}

/** The events and missions the round completed, as JSON columns of the final SELECT. */
const completionColumns = sql`,
      (SELECT coalesce(json_agg(json_build_object('id', id, 'title', title)), '[]'::json) FROM ev WHERE completed_at IS NOT NULL) AS events_done,
      (SELECT coalesce(json_agg(json_build_object('id', mi.id, 'title', m.title)), '[]'::json)
         FROM mi JOIN missions m ON m.id = mi.id WHERE mi.completed_at IS NOT NULL) AS missions_done`;

/** What one round adds, as plain values (XP by the configured tables). */
export function roundProgressValues(r: RoundFacts, config: ApiConfig) {
  const inc = roundIncrements(r);
  const units = r.game === 'gacha' ? r.outcome.count : 1;
  const wagered = r.currency === 'gold' ? r.bet : 0;
  return {
    inc,
    xp: roundXp(config.progression.xp, r.game, units, wagered),
    battlepassXp: roundXp(config.progression.battlepassXp, r.game, units, wagered),
    day: utcDay(r.at),
    week: isoWeek(r.at),
  };
}

/** A round's progression as the parameters of a one-statement round (slot-round.ts, crash/settle-statement.ts). */
export function roundProgressParams(r: RoundFacts, config: ApiConfig) {
  const p = roundProgressValues(r, config);
  return {
    xp: p.xp,
    bpXp: p.battlepassXp,
    inc: JSON.stringify(p.inc),
    keys: `{${Object.keys(p.inc).join(',')}}`,
    day: p.day,
    week: p.week,
  };
}

/** The placeholders roundProgressParams fills, for a statement's list of names. */
export const PROGRESS_PARAMS = ['xp', 'bpXp', 'inc', 'keys', 'day', 'week'] as const;
export type ProgressParamName = (typeof PROGRESS_PARAMS)[number] | 'user' | 'at';

/**
 * The progression CTEs of a one-statement round, from its placeholders, without `ux`: the
 * statement's own update of the user row takes `userProgressSet` instead, and `bp` (returned
 * apart, with its leading comma) must come before that update. The battle pass hangs off `anchor`.
 */
export function statementProgress(x: Record<ProgressParamName, SQL>, anchor: SQL) {
  return progressCtes(placeholderProgress(x), { battlepassAnchor: anchor, users: false });
}

/** The progression values of a prepared statement, as casts of its placeholders (the battle pass always present, guarded by `> 0`). */
export function placeholderProgress(x: Record<ProgressParamName, SQL>): ProgressValues {
  return {
    user: sql`CAST(${x.user} AS int)`,
    at: sql`CAST(${x.at} AS timestamptz)`,
    inc: sql`CAST(${x.inc} AS jsonb)`,
    keys: sql`CAST(${x.keys} AS text[])`,
    xp: sql`CAST(${x.xp} AS int)`,
    battlepassXp: sql`CAST(${x.bpXp} AS int)`,
    day: sql`CAST(${x.day} AS text)`,
    week: sql`CAST(${x.week} AS text)`,
  };
}

/** The round's XP and battle-pass level as assignments on the user row (after `bp`), and the columns that update returns. */
export const userProgressSet = (xp: SQL) => ({
  set: sql`, experience = users.experience + CAST(${xp} AS int),
      battlepass_level = coalesce((SELECT least(s.max_level, bp.xp / s.xp_per_level) FROM bp JOIN battlepass_seasons s ON s.id = bp.season_id), users.battlepass_level)`,
  returning: sql`, users.level, users.experience, users.battlepass_level`,
});

type Json<T> = T | string | null;
export type RoundProgressRow = {
  ux: Json<{ level: number; experience: number; bpLevel: number; bpPrev: number }>;
  bp: Json<{ seasonId: number; premium: boolean }>;
  events_done: Json<{ id: number; title: string }[]>;
  missions_done: Json<{ id: number; title: string }[]>;
};

/** The follow-ups of a recorded round: level reached (and its reward), battle-pass level, completions. */
export async function afterRoundProgress(
  tx: Db,
  outbox: Outbox,
  config: ApiConfig,
  r: { userId: number; at: Date },
  row: RoundProgressRow,
): Promise<LevelChange | null> {
  const ux = jsonColumn(row.ux);
  const bp = jsonColumn(row.bp);
  for (const e of jsonColumn(row.events_done) ?? []) {
    outbox.push({ userId: r.userId, type: 'progress', data: { kind: 'event', id: e.id, title: e.title, completed: true } });
  }
  for (const m of jsonColumn(row.missions_done) ?? []) {
    outbox.push({ userId: r.userId, type: 'progress', data: { kind: 'mission', id: m.id, title: m.title, completed: true } });
  }
  if (!ux) return null;
  if (bp) {
    battlepassLevelEvent(outbox, r.userId, { season_id: bp.seasonId, level: ux.bpLevel, prev_level: ux.bpPrev, premium: bp.premium });
  }
  const change = await settleLevel(tx, outbox, { config, at: r.at }, r.userId, Number(ux.level), Number(ux.experience));
  return change.levelsGained > 0 ? change : null;
}
