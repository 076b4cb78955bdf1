/**
 * Global metrics (social proof, no personal data): players online in the last 5 minutes,
 * rounds of every game in the last hour, big wins (a round paying at least the big-win
 * threshold in gold) in the last hour. Computed at most once per period across all instances.
 */
import { queryRows } from '@casino/db';
import { GAMES, type TGlobalMetrics } from '@casino/shared';
import { sql } from 'drizzle-orm';
import type { Deps } from '../../deps';
import { countPresence, ONLINE_WINDOW_MS } from './presence';
import { sharedValue } from './shared-cache';

const HOUR_MS = 60 * 60 * 1000;
/** Every game named, so the (game, created_at) index serves the time range. */
export const ALL_GAMES = sql.raw(GAMES.map((g) => `'${g}'`).join(', '));

export async function computeGlobalMetrics(deps: Pick<Deps, 'db' | 'kv' | 'clock' | 'config' | 'logger'>): Promise<TGlobalMetrics> {
  const now = deps.clock.now();
  const since = new Date(now.getTime() - HOUR_MS);
  const [[rounds], onlineUsers] = await Promise.all([
    queryRows<{ spins: string; big: string }>(
      deps.db,
      sql`SELECT count(*) AS spins,
            count(*) FILTER (WHERE currency = 'gold' AND payout >= ${deps.config.live.bigWinThresholdGold}) AS big
          FROM game_rounds
          WHERE game IN (${ALL_GAMES}) AND created_at > ${since.toISOString()}::timestamptz AND created_at <= ${now.toISOString()}::timestamptz`,
    ),
    countPresence(deps, ONLINE_WINDOW_MS),
  ]);
  return { onlineUsers, spinsLastHour: Number(rounds?.spins ?? 0), bigWinsLastHour: Number(rounds?.big ?? 0), generatedAt: now };
}

/** economy.metrics.global: the shared value (at most one computation per period in the whole cluster). */
export function getGlobalMetrics(deps: Pick<Deps, 'db' | 'kv' | 'clock' | 'config' | 'logger'>): Promise<TGlobalMetrics> {
  return sharedValue(deps, { key: 'metrics:global', periodMs: deps.config.live.statsPeriodMs, compute: () => computeGlobalMetrics(deps) });
}
