import { formatDate, type RouterOutputs } from '@casino/ui';
import { useState } from 'react';
import { formatJson } from '../../lib/format';

type WebhookEvent = RouterOutputs['admin']['webhooks']['list']['items'][number];

/** One stored event: what it is, where processing stands, its payload, and replay (asks once more) when FAILED. */
export function WebhookEventRow({ event: e, replaying, onReplay }: { event: WebhookEvent; replaying: boolean; onReplay: () => void }) {
  const [confirming, setConfirming] = useState(false);

  return (
    <li className="card stack tight" data-testid="webhook-event" data-id={e.id} data-status={e.status}>
      <div className="row between">
        <strong className="mono">{e.type}</strong>
        <span className={`badge webhook-${e.status.toLowerCase()}`}>{e.status}</span>
      </div>
      <dl className="facts compact">
        <dt>Event</dt>
        <dd className="mono break">{e.id}</dd>
        <dt>Received</dt>
        <dd>
          {formatDate(e.receivedAt)} · key {e.keyId}
        </dd>
        <dt>Attempts</dt>
        <dd>
          {e.attempts}
          {e.status === 'PENDING' && e.nextAttemptAt && ` · next ${formatDate(e.nextAttemptAt)}`}
        </dd>
        {e.processedAt && (
          <>
            <dt>Processed</dt>
            <dd>{formatDate(e.processedAt)}</dd>
          </>
        )}
        {e.lastError && (
          <>
            <dt>Last error</dt>
            <dd className="minus break" data-testid="webhook-error">
              {e.lastError}
            </dd>
          </>
        )}
      </dl>
      <details>
        <summary className="muted small-text">Payload</summary>
        <div className="json-grid">
          <pre data-testid="webhook-payload">{formatJson(e.payload)}</pre>
        </div>
      </details>
      {e.status === 'FAILED' && (
        <div className="row">
          <button
            type="button"
            className={confirming ? 'small danger' : 'small'}
            onClick={() => {
              if (!confirming) return setConfirming(true);
              setConfirming(false);
              onReplay();
            }}
            disabled={replaying}
            data-testid="webhook-replay"
          >
            {replaying ? 'Replaying…' : confirming ? 'Confirm: process it again' : 'Replay'}
          </button>
          {confirming && (
            <button type="button" className="small link" onClick={() => setConfirming(false)} data-testid="webhook-replay-cancel">
              Cancel
            </button>
          )}
        </div>
      )}
    </li>
  );
}
