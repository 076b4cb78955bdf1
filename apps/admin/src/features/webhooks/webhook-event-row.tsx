import { formatDate, type RouterOutputs } from '@casino/ui';
import type { Column } from '../../components/data-table';
import { formatJson } from '../../lib/format';

export type WebhookEvent = RouterOutputs['admin']['webhooks']['list']['items'][number];

/** The webhook table's columns: what the event is, where processing stands, its payload, and replay when FAILED (admins only). */
export function webhookColumns(opts: { canReplay: boolean; replayingId: string | undefined; onReplay: (e: WebhookEvent) => void }) {
  const columns: Column<WebhookEvent>[] = [
    {
      key: 'type',
      header: 'Event',
      sortable: true,
      cell: (e) => (
        <>
          <strong className="mono">{e.type}</strong>
          <br />
          <span className="mono small-text muted break">{e.id}</span>
        </>
      ),
    },
    {
      key: 'status',
      header: 'Status',
      sortable: true,
      cell: (e) => <span className={`badge webhook-${e.status.toLowerCase()}`}>{e.status}</span>,
    },
    { key: 'receivedAt', header: 'Received', sortable: true, cell: (e) => formatDate(e.receivedAt) },
    {
      key: 'attempts',
      header: 'Attempts',
      numeric: true,
      sortable: true,
      cell: (e) => (e.status === 'PENDING' && e.nextAttemptAt ? `${e.attempts} · next ${formatDate(e.nextAttemptAt)}` : e.attempts),
    },
    {
      key: 'lastError',
      header: 'Last error / payload',
      cell: (e) => (
        <div className="stack tight">
          {e.lastError && (
            <span className="minus break small-text" data-testid="webhook-error">
              {e.lastError}
            </span>
          )}
          <details>
            <summary className="muted small-text">Payload</summary>
            <div className="json-grid">
              <pre data-testid="webhook-payload">{formatJson(e.payload)}</pre>
            </div>
          </details>
        </div>
      ),
    },
  ];
  if (opts.canReplay) {
    columns.push({
      key: 'actions',
      header: 'Actions',
      actions: true,
      cell: (e) =>
        e.status === 'FAILED' ? (
          <button
            type="button"
            className="small"
            onClick={() => opts.onReplay(e)}
            disabled={opts.replayingId === e.id}
            data-testid="webhook-replay"
          >
            {opts.replayingId === e.id ? 'Replaying…' : 'Replay'}
          </button>
        ) : null,
    });
  }
  return columns;
}
