/**
 * Admin stats (SPEC §5) and the dashboard's chart series. The zone-free part (users, revenue,
 * presence, alerts) is one shared value; today's revenue is one per time zone; both computed
 * at most once per period across all instances. Revenue is completed cash purchases, in cents.
 */
import { queryRows } from '@casino/db';
import type { TAdminCharts, TAdminStats } from '@casino/shared';
import { sql } from 'drizzle-orm';
import type { Deps } from '../../deps';
import { ALERT_SOURCES, type AlertDeps } from './alerts';
import { ALL_GAMES } from './metrics';
import { ACTIVE_WINDOW_MS, countPresence, ONLINE_WINDOW_MS } from './presence';
import { sharedValue } from './shared-cache';
import { checkTimeZone, localDay, startOfLocalDay } from './time-zone';

type Base = Omit<TAdminStats, 'todayRevenue' | 'timeZone'>;

const REVENUE = sql`price_currency = 'cash' AND status = 'completed'`;
export const ONLINE_SAMPLES = 'metrics:online';

async function computeBase(deps: AlertDeps): Promise<Base> {
  const generatedAt = deps.clock.now();
  const [[users], [revenue], onlineUsers, activeUsers, scans] = await Promise.all([
    queryRows<{ n: string }>(deps.db, sql`SELECT count(*) AS n FROM users WHERE status <> 'deleted'`),
    queryRows<{ total: string }>(deps.db, sql`SELECT coalesce(sum(amount), 0) AS total FROM purchases WHERE ${REVENUE}`),
    countPresence(deps, ONLINE_WINDOW_MS),
    countPresence(deps, ACTIVE_WINDOW_MS),
    Promise.all(ALERT_SOURCES.map(async (s) => ({ source: s, scan: await s.scan(deps, 0) }))),
  ]);
  const alerts = scans.map(({ source, scan }) => ({
    source: source.id,
    severity: source.severity,
    title: source.title,
    count: scan.count,
  }));
  return {
    totalUsers: Number(users?.n ?? 0),
    activeUsers,
    onlineUsers,
    totalRevenue: Number(revenue?.total ?? 0),
    pendingActions: scans.filter((s) => s.source.pendingAction).reduce((n, s) => n + s.scan.count, 0),
    criticalAlerts: alerts.filter((a) => a.severity === 'critical').reduce((n, a) => n + a.count, 0),
    alerts,
    generatedAt,
  };
}

async function revenueSince(deps: Pick<Deps, 'db'>, from: Date): Promise<number> {
  const [row] = await queryRows<{ total: string }>(
    deps.db,
    // updated_at ≥ completed_at, so the (status, updated_at) index narrows the scan.
    sql`SELECT coalesce(sum(amount), 0) AS total FROM purchases
        WHERE ${REVENUE} AND completed_at >= ${from.toISOString()}::timestamptz AND updated_at >= ${from.toISOString()}::timestamptz`,
  );
  return Number(row?.total ?? 0);
}

/** admin.stats.get: `timeZone` decides where today began for todayRevenue. */
export async function getAdminStats(deps: AlertDeps, timeZone: string): Promise<TAdminStats> {
  const zone = checkTimeZone(timeZone);
  const periodMs = deps.config.live.statsPeriodMs;
  const [base, todayRevenue] = await Promise.all([
    sharedValue(deps, { key: 'admin:stats', periodMs, compute: () => computeBase(deps) }),
    sharedValue(deps, {
      key: `admin:stats:today:${zone}`,
      periodMs,
      compute: () => revenueSince(deps, startOfLocalDay(zone, deps.clock.now())),
    }),
  ]);
  return { ...base, todayRevenue, timeZone: zone };
}

const MINUTE = 60_000;

async function computeCharts(deps: AlertDeps, zone: string, days: number): Promise<TAdminCharts> {
  const now = deps.clock.now();
  const firstMinute = Math.floor(now.getTime() / MINUTE) - 59;
  // Day boundaries in the zone: days + 1 instants, oldest first.
  const bounds = Array.from({ length: days + 1 }, (_, i) => startOfLocalDay(zone, now, days - 1 - i));
  const [perMinute, perDay, samples] = await Promise.all([
    queryRows<{ minute: string; n: string }>(
      deps.db,
      sql`SELECT floor(extract(epoch FROM created_at) / 60)::bigint AS minute, count(*) AS n FROM game_rounds
          WHERE game IN (${ALL_GAMES}) AND created_at >= ${new Date(firstMinute * MINUTE).toISOString()}::timestamptz
            AND created_at <= ${now.toISOString()}::timestamptz
          GROUP BY 1`,
    ),
    queryRows<{ i: number; cents: string }>(
      deps.db,
      sql`SELECT b.i, coalesce(sum(p.amount), 0) AS cents
          FROM generate_series(1, ${days}::int) AS b(i)
          LEFT JOIN purchases p ON p.price_currency = 'cash' AND p.status = 'completed'
            AND p.completed_at >= (${`{${bounds.map((d) => d.toISOString()).join(',')}}`}::timestamptz[])[b.i]
            AND p.completed_at < (${`{${bounds.map((d) => d.toISOString()).join(',')}}`}::timestamptz[])[b.i + 1]
          GROUP BY b.i ORDER BY b.i`,
    ),
    deps.kv.xrangeAfter(ONLINE_SAMPLES, `${Date.now() - 60 * MINUTE}-0`, 1000).catch(() => []),
  ]);
  const byMinute = new Map(perMinute.map((r) => [Number(r.minute), Number(r.n)]));
  const byDay = new Map(perDay.map((r) => [Number(r.i), Number(r.cents)]));
  return {
    spinsPerMinute: Array.from({ length: 60 }, (_, i) => ({
      at: new Date((firstMinute + i) * MINUTE),
      count: byMinute.get(firstMinute + i) ?? 0,
    })),
    revenueByDay: bounds.slice(0, days).map((start, i) => ({ day: localDay(zone, start), cents: byDay.get(i + 1) ?? 0 })),
    online: samples.map((e) => ({ at: new Date(Number(e.id.split('-')[0])), count: Number(e.data) })),
    timeZone: zone,
    generatedAt: now,
  };
}

/** admin.stats.charts: players online, rounds per minute (last hour) and revenue by local day. */
export async function getAdminCharts(deps: AlertDeps, timeZone: string, days: number): Promise<TAdminCharts> {
  const zone = checkTimeZone(timeZone);
  return sharedValue(deps, {
    key: `admin:charts:${zone}:${days}`,
    periodMs: deps.config.live.statsPeriodMs,
    compute: () => computeCharts(deps, zone, days),
  });
}

/** One sample of players online for the chart; the live worker takes one per period across the cluster. */
export async function sampleOnline(deps: AlertDeps): Promise<number> {
  const n = await countPresence(deps, ONLINE_WINDOW_MS);
  await deps.kv.xadd(ONLINE_SAMPLES, String(n), { maxLen: 1000 });
  return n;
}
