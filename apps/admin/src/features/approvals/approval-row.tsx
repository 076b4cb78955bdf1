import { ErrorBanner, formatDate, formatNumber, type RouterOutputs, useTRPC } from '@casino/ui';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { AdminOnly } from '../../lib/role';

type Approval = RouterOutputs['admin']['approvals']['list']['items'][number];

const amounts = (a: Approval) =>
  [a.gold ? `${formatNumber(a.gold)} gold` : null, a.gems ? `${formatNumber(a.gems)} gems` : null].filter(Boolean).join(' + ') || '—';

function target(a: Approval): string {
  const p = a.payload as { userId?: number; items?: unknown[] };
  if (a.kind === 'adjust_balance') return `player #${p.userId ?? '?'}`;
  return `${p.items?.length ?? 0} players (bulk)`;
}

/** One request: what, for whom, who asked; approve / reject for another admin. */
export function ApprovalRow({ approval: a, selfId }: { approval: Approval; selfId: number }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [note, setNote] = useState('');
  const done = () => {
    void queryClient.invalidateQueries(trpc.admin.approvals.pathFilter());
    void queryClient.invalidateQueries(trpc.admin.audit.pathFilter());
  };
  const approve = useMutation(trpc.admin.approvals.approve.mutationOptions({ onSuccess: done }));
  const reject = useMutation(trpc.admin.approvals.reject.mutationOptions({ onSuccess: done }));
  const own = a.requestedBy === selfId;

  return (
    <tr data-testid={`approval-${a.id}`}>
      <td>#{a.id}</td>
      <td>
        <strong>{amounts(a)}</strong>
        <div className="small-text muted">
          {target(a)} · {a.reason}
        </div>
      </td>
      <td>
        {a.requestedByNickname}
        <div className="small-text muted">{formatDate(a.createdAt)}</div>
      </td>
      <td data-testid={`approval-${a.id}-status`}>
        {a.status}
        {a.decidedByNickname && <div className="small-text muted">by {a.decidedByNickname}</div>}
      </td>
      <td>
        {a.status === 'pending' && (
          <AdminOnly>
            {own ? (
              <span className="small-text muted">Another admin must approve your request.</span>
            ) : (
              <div className="stack">
                <button
                  type="button"
                  className="primary small"
                  disabled={approve.isPending}
                  onClick={() => approve.mutate({ approvalId: a.id })}
                  data-testid={`approval-${a.id}-approve`}
                >
                  Approve and grant
                </button>
                <label className="small-text stacked-label">
                  Reason to reject
                  <input value={note} onChange={(e) => setNote(e.target.value)} name={`reject-${a.id}`} />
                </label>
                <button
                  type="button"
                  className="danger small"
                  disabled={reject.isPending || note.trim().length < 3}
                  onClick={() => reject.mutate({ approvalId: a.id, note: note.trim() })}
                  data-testid={`approval-${a.id}-reject`}
                >
                  Reject
                </button>
              </div>
            )}
            <ErrorBanner error={approve.error ?? reject.error} />
          </AdminOnly>
        )}
      </td>
    </tr>
  );
}
