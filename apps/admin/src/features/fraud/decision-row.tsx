import { ErrorBanner, Field, formatDate, formatNumber, type RouterOutputs, useTRPC } from '@casino/ui';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ConfirmAction } from '../../components/confirm-action';
import type { Column } from '../../components/data-table';
import { hrefFor } from '../../lib/router';
import { ACTION_LABELS, pretty } from './format';

export type Decision = RouterOutputs['admin']['fraud']['decisions']['list']['items'][number];

/** The decisions table: who, score, matched rules, features; an open review is decided here (admins only). */
export function decisionColumns(opts: { isAdmin: boolean; onDone: (message: string) => void }): Column<Decision>[] {
  return [
    { key: 'id', header: '#', numeric: true, sortable: true, cell: (d) => `#${d.id}` },
    {
      key: 'nickname',
      header: 'Player',
      sortable: true,
      cell: (d) => (
        <>
          <a href={hrefFor({ name: 'user', userId: d.userId })}>{d.nickname}</a> <span className="muted small-text">#{d.userId}</span>
        </>
      ),
    },
    {
      key: 'action',
      header: 'Action',
      sortable: true,
      cell: (d) => (
        <span className={`badge action-${d.action}`} data-testid="decision-action">
          {ACTION_LABELS[d.action]}
        </span>
      ),
    },
    { key: 'score', header: 'Score', numeric: true, sortable: true, cell: (d) => d.score },
    {
      key: 'rules',
      header: 'Rules matched',
      cell: (d) => (
        <span className="small-text" data-testid="decision-rules">
          {d.matchedRules.length === 0
            ? 'none'
            : d.matchedRules.map((r) => (
                <span key={r.id} className="badge mono rule-chip">
                  {r.id} {r.score >= 0 ? `+${formatNumber(r.score)}` : formatNumber(r.score)}
                </span>
              ))}
        </span>
      ),
    },
    {
      key: 'createdAt',
      header: 'When',
      sortable: true,
      cell: (d) => (
        <>
          {formatDate(d.createdAt)}
          <div className="muted small-text mono">{d.sku ?? 'no sku'}</div>
        </>
      ),
    },
    {
      key: 'features',
      header: 'Features',
      wide: true,
      cell: (d) => (
        <details>
          <summary className="muted small-text">Show</summary>
          <pre className="features-block">{pretty(d.features)}</pre>
        </details>
      ),
    },
    {
      key: 'reviewStatus',
      header: 'Review',
      sortable: true,
      cell: (d) =>
        d.reviewStatus === 'open' && opts.isAdmin ? (
          <Review decision={d} onDone={opts.onDone} />
        ) : d.reviewStatus ? (
          <span className="muted small-text" data-testid="decision-review-status">
            {d.reviewStatus} {d.reviewedBy ? `by #${d.reviewedBy}` : ''} {d.reviewedAt ? formatDate(d.reviewedAt) : ''}
          </span>
        ) : (
          '—'
        ),
    },
  ];
}

function Review({ decision: d, onDone }: { decision: Decision; onDone: (message: string) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const review = useMutation(
    trpc.admin.fraud.decisions.review.mutationOptions({
      onSuccess: (_r, v) => {
        onDone(`Decision #${v.id} ${v.status}.`);
        void queryClient.invalidateQueries(trpc.admin.fraud.decisions.list.pathFilter());
        void queryClient.invalidateQueries(trpc.admin.audit.pathFilter());
      },
    }),
  );
  const [note, setNote] = useState('');
  const withNote = note.trim() ? { note: note.trim() } : {};
  return (
    <div className="stack tight review-cell">
      <Field label="Note (optional)" name={`note-${d.id}`} value={note} onChange={(e) => setNote(e.target.value)} />
      <span className="row">
        <button
          type="button"
          className="small"
          disabled={review.isPending}
          onClick={() => review.mutate({ id: d.id, status: 'approved', ...withNote })}
          data-testid="decision-approve"
        >
          Approve
        </button>
        <ConfirmAction
          label="Reject"
          title={`Reject decision #${d.id}?`}
          confirmLabel="Reject"
          danger
          pending={review.isPending}
          onConfirm={() => review.mutate({ id: d.id, status: 'rejected', ...withNote })}
          testId="decision-reject"
        >
          <p>
            Marks {d.nickname}’s attempt (score {formatNumber(d.score)}) as fraud after review
            {note.trim() ? `, noting “${note.trim()}”` : ''}. It goes into the audit log.
          </p>
        </ConfirmAction>
      </span>
      <ErrorBanner error={review.error} testId="decision-error" />
    </div>
  );
}
