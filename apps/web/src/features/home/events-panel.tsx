import { ErrorBanner, formatNumber, useTRPC } from '@casino/ui';
import { useQuery } from '@tanstack/react-query';
import { hrefFor } from '../../lib/router';
import { rewardText } from '../progression/format';
import { EventsHeading } from './events-heading';

/** The top three running events with their real participation counts; the events page has the rest. */
export function EventsPanel() {
  const trpc = useTRPC();
  const list = useQuery(trpc.economy.events.list.queryOptions());
  const items = (list.data?.items ?? []).filter((e) => e.status !== 'upcoming').slice(0, 3);
  return (
    <section
      className="card stack widget-events-panel"
      aria-labelledby="events-title"
      aria-busy={list.isPending}
      data-testid="events-panel"
      data-widget="events-panel"
      data-ready={!list.isPending}
    >
      <EventsHeading />
      <ErrorBanner error={list.error} />
      {/* Room for three events (one line per field), filled or not. */}
      <div className="events-area">
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
      </div>
    </section>
  );
}
