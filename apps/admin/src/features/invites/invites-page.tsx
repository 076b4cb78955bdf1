import { ErrorBanner, formatDate, formatNumber, Loading, MoreButton, type RouterOutputs, useTRPC } from '@casino/ui';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { type Column, DataTable } from '../../components/data-table';
import { Flash, useFlash } from '../../components/flash';
import { useClientTable } from '../../components/use-client-table';
import { AdminOnly, useIsAdmin } from '../../lib/role';
import { InviteCreateForm } from './invite-create-form';

type Invite = RouterOutputs['admin']['invites']['list']['items'][number];

export function InvitesPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const flash = useFlash();
  const [activeOnly, setActiveOnly] = useState(false);
  const [target, setTarget] = useState<string | null>(null);
  const list = useInfiniteQuery(
    trpc.admin.invites.list.infiniteQueryOptions({ activeOnly, limit: 20 }, { getNextPageParam: (p) => p.nextCursor ?? undefined }),
  );
  const isAdmin = useIsAdmin();
  const deactivate = useMutation(
    trpc.admin.invites.deactivate.mutationOptions({
      onSuccess: (_r, v) => {
        setTarget(null);
        flash.show(`Invite code ${v.code} deactivated.`);
        void queryClient.invalidateQueries(trpc.admin.invites.list.pathFilter());
        void queryClient.invalidateQueries(trpc.admin.audit.pathFilter());
      },
    }),
  );
  const invites = list.data?.pages.flatMap((p) => p.items) ?? [];
  const table = useClientTable(invites, { key: 'createdAt', dir: 'desc' });
  const columns: Column<Invite>[] = [
    { key: 'code', header: 'Code', sortable: true, cell: (i) => <strong className="mono">{i.code}</strong> },
    { key: 'usedCount', header: 'Used', numeric: true, sortable: true, cell: (i) => i.usedCount },
    {
      key: 'maxUses',
      header: 'Limit',
      numeric: true,
      sortable: true,
      cell: (i) => (i.maxUses === null ? 'unlimited' : formatNumber(i.maxUses)),
    },
    { key: 'expiresAt', header: 'Expires', sortable: true, cell: (i) => (i.expiresAt ? formatDate(i.expiresAt) : 'never') },
    { key: 'createdAt', header: 'Created', sortable: true, wide: true, cell: (i) => formatDate(i.createdAt) },
    {
      key: 'isActive',
      header: 'State',
      sortable: true,
      cell: (i) =>
        i.isActive && isAdmin ? (
          <span className="row">
            <span className="badge">active</span>
            <button type="button" className="small danger" onClick={() => setTarget(i.code)} data-testid="invite-deactivate">
              Deactivate
            </button>
          </span>
        ) : (
          <span className="badge">{i.isActive ? 'active' : 'inactive'}</span>
        ),
    },
  ];

  return (
    <div className="stack" data-testid="invites-page">
      <h1>Invite codes</h1>
      <AdminOnly>
        <InviteCreateForm />
      </AdminOnly>
      <label className="row">
        <input
          type="checkbox"
          className="checkbox"
          checked={activeOnly}
          onChange={(e) => setActiveOnly(e.target.checked)}
          data-testid="active-only"
        />
        Active only
      </label>
      <Flash message={flash.message} testId="invite-flash" />
      {list.isPending && <Loading />}
      <ErrorBanner error={list.error ?? deactivate.error} />
      <DataTable
        rows={table.rows}
        columns={columns}
        rowKey={(i) => i.id}
        caption="Invite codes"
        empty="No invite codes."
        sort={table.sort}
        onSort={table.onSort}
        page={table.page}
        loading={list.isPending}
        testId="invites-table"
        rowTestId="invite-row"
        rowAttrs={(i) => ({ 'data-code': i.code })}
      />
      <MoreButton list={list} label="Load more" />
      <ConfirmDialog
        open={target !== null}
        title="Deactivate this invite code?"
        confirmLabel="Deactivate"
        danger
        pending={deactivate.isPending}
        onCancel={() => setTarget(null)}
        onConfirm={() => target && deactivate.mutate({ code: target })}
        testId="invite-deactivate-dialog"
      >
        <p>
          <strong className="mono">{target}</strong> stops working for new sign-ups at once. Players who already used it keep their
          accounts.
        </p>
      </ConfirmDialog>
    </div>
  );
}
