import { ErrorBanner, useTRPC } from '@casino/ui';
import { useQuery } from '@tanstack/react-query';
import { SeriesChart } from '../../components/charts';
import { formatCount, formatNumber } from '../../lib/format';
import { clockLabel, clockSecondsLabel, dayLabel, formatCents, formatDollarsShort } from './format';

const REFRESH_MS = 10_000;

/** The three plots of admin.stats.charts, refreshed every 10 s (the server computes them once per period). */
export function DashboardCharts({ timeZone }: { timeZone: string }) {
  const trpc = useTRPC();
  const charts = useQuery({ ...trpc.admin.stats.charts.queryOptions({ timeZone, days: 14 }), refetchInterval: REFRESH_MS });
  const c = charts.data;
  const online = c?.online.map((p) => ({ label: clockSecondsLabel(p.at), value: p.count })) ?? [];
  const spins = c?.spinsPerMinute.map((p) => ({ label: clockLabel(p.at), value: p.count })) ?? [];
  const revenue = c?.revenueByDay.map((p) => ({ label: dayLabel(p.day), value: p.cents / 100 })) ?? [];
  const revenueTotal = c?.revenueByDay.reduce((s, p) => s + p.cents, 0) ?? 0;
  const spinsTotal = c?.spinsPerMinute.reduce((s, p) => s + p.count, 0) ?? 0;
  return (
    <section className="stack" aria-label="Charts" data-testid="dashboard-charts">
      <ErrorBanner error={charts.error} />
      <div className="chart-grid">
        <SeriesChart
          title="Players online"
          kind="area"
          points={online}
          color="#4ade80"
          note={online.length ? `now ${online.at(-1)?.value ?? 0}` : undefined}
          empty={charts.isPending ? 'Loading…' : 'No samples yet: they are taken every few seconds.'}
          testId="chart-online"
        />
        <SeriesChart
          title="Rounds per minute"
          kind="bar"
          points={spins}
          color="#6fd3ff"
          note={`${formatNumber(spinsTotal)} in the last hour, all games`}
          empty={charts.isPending ? 'Loading…' : 'No rounds in the last hour.'}
          testId="chart-spins"
        />
      </div>
      <SeriesChart
        title="Revenue by day"
        kind="bar"
        points={revenue}
        formatValue={formatDollarsShort}
        formatTooltip={(dollars) => formatCents(Math.round(dollars * 100))}
        note={`${formatCents(revenueTotal)} over ${formatCount(revenue.length, 'day')} (${c?.timeZone ?? timeZone})`}
        empty={charts.isPending ? 'Loading…' : 'No days to show.'}
        testId="chart-revenue"
      />
    </section>
  );
}
