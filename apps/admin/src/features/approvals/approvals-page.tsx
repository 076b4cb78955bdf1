import { ErrorBanner, Loading, useTRPC } from '@casino/ui';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { DataTable } from '../../components/data-table';
import { Flash, useFlash } from '../../components/flash';
import { useClientTable } from '../../components/use-client-table';
import { useIsAdmin } from '../../lib/role';
import { approvalColumns } from './approval-row';

const STATUSES = ['pending', 'approved', 'rejected'] as const;

/** Grants above the four-eyes threshold wait here until another admin approves or rejects them. */
export function ApprovalsPage({ selfId }: { selfId: number }) {
  const trpc = useTRPC();
  const [status, setStatus] = useState<(typeof STATUSES)[number]>('pending');
  const list = useQuery(trpc.admin.approvals.list.queryOptions({ status, limit: 50 }));
  const flash = useFlash();
  const isAdmin = useIsAdmin();
  const table = useClientTable(list.data?.items ?? [], { key: 'id', dir: 'desc' });
  const columns = approvalColumns({ selfId, isAdmin, onDone: flash.show });

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
      <Flash message={flash.message} testId="approval-flash" />
      <ErrorBanner error={list.error} />
      <DataTable
        rows={table.rows}
        columns={columns}
        rowKey={(a) => a.id}
        caption={`Approvals: ${status}`}
        empty={<span data-testid="approvals-empty">Nothing {status}.</span>}
        sort={table.sort}
        onSort={table.onSort}
        page={table.page}
        loading={list.isPending}
        testId="approvals-table"
        rowAttrs={(a) => ({ 'data-testid': `approval-${a.id}` })}
      />
      {list.isPending && <Loading />}
    </div>
  );
}
