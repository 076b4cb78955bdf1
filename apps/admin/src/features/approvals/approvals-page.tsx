import { ErrorBanner, Loading, useTRPC } from '@casino/ui';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ApprovalRow } from './approval-row';

const STATUSES = ['pending', 'approved', 'rejected'] as const;

/** Grants above the four-eyes threshold wait here until another admin approves or rejects them. */
export function ApprovalsPage({ selfId }: { selfId: number }) {
  const trpc = useTRPC();
  const [status, setStatus] = useState<(typeof STATUSES)[number]>('pending');
  const list = useQuery(trpc.admin.approvals.list.queryOptions({ status, limit: 50 }));

  return (
    <div className="stack" data-testid="approvals-page">
      <h1>Approvals</h1>
      <p className="muted">Large grants need a second admin. Approving grants them once; the requester cannot approve their own.</p>
      <fieldset className="row plain">
        <legend className="sr-only">Status</legend>
        {STATUSES.map((s) => (
          <button
            key={s}
            type="button"
            className={s === status ? 'primary small' : 'small'}
            aria-pressed={s === status}
            onClick={() => setStatus(s)}
          >
            {s}
          </button>
        ))}
      </fieldset>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorBanner error={list.error} />
      ) : list.data.items.length === 0 ? (
        <p className="muted" data-testid="approvals-empty">
          Nothing {status}.
        </p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Grant</th>
                <th scope="col">Requested by</th>
                <th scope="col">Status</th>
                <th scope="col">Decision</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((a) => (
                <ApprovalRow key={a.id} approval={a} selfId={selfId} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
