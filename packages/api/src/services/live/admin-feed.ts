/**
 * The admin feed behind admin.stats.onStats: notable transactions (big wins, large cash
 * purchases) and alerts, found in the database by a periodic scan and appended to one Redis
 * stream (+ channel) for every admin, each exactly once (deduplicated by what it is about).
 * The scan re-reads a minute before its last position, so a round committed late is not
 * missed; the dedupe keys make the overlap harmless. Any instance may scan; the live worker
 * lets one scan per period across the cluster.
 */
import { queryRows } from '@casino/db';
import { type TAdminFeedEvent, ZAdminFeedEvent } from '@casino/shared';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { ADMIN_FEED } from '../../realtime/outbox';
import { ALERT_SOURCES, type AlertDeps } from './alerts';
import { ALL_GAMES } from './metrics';

const SINCE_KEY = 'admin:feed:since';
const OVERLAP_MS = 60_000;
/** Where a first scan (or one after Redis lost its position) starts. */
const FIRST_LOOK_BACK_MS = 5 * 60_000;
const FEED_MAX = 1000;
const DEDUPE_TTL_MS = 24 * 60 * 60 * 1000;
const PER_SCAN = 500;
const ALERTS_PER_SOURCE = 20;

const iso = (v: unknown) => (v instanceof Date ? v : new Date(String(v))).toISOString();

type TxRow = {
  id: string;
  user_id: number;
  nickname: string;
  amount: string;
  currency: 'gold' | 'gems' | 'cash';
  game: string | null;
  sku: string | null;
  multiplier: number | null;
  at: Date | string;
};

async function transactions(deps: AlertDeps, since: Date): Promise<{ key: string; event: TAdminFeedEvent }[]> {
  const from = since.toISOString();
  const { bigWinThresholdGold, largePurchaseCents } = deps.config.live;
  const [wins, buys] = await Promise.all([
    queryRows<TxRow>(
      deps.db,
      sql`SELECT r.id, r.user_id, u.nickname, r.payout AS amount, 'gold' AS currency, r.game::text AS game, NULL AS sku,
            r.multiplier, r.created_at AS at
          FROM game_rounds r JOIN users u ON u.id = r.user_id
          WHERE r.game IN (${ALL_GAMES}) AND r.created_at > ${from}::timestamptz AND r.currency = 'gold' AND r.payout >= ${bigWinThresholdGold}
          ORDER BY r.created_at LIMIT ${PER_SCAN}`,
    ),
    queryRows<TxRow>(
      deps.db,
      sql`SELECT p.id, p.user_id, u.nickname, p.amount, 'cash' AS currency, NULL AS game, p.sku, NULL AS multiplier, p.completed_at AS at
          FROM purchases p JOIN users u ON u.id = p.user_id
          WHERE p.status = 'completed' AND p.price_currency = 'cash' AND p.amount >= ${largePurchaseCents}
            AND p.updated_at > ${from}::timestamptz AND p.completed_at > ${from}::timestamptz
          ORDER BY p.completed_at LIMIT ${PER_SCAN}`,
    ),
  ]);
  const event = (kind: 'big_win' | 'purchase', r: TxRow): TAdminFeedEvent => ({
    type: 'transaction',
    data: {
      kind,
      id: String(r.id),
      userId: Number(r.user_id),
      nickname: r.nickname,
      amount: Number(r.amount),
      currency: r.currency,
      game: r.game,
      sku: r.sku,
      multiplier: r.multiplier === null ? null : Number(r.multiplier),
      occurredAt: iso(r.at),
    },
  });
  return [
    ...wins.map((r) => ({ key: `round:${r.id}`, event: event('big_win', r) })),
    ...buys.map((r) => ({ key: `purchase:${r.id}`, event: event('purchase', r) })),
  ];
}

async function alerts(deps: AlertDeps): Promise<{ key: string; event: TAdminFeedEvent }[]> {
  const found = await Promise.all(
    ALERT_SOURCES.map(async (source) => {
      const scan = await source.scan(deps, ALERTS_PER_SOURCE).catch((err) => {
        deps.logger.warn({ err, source: source.id }, 'alert source failed');
        return { count: 0, items: [] };
      });
      return scan.items.map((item) => {
        const id = `${source.id}:${item.key}`;
        const event: TAdminFeedEvent = {
          type: 'alert',
          data: { id, source: source.id, severity: source.severity, title: source.title, detail: item.detail, ref: item.ref },
        };
        return { key: `alert:${id}`, event };
      });
    }),
  );
  return found.flat();
}

/**
 * One scan: appends what it finds to the admin feed (each thing once: a repeat is deduplicated
 * by Redis); returns how many candidates it found.
 */
export async function scanAdminFeed(deps: AlertDeps): Promise<number> {
  const now = deps.clock.now();
  const stored = await deps.kv.get(SINCE_KEY);
  const last = stored ? new Date(stored) : new Date(now.getTime() - FIRST_LOOK_BACK_MS);
  const since = new Date(last.getTime() - OVERLAP_MS);
  const found = [...(await transactions(deps, since)), ...(await alerts(deps))];
  if (found.length) {
    const at = now.toISOString();
    await deps.kv.appendEvents(
      found.map(({ key, event }) => {
        const checked = ZAdminFeedEvent.safeParse(event);
        if (!checked.success) throw new Error(`admin feed event ${key} does not match its schema: ${z.prettifyError(checked.error)}`);
        return { ...ADMIN_FEED, data: JSON.stringify({ ...checked.data, at }), dedupeKey: `feed:${key}` };
      }),
      { maxLen: FEED_MAX, dedupeTtlMs: DEDUPE_TTL_MS },
    );
  }
  await deps.kv.set(SINCE_KEY, now.toISOString(), { ttlMs: DEDUPE_TTL_MS });
  return found.length;
}
