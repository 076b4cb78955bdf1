import { ErrorBanner, Field, formatDate, type RouterOutputs, useTRPC } from '@casino/ui';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { hrefFor } from '../../lib/router';
import { ACTION_LABELS, pretty } from './format';

type Decision = RouterOutputs['admin']['fraud']['decisions']['list']['items'][number];

export function DecisionRow({ decision: d }: { decision: Decision }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [note, setNote] = useState('');
  const review = useMutation(
    trpc.admin.fraud.decisions.review.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries(trpc.admin.fraud.decisions.list.pathFilter());
        void queryClient.invalidateQueries(trpc.admin.audit.pathFilter());
      },
    }),
  );
  const decide = (status: 'approved' | 'rejected') => review.mutate({ id: d.id, status, ...(note.trim() ? { note: note.trim() } : {}) });

  return (
    <li className="card stack tight" data-testid="decision-row" data-decision={d.id} data-action={d.action}>
      <div className="row between">
        <span>
          <strong>#{d.id}</strong> · <a href={hrefFor({ name: 'user', userId: d.userId })}>{d.nickname}</a>{' '}
          <span className="muted small-text">(#{d.userId})</span>
        </span>
        <span className={`badge action-${d.action}`} data-testid="decision-action">
          {ACTION_LABELS[d.action]}
        </span>
      </div>
      <p className="small-text">
        score <strong>{d.score}</strong> · {d.sku ?? 'no sku'} · {formatDate(d.createdAt)}
      </p>
      <p className="small-text" data-testid="decision-rules">
        {d.matchedRules.length === 0
          ? 'No rule matched.'
          : d.matchedRules.map((r) => (
              <span key={r.id} className="badge mono rule-chip">
                {r.id} {r.score >= 0 ? `+${r.score}` : r.score}
              </span>
            ))}
      </p>
      <details>
        <summary className="muted small-text">Features</summary>
        <pre className="features-block">{pretty(d.features)}</pre>
      </details>
      {d.reviewStatus === 'open' ? (
        <div className="row review-actions">
          <Field label="Note (optional)" name={`note-${d.id}`} value={note} onChange={(e) => setNote(e.target.value)} />
          <button
            type="button"
            className="small"
            disabled={review.isPending}
            onClick={() => decide('approved')}
            data-testid="decision-approve"
          >
            Approve
          </button>
          <button
            type="button"
            className="small danger"
            disabled={review.isPending}
            onClick={() => decide('rejected')}
            data-testid="decision-reject"
          >
            Reject
          </button>
        </div>
      ) : (
        d.reviewStatus && (
          <p className="muted small-text" data-testid="decision-review-status">
            {d.reviewStatus} {d.reviewedBy ? `by #${d.reviewedBy}` : ''} {d.reviewedAt ? formatDate(d.reviewedAt) : ''}
          </p>
        )
      )}
      <ErrorBanner error={review.error} testId="decision-error" />
    </li>
  );
}
