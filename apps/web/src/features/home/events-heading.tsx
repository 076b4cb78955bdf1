/** The events panel's title row with its links: drawn the same by the panel and by its skeleton. */
import { hrefFor } from '../../lib/router';

export function EventsHeading() {
  return (
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
  );
}
