import { ErrorBanner, formatNumber, useTRPC } from '@casino/ui';
import { useQuery } from '@tanstack/react-query';
import { hrefFor } from '../../lib/router';
import { rewardText } from '../progression/format';

/** The top running events with their real participation counts; the events page has the rest. */
export function EventsPanel() {
  const trpc = useTRPC();
  const list = useQuery(trpc.economy.events.list.queryOptions());
  const items = (list.data?.items ?? []).filter((e) => e.status !== 'upcoming').slice(0, 3);
  return (
    <section className="card stack" aria-labelledby="events-title" data-testid="events-panel">
      <div className="row between">
        <h2 id="events-title">Events</h2>
        <span className="row small-text">
          <a href={hrefFor('missions')}>Missions</a>
          <a href={hrefFor('battlepass')}>Battle pass</a>
          <a href={hrefFor('events')} data-testid="events-all">
            All events →
          </a>
        </span>
      </div>
      <ErrorBanner error={list.error} />
      {list.isSuccess && items.length === 0 && <p className="muted small-text">No event is running right now.</p>}
      <ul className="plain ledger">
        {items.map((e) => (
          <li key={e.id} data-testid="panel-event" data-event-id={e.id}>
            <div className="ledger-main">
              <a href={hrefFor('events')}>{e.title}</a>
              <span className="muted small-text" data-testid="panel-event-count">
                {formatNumber(e.participationCount)} joined
              </span>
            </div>
            <div className="ledger-sub muted">
              <span>{rewardText(e.rewards)}</span>
              <span>{e.claimed ? 'Claimed' : e.completed ? 'Ready to claim' : e.joined ? 'Joined' : ''}</span>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
