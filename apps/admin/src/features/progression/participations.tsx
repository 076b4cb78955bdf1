/** One event's participations, filtered by completed / claimed, paged; force-claim for a completed, unclaimed one. */
import { ErrorBanner, formatDate, formatNumber, Loading, MoreButton, type RouterOutputs, useTRPC } from '@casino/ui';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ConfirmAction } from '../../components/confirm-action';
import { type Column, DataTable } from '../../components/data-table';
import { Flash, useFlash } from '../../components/flash';
import { SelectField } from '../../components/select-field';
import { useClientTable } from '../../components/use-client-table';
import { useIsAdmin } from '../../lib/role';
import { hrefFor } from '../../lib/router';

type Participation = RouterOutputs['admin']['events']['participations']['items'][number];

type Tri = 'any' | 'yes' | 'no';
const TRI = [
  { value: 'any', label: 'Any' },
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
] as const;
const triValue = (t: Tri) => (t === 'any' ? {} : { value: t === 'yes' });

export function Participations({ eventId }: { eventId: number }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [completed, setCompleted] = useState<Tri>('any');
  const [claimed, setClaimed] = useState<Tri>('any');
  const c = triValue(completed);
  const cl = triValue(claimed);
  const input = {
    eventId,
    limit: 20,
    ...('value' in c ? { completed: c.value } : {}),
    ...('value' in cl ? { claimed: cl.value } : {}),
  };
  const list = useInfiniteQuery(
    trpc.admin.events.participations.infiniteQueryOptions(input, { getNextPageParam: (p) => p.nextCursor ?? undefined }),
  );
  const flash = useFlash();
  const isAdmin = useIsAdmin();
  const forceClaim = useMutation(
    trpc.admin.events.forceClaim.mutationOptions({
      onSuccess: (r) => {
        flash.show(
          r.idempotent
            ? 'Already claimed.'
            : `Claimed for the player: ${formatNumber(r.gold)} gold, ${formatNumber(r.gems)} gems, ${formatNumber(r.exp)} exp.`,
        );
        void queryClient.invalidateQueries(trpc.admin.events.pathFilter());
      },
    }),
  );
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const table = useClientTable(rows, { key: 'joinedAt', dir: 'desc' });
  const columns: Column<Participation>[] = [
    {
      key: 'nickname',
      header: 'Player',
      sortable: true,
      cell: (p) => <a href={hrefFor({ name: 'user', userId: p.userId })}>{p.nickname}</a>,
    },
    {
      key: 'progress',
      header: 'Progress',
      cell: (p) => (
        <span className="mono small-text">
          {Object.entries(p.progress)
            .map(([k, n]) => `${k}: ${formatNumber(Number(n))}`)
            .join(', ') || '—'}
        </span>
      ),
    },
    { key: 'joinedAt', header: 'Joined', sortable: true, cell: (p) => formatDate(p.joinedAt) },
    { key: 'completedAt', header: 'Completed', sortable: true, cell: (p) => formatDate(p.completedAt) },
    { key: 'claimedAt', header: 'Claimed', sortable: true, cell: (p) => formatDate(p.claimedAt) },
  ];
  if (isAdmin) {
    columns.push({
      key: 'actions',
      header: 'Actions',
      actions: true,
      cell: (p) =>
        p.completedAt && !p.claimedAt ? (
          <ConfirmAction
            label="Force claim"
            title={`Pay ${p.nickname}’s reward?`}
            confirmLabel="Pay the reward"
            pending={forceClaim.isPending}
            onConfirm={() => forceClaim.mutate({ eventId, userId: p.userId })}
            testId="force-claim"
          >
            <p>The event’s reward goes to {p.nickname} through the ledger, as if they had claimed it.</p>
          </ConfirmAction>
        ) : null,
    });
  }

  return (
    <div className="stack tight participations" data-testid="participations">
      <div className="filters">
        <SelectField
          label="Completed"
          name={`pc-completed-${eventId}`}
          options={TRI}
          value={completed}
          onChange={(e) => setCompleted(e.target.value as Tri)}
        />
        <SelectField
          label="Claimed"
          name={`pc-claimed-${eventId}`}
          options={TRI}
          value={claimed}
          onChange={(e) => setClaimed(e.target.value as Tri)}
        />
      </div>
      {list.isPending && <Loading />}
      <ErrorBanner error={list.error ?? forceClaim.error} testId="participations-error" />
      <Flash message={flash.message} testId="force-claim-result" />
      <DataTable
        rows={table.rows}
        columns={columns}
        rowKey={(p) => p.userId}
        caption={`Participations in event #${eventId}`}
        empty="No participations match."
        sort={table.sort}
        onSort={table.onSort}
        page={table.page}
        loading={list.isPending}
        testId="participations-table"
        rowTestId="participation-row"
        rowAttrs={(p) => ({ 'data-user-id': String(p.userId) })}
      />
      <MoreButton list={list} label="Show more" testId="more-participations" />
    </div>
  );
}
