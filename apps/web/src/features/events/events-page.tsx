/** Events: running and upcoming ones, join, progress counted by the server from play, claim once complete. */
import { ErrorBanner, Loading, useTRPC } from '@casino/ui';
import { useQuery } from '@tanstack/react-query';
import { EventCard } from './event-card';

export function EventsPage() {
  const trpc = useTRPC();
  const list = useQuery(trpc.economy.events.list.queryOptions());
  const items = list.data?.items ?? [];
  return (
    <div className="stack" data-testid="events-page">
      <h1>Events</h1>
      <p className="muted small-text">Join an event, then play: every spin, pull and round counts toward its goals.</p>
      {list.isPending && <Loading />}
      <ErrorBanner error={list.error} />
      {list.isSuccess && items.length === 0 && <p className="card muted">No event is running right now. Check back soon.</p>}
      <div className="cards">
        {items.map((e) => (
          <EventCard key={e.id} event={e} />
        ))}
      </div>
    </div>
  );
}
