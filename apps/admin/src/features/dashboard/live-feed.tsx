import { hrefFor, type Route } from '../../lib/router';
import { clockLabel, transactionText } from './format';
import type { FeedItem } from './use-admin-live';

/** Where an alert's subject is handled in this console. */
function refRoute(ref: { type: string; id: string } | null): Route | null {
  if (!ref) return null;
  if (ref.type === 'fraud_decision') return { name: 'fraud', tab: 'decisions' };
  if (ref.type === 'webhook_event') return { name: 'webhooks' };
  if (ref.type === 'crash_round') return { name: 'crash' };
  if (ref.type === 'user' && /^\d+$/.test(ref.id)) return { name: 'user', userId: Number(ref.id) };
  return null;
}

/** Alerts and notable transactions as they happen (admin.stats.onStats), newest first. */
export function LiveFeed({ feed }: { feed: FeedItem[] }) {
  return (
    <section className="card stack" aria-labelledby="feed-title" data-testid="live-feed">
      <h2 id="feed-title">Live feed</h2>
      {feed.length === 0 && <p className="muted">Alerts, large purchases and big wins appear here as they happen.</p>}
      <ol className="plain feed" aria-live="polite">
        {feed.map((f) => {
          const route = f.type === 'alert' ? refRoute(f.data.ref) : { name: 'user' as const, userId: f.data.userId };
          return (
            <li
              key={f.id}
              className={`feed-item feed-${f.type === 'alert' ? f.data.severity : f.data.kind}`}
              data-testid={`feed-${f.type}`}
            >
              <time className="muted small-text" dateTime={f.at}>
                {clockLabel(f.at)}
              </time>
              <div>
                <strong>{f.type === 'alert' ? f.data.title : transactionText(f.data)}</strong>
                {f.type === 'alert' && <p className="small-text muted">{f.data.detail}</p>}
              </div>
              {route && (
                <a className="small-text" href={hrefFor(route)}>
                  Open
                </a>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
