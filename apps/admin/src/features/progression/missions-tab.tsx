/** Missions: every mission with this period's completions and claims; create, edit, activate / deactivate, delete. */
import { ErrorBanner, formatNumber, Loading, type RouterOutputs, useTRPC } from '@casino/ui';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ConfirmAction } from '../../components/confirm-action';
import { type Column, DataTable } from '../../components/data-table';
import { Flash, useFlash } from '../../components/flash';
import { useClientTable } from '../../components/use-client-table';
import { formatCount } from '../../lib/format';
import { AdminOnly, useIsAdmin } from '../../lib/role';
import { goalsText, rewardsText } from './goals';
import { MissionForm, PERIOD_LABEL } from './mission-form';

type Mission = RouterOutputs['admin']['missions']['list']['items'][number];

export function MissionsTab() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useQuery(trpc.admin.missions.list.queryOptions());
  const [editing, setEditing] = useState<number | 'new' | null>(null);
  const flash = useFlash();
  const isAdmin = useIsAdmin();
  const done = (message: string) => {
    flash.show(message);
    void queryClient.invalidateQueries(trpc.admin.missions.pathFilter());
  };
  const activate = useMutation(
    trpc.admin.missions.activate.mutationOptions({ onSuccess: (_r, v) => done(`Mission #${v.missionId} activated.`) }),
  );
  const deactivate = useMutation(
    trpc.admin.missions.deactivate.mutationOptions({ onSuccess: (_r, v) => done(`Mission #${v.missionId} hidden from players.`) }),
  );
  const remove = useMutation(
    trpc.admin.missions.delete.mutationOptions({ onSuccess: (_r, v) => done(`Mission #${v.missionId} deleted.`) }),
  );
  const busy = activate.isPending || deactivate.isPending || remove.isPending;
  const rows = list.data?.items ?? [];
  const current = typeof editing === 'number' ? rows.find((m) => m.id === editing) : undefined;
  const table = useClientTable(rows, { key: 'id', dir: 'desc' });
  const columns: Column<Mission>[] = [
    {
      key: 'title',
      header: 'Mission',
      sortable: true,
      cell: (m) => (
        <strong>
          #{m.id} {m.title}
        </strong>
      ),
    },
    { key: 'period', header: 'Period', sortable: true, cell: (m) => PERIOD_LABEL[m.period] },
    {
      key: 'isActive',
      header: 'State',
      sortable: true,
      cell: (m) => (
        <span className={`badge ${m.isActive ? 'ok-badge' : ''}`} data-testid="mission-status">
          {m.isActive ? 'active' : 'inactive'}
        </span>
      ),
    },
    {
      key: 'goals',
      header: 'Goals · rewards',
      wide: true,
      cell: (m) => (
        <span className="small-text">
          {goalsText(m.requirements)} · {rewardsText(m.rewards)}
        </span>
      ),
    },
    { key: 'completedThisPeriod', header: 'Completed', numeric: true, sortable: true, cell: (m) => m.completedThisPeriod },
    { key: 'claimedThisPeriod', header: 'Claimed', numeric: true, sortable: true, cell: (m) => m.claimedThisPeriod },
  ];
  if (isAdmin) {
    columns.push({
      key: 'actions',
      header: 'Actions',
      actions: true,
      cell: (m) => (
        <span className="row">
          <button type="button" className="small" onClick={() => setEditing(m.id)} data-testid="mission-edit">
            Edit
          </button>
          {m.isActive ? (
            <ConfirmAction
              label="Deactivate"
              title={`Hide “${m.title}”?`}
              confirmLabel="Hide from players"
              danger
              disabled={busy}
              onConfirm={() => deactivate.mutate({ missionId: m.id })}
              testId="mission-deactivate"
            >
              <p>Players stop seeing it; progress this period is kept.</p>
            </ConfirmAction>
          ) : (
            <ConfirmAction
              label="Activate"
              title={`Show “${m.title}” to players?`}
              confirmLabel="Show to players"
              disabled={busy}
              onConfirm={() => activate.mutate({ missionId: m.id })}
              testId="mission-activate"
            >
              <p>Players see it from now on and can complete it.</p>
            </ConfirmAction>
          )}
          <ConfirmAction
            label="Delete"
            title={`Delete “${m.title}”?`}
            confirmLabel="Delete mission"
            danger
            disabled={busy}
            onConfirm={() => remove.mutate({ missionId: m.id })}
            testId="mission-delete"
            typeToConfirm={String(m.id)}
          >
            <p>The mission is removed for good. Rewards already claimed stay with the players.</p>
          </ConfirmAction>
        </span>
      ),
    });
  }

  return (
    <div className="stack" data-testid="missions-admin">
      <div className="row between">
        <p className="muted small-text">
          {formatCount(rows.length, 'mission')} · {formatNumber(rows.filter((m) => m.isActive).length)} active
        </p>
        <AdminOnly>
          <button
            type="button"
            className="primary"
            disabled={editing === 'new'}
            onClick={() => setEditing('new')}
            data-testid="mission-new"
          >
            New mission
          </button>
        </AdminOnly>
      </div>
      {editing !== null && (editing === 'new' || current) && (
        <MissionForm
          key={editing}
          mission={current ?? null}
          onDone={(title) => {
            setEditing(null);
            if (title) flash.show(`Saved “${title}”.`);
          }}
        />
      )}
      <Flash message={flash.message} testId="mission-saved" />
      {list.isPending && <Loading />}
      <ErrorBanner error={list.error ?? activate.error ?? deactivate.error ?? remove.error} testId="missions-error" />
      <DataTable
        rows={table.rows}
        columns={columns}
        rowKey={(m) => m.id}
        caption="Missions"
        empty="No missions yet."
        sort={table.sort}
        onSort={table.onSort}
        page={table.page}
        loading={list.isPending}
        testId="missions-table"
        rowTestId="mission-row"
        rowAttrs={(m) => ({ 'data-mission-id': String(m.id), 'data-active': String(m.isActive) })}
      />
    </div>
  );
}
