import { ErrorBanner, formatDate, formatNumber, type RouterOutputs, useTRPC } from '@casino/ui';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ConfirmAction } from '../../components/confirm-action';
import type { Column } from '../../components/data-table';

export type Approval = RouterOutputs['admin']['approvals']['list']['items'][number];

const amounts = (a: Approval) =>
  [a.gold ? `${formatNumber(a.gold)} gold` : null, a.gems ? `${formatNumber(a.gems)} gems` : null].filter(Boolean).join(' + ') || '—';

function target(a: Approval): string {
  const p = a.payload as { userId?: number; items?: unknown[] };
  if (a.kind === 'adjust_balance') return `player #${p.userId ?? '?'}`;
  return `${formatNumber(p.items?.length ?? 0)} players (bulk)`;
}

/** The approvals table: what, for whom, who asked, and (admins, not the requester) approve / reject. */
export function approvalColumns(opts: { selfId: number; isAdmin: boolean; onDone: (message: string) => void }): Column<Approval>[] {
  const columns: Column<Approval>[] = [
    { key: 'id', header: '#', numeric: true, sortable: true, cell: (a) => `#${a.id}` },
    {
      key: 'gold',
      header: 'Grant',
      sortable: true,
      cell: (a) => (
        <>
          <strong>{amounts(a)}</strong>
          <div className="small-text muted">
            {target(a)} · {a.reason}
          </div>
        </>
      ),
    },
    {
      key: 'createdAt',
      header: 'Requested',
      sortable: true,
      cell: (a) => (
        <>
          {a.requestedByNickname}
          <div className="small-text muted">{formatDate(a.createdAt)}</div>
        </>
      ),
    },
    {
      key: 'status',
      header: 'Status',
      sortable: true,
      cell: (a) => (
        <span data-testid={`approval-${a.id}-status`}>
          {a.status}
          {a.decidedByNickname && <span className="small-text muted"> by {a.decidedByNickname}</span>}
        </span>
      ),
    },
  ];
  if (opts.isAdmin) {
    columns.push({
      key: 'decision',
      header: 'Decision',
      actions: true,
      cell: (a) => (a.status === 'pending' ? <Decide approval={a} own={a.requestedBy === opts.selfId} onDone={opts.onDone} /> : null),
    });
  }
  return columns;
}

function Decide({ approval: a, own, onDone }: { approval: Approval; own: boolean; onDone: (message: string) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = () => {
    void queryClient.invalidateQueries(trpc.admin.approvals.pathFilter());
    void queryClient.invalidateQueries(trpc.admin.audit.pathFilter());
  };
  const approve = useMutation(
    trpc.admin.approvals.approve.mutationOptions({
      onSuccess: () => {
        onDone(`Request #${a.id} approved: ${amounts(a)} granted.`);
        refresh();
      },
    }),
  );
  const reject = useMutation(
    trpc.admin.approvals.reject.mutationOptions({
      onSuccess: () => {
        onDone(`Request #${a.id} rejected.`);
        refresh();
      },
    }),
  );
  if (own) return <span className="small-text muted">Another admin must approve your request.</span>;
  return (
    <div className="stack tight">
      <span className="row">
        <ConfirmAction
          label="Approve"
          title={`Approve request #${a.id}?`}
          confirmLabel="Approve and grant"
          className="primary small"
          pending={approve.isPending}
          onConfirm={() => approve.mutate({ approvalId: a.id })}
          testId={`approval-${a.id}-approve`}
        >
          <p>
            {amounts(a)} go to {target(a)} at once, through the ledger. Requested by {a.requestedByNickname}: “{a.reason}”.
          </p>
        </ConfirmAction>
        <ConfirmAction
          label="Reject"
          title={`Reject request #${a.id}?`}
          confirmLabel="Reject"
          danger
          askReason
          pending={reject.isPending}
          onConfirm={(note) => reject.mutate({ approvalId: a.id, note })}
          testId={`approval-${a.id}-reject`}
        >
          <p>Nothing is granted; {a.requestedByNickname} sees your reason.</p>
        </ConfirmAction>
      </span>
      <ErrorBanner error={approve.error ?? reject.error} />
    </div>
  );
}
