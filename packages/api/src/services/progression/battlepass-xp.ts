/**
 * Battle-pass XP into the season running at `at` (level = min(maxLevel, ⌊xp / xpPerLevel⌋));
 * users.battlepass_level mirrors it for auth.me. A level reached is pushed live as `battlepass`.
 */
import { type Db, queryRows } from '@casino/db';
import { type SQL, sql } from 'drizzle-orm';
import type { Outbox } from '../../deps';

/** The season running at `at` (admins keep seasons from overlapping; the latest start wins if they do). */
export const runningSeasonSql = (at: Date | SQL): SQL => {
  const t = at instanceof Date ? sql`${at.toISOString()}::timestamptz` : at;
  return sql`SELECT id, max_level, xp_per_level FROM battlepass_seasons
      WHERE is_active AND starts_at <= ${t} AND ends_at > ${t}
      ORDER BY starts_at DESC, id DESC LIMIT 1`;
};

export type BattlepassXpRow = { season_id: number; level: number; prev_level: number; premium: boolean };

/** The battle-pass event for a statement's result row, if the level moved. */
export function battlepassLevelEvent(outbox: Outbox, userId: number, row: BattlepassXpRow | undefined | null): void {
  if (!row || row.season_id == null) return;
  const level = Number(row.level);
  const prev = Number(row.prev_level);
  if (level > prev) {
    outbox.push({
      userId,
      type: 'battlepass',
      data: { kind: 'level', seasonId: Number(row.season_id), level, previousLevel: prev, premium: Boolean(row.premium) },
    });
  }
}

export async function addBattlepassXp(
  tx: Db,
  outbox: Outbox,
  p: { userId: number; xp: number; at: Date },
): Promise<BattlepassXpRow | null> {
  const [row] = await queryRows<BattlepassXpRow>(
    tx,
    sql`WITH s AS (${runningSeasonSql(p.at)}),
      bp AS (
        INSERT INTO battlepass_progress AS b (user_id, season_id, xp, updated_at)
        SELECT ${p.userId}::int, s.id, ${p.xp}::int, ${p.at.toISOString()}::timestamptz FROM s
        ON CONFLICT (user_id, season_id) DO UPDATE SET xp = b.xp + excluded.xp, updated_at = excluded.updated_at
        RETURNING season_id, xp, premium)
      UPDATE users u SET battlepass_level = least(s.max_level, bp.xp / s.xp_per_level)
      FROM bp, s, (SELECT battlepass_level AS prev_level FROM users WHERE id = ${p.userId}::int) o
      WHERE u.id = ${p.userId}::int
      RETURNING bp.season_id, u.battlepass_level AS level, o.prev_level, bp.premium`,
  );
  battlepassLevelEvent(outbox, p.userId, row);
  return row ?? null;
}
