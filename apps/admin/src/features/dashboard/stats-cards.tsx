import type { TAdminStats } from '@casino/shared';
import { formatDate, formatNumber } from '@casino/ui';
import { hrefFor } from '../../lib/router';
import { formatCents } from './format';

/** The stats tick as cards; pending actions and critical alerts link to where they are handled. */
export function StatsCards({ stats }: { stats: TAdminStats | null }) {
  const v = (n: number | undefined, f: (n: number) => string = formatNumber) => (n === undefined ? '—' : f(n));
  const cards = [
    { key: 'online', label: 'Online now', value: v(stats?.onlineUsers), hint: 'seen in the last 5 min' },
    { key: 'active', label: 'Active players', value: v(stats?.activeUsers), hint: 'last 24 hours' },
    { key: 'total-users', label: 'Players', value: v(stats?.totalUsers), hint: 'all accounts' },
    { key: 'today-revenue', label: 'Revenue today', value: v(stats?.todayRevenue, formatCents), hint: stats?.timeZone ?? '' },
    { key: 'total-revenue', label: 'Revenue total', value: v(stats?.totalRevenue, formatCents), hint: 'completed card purchases' },
    {
      key: 'pending',
      label: 'Pending actions',
      value: v(stats?.pendingActions),
      hint: 'reviews and failed webhooks',
      href: hrefFor({ name: 'fraud', tab: 'decisions' }),
    },
    {
      key: 'critical',
      label: 'Critical alerts',
      value: v(stats?.criticalAlerts),
      hint: 'need attention',
      bad: (stats?.criticalAlerts ?? 0) > 0,
    },
  ];
  const raised = stats?.alerts.filter((a) => a.count > 0) ?? [];
  return (
    <section aria-labelledby="stats-title" className="stack">
      <div className="row between">
        <h2 id="stats-title">Now</h2>
        <span className="muted small-text" data-testid="stats-generated">
          {stats ? `updated ${formatDate(stats.generatedAt)}` : 'waiting for the first figures…'}
        </span>
      </div>
      <div className="stat-cards">
        {cards.map((c) => (
          <div key={c.key} className={`card stat-card${c.bad ? ' stat-bad' : ''}`} data-testid={`stat-${c.key}`}>
            <span className="muted small-text">{c.label}</span>
            <strong className="stat-value">{c.href && stats ? <a href={c.href}>{c.value}</a> : c.value}</strong>
            <span className="muted small-text">{c.hint}</span>
          </div>
        ))}
      </div>
      {raised.length > 0 && (
        <ul className="plain alert-list" data-testid="alert-summary">
          {raised.map((a) => (
            <li key={a.source} className={`alert alert-${a.severity}`}>
              <strong>{a.title}</strong> <span className="badge">{a.count}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
