/** Battle-pass seasons: a sortable, paged table with players and premium holders, create / edit, and an admin premium grant. */
import { ErrorBanner, Field, Loading, type RouterOutputs, useTRPC } from '@casino/ui';
import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { type Column, DataTable } from '../../components/data-table';
import { Flash, MutationFlash, useFlash } from '../../components/flash';
import { useClientTable } from '../../components/use-client-table';
import { formatCount, formatDate, formatNumber } from '../../lib/format';
import { useIsAdmin } from '../../lib/role';
import { SeasonForm } from './season-form';

type Season = RouterOutputs['admin']['battlepass']['seasons']['items'][number];

const stateOf = (s: Season, now: Date) =>
  !s.isActive ? 'inactive' : s.endsAt <= now ? 'ended' : s.startsAt > now ? 'scheduled' : 'running';

export function SeasonsTab() {
  const trpc = useTRPC();
  const list = useQuery(trpc.admin.battlepass.seasons.queryOptions());
  const [editing, setEditing] = useState<number | 'new' | null>(null);
  const flash = useFlash();
  const isAdmin = useIsAdmin();
  const rows = list.data?.items ?? [];
  const current = typeof editing === 'number' ? rows.find((s) => s.id === editing) : undefined;
  const now = new Date();
  const table = useClientTable(rows, { key: 'startsAt', dir: 'desc' });
  const columns: Column<Season>[] = [
    {
      key: 'name',
      header: 'Season',
      sortable: true,
      cell: (s) => (
        <strong>
          #{s.id} {s.name}
        </strong>
      ),
    },
    {
      key: 'isActive',
      header: 'State',
      sortable: true,
      cell: (s) => (
        <span className={`badge ${stateOf(s, now) === 'running' ? 'ok-badge' : ''}`} data-testid="season-state">
          {stateOf(s, now)}
        </span>
      ),
    },
    {
      key: 'startsAt',
      header: 'When',
      sortable: true,
      cell: (s) => (
        <span className="small-text">
          {formatDate(s.startsAt)} → {formatDate(s.endsAt)}
        </span>
      ),
    },
    {
      key: 'maxLevel',
      header: 'Levels',
      sortable: true,
      wide: true,
      cell: (s) => (
        <span className="small-text">
          {formatNumber(s.maxLevel)} levels × {formatNumber(s.xpPerLevel)} XP · {formatNumber(s.levels.length)} with rewards
        </span>
      ),
    },
    { key: 'players', header: 'Players', numeric: true, sortable: true, cell: (s) => s.players },
    { key: 'premiumPlayers', header: 'Premium', numeric: true, sortable: true, cell: (s) => s.premiumPlayers },
  ];
  if (isAdmin) {
    columns.push({
      key: 'actions',
      header: 'Actions',
      actions: true,
      cell: (s) => (
        <button type="button" className="small" onClick={() => setEditing(s.id)} data-testid="season-edit">
          Edit
        </button>
      ),
    });
  }
  return (
    <div className="stack" data-testid="seasons-admin">
      <div className="row between">
        <p className="muted small-text">{formatCount(rows.length, 'season')}</p>
        {isAdmin && (
          <button type="button" className="primary" disabled={editing === 'new'} onClick={() => setEditing('new')} data-testid="season-new">
            New season
          </button>
        )}
      </div>
      {editing !== null && (editing === 'new' || current) && (
        <SeasonForm
          key={editing}
          season={current ?? null}
          onDone={(name) => {
            setEditing(null);
            if (name) flash.show(`Saved “${name}”.`);
          }}
        />
      )}
      <Flash message={flash.message} testId="season-saved" />
      {list.isPending && <Loading />}
      <ErrorBanner error={list.error} />
      <DataTable
        rows={table.rows}
        columns={columns}
        rowKey={(s) => s.id}
        caption="Battle-pass seasons"
        empty="No seasons yet."
        sort={table.sort}
        onSort={table.onSort}
        page={table.page}
        loading={list.isPending}
        testId="seasons-table"
        rowTestId="season-row"
        rowAttrs={(s) => ({ 'data-season-id': String(s.id) })}
      />
      {isAdmin && <GrantPremium />}
    </div>
  );
}

/** Premium for one player in the running season, with a reason for the audit log. */
function GrantPremium() {
  const trpc = useTRPC();
  const [userId, setUserId] = useState('');
  const [reason, setReason] = useState('');
  const grant = useMutation(trpc.admin.battlepass.grantPremium.mutationOptions());
  const id = Number(userId);
  const valid = Number.isSafeInteger(id) && id > 0 && reason.trim().length >= 3;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (valid) grant.mutate({ userId: id, reason: reason.trim() });
  };
  return (
    <form className="card stack" onSubmit={submit} data-testid="grant-premium">
      <h2>Grant premium</h2>
      <div className="grid-2">
        <Field label="User id" name="premium-userId" inputMode="numeric" value={userId} onChange={(e) => setUserId(e.target.value)} />
        <Field label="Reason (audit log)" name="premium-reason" value={reason} onChange={(e) => setReason(e.target.value)} />
      </div>
      <ErrorBanner error={grant.error} />
      <MutationFlash
        mutation={grant}
        testId="premium-granted"
        message={(d) => (d.idempotent ? 'That player already had premium.' : 'Premium unlocked for the running season.')}
      />
      <button type="submit" className="primary" disabled={!valid || grant.isPending}>
        Grant premium
      </button>
    </form>
  );
}
