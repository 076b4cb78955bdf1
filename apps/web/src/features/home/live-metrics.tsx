/**
 * Social proof on the home page: players online, rounds and big wins in the last hour,
 * ticking live (economy.metrics.onGlobal, every 5 s; no personal data).
 */
import { formatNumber, useTRPC } from '@casino/ui';
import './live-metrics.css';
import { useSubscription } from '@trpc/tanstack-react-query';

const TICK_SECONDS = 5;

export function LiveMetrics() {
  const trpc = useTRPC();
  const sub = useSubscription(trpc.economy.metrics.onGlobal.subscriptionOptions({ intervalSec: TICK_SECONDS }));
  const m = sub.data;
  const stats = [
    { key: 'online', label: 'Players online', value: m?.onlineUsers },
    { key: 'spins', label: 'Rounds last hour', value: m?.spinsLastHour },
    { key: 'bigwins', label: 'Big wins last hour', value: m?.bigWinsLastHour },
  ];
  return (
    <section
      className="card live-metrics"
      aria-labelledby="live-metrics-title"
      data-testid="live-metrics"
      data-widget="live-metrics"
      data-ready={m !== undefined}
    >
      <h2 id="live-metrics-title" className="live-metrics-title">
        <span className={`pulse${sub.status === 'pending' ? ' on' : ''}`} aria-hidden="true" />
        Right now
      </h2>
      <dl className="live-metrics-grid">
        {stats.map((s) => (
          <div key={s.key} data-testid={`metric-${s.key}`}>
            <dt>{s.label}</dt>
            <dd>{s.value === undefined ? '—' : formatNumber(s.value)}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
