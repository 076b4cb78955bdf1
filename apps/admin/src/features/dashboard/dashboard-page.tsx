import { ErrorBanner } from '@casino/ui';
import { DashboardCharts } from './dashboard-charts';
import { LiveFeed } from './live-feed';
import { StatsCards } from './stats-cards';
import { useAdminLive } from './use-admin-live';
import './dashboard.css';

const LIVE_TEXT = { idle: 'off', connecting: 'connecting…', pending: 'live', error: 'disconnected' } as const;

/** The live stats view: figures every 5 s, the alert/transaction feed, and the charts. Its own chunk (recharts). */
export function DashboardPage() {
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  const live = useAdminLive(timeZone);
  return (
    <div className="stack dashboard" data-testid="dashboard-page">
      <div className="row between">
        <h1>Dashboard</h1>
        <span className={`live-pill live-${live.status}`} role="status" data-testid="dashboard-live" data-state={live.status}>
          {LIVE_TEXT[live.status]}
        </span>
      </div>
      <ErrorBanner error={live.error} />
      <StatsCards stats={live.stats} />
      <DashboardCharts timeZone={timeZone} />
      <LiveFeed feed={live.feed} />
    </div>
  );
}
