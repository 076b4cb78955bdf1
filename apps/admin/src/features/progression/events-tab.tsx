/** Events: every event with its counts; create, edit, publish / deactivate / delete (asked in the confirmation dialog), participations. */
import { ErrorBanner, formatDate, formatNumber, Loading, type RouterOutputs, useTRPC } from '@casino/ui';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { type Column, DataTable } from '../../components/data-table';
import { Flash, useFlash } from '../../components/flash';
import { useClientTable } from '../../components/use-client-table';
import { formatCount } from '../../lib/format';
import { AdminOnly, useIsAdmin } from '../../lib/role';
import { EventActions } from './event-actions';
import { EventForm } from './event-form';
import { goalsText, rewardsText } from './goals';
import { Participations } from './participations';

export type AdminEvent = RouterOutputs['admin']['events']['list']['items'][number];

const stateOf = (e: AdminEvent, now: Date) =>
  e.isActive ? (e.startsAt <= now && e.endsAt > now ? 'live' : e.endsAt <= now ? 'ended' : 'scheduled') : 'draft / off';

export function EventsTab() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useQuery(trpc.admin.events.list.queryOptions());
  const [editing, setEditing] = useState<number | 'new' | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  const flash = useFlash();
  const isAdmin = useIsAdmin();
  const done = (message: string) => {
    flash.show(message);
    void queryClient.invalidateQueries(trpc.admin.events.pathFilter());
  };
  const publish = useMutation(trpc.admin.events.publish.mutationOptions({ onSuccess: (_r, v) => done(`Event #${v.eventId} published.`) }));
  const deactivate = useMutation(
    trpc.admin.events.deactivate.mutationOptions({ onSuccess: (_r, v) => done(`Event #${v.eventId} hidden from players.`) }),
  );
  const remove = useMutation(trpc.admin.events.delete.mutationOptions({ onSuccess: (_r, v) => done(`Event #${v.eventId} deleted.`) }));
  const seed = useMutation(
    trpc.admin.events.seedModelIndex.mutationOptions({
      onSuccess: (r) => done(r.created ? `Model Index Challenge created (#${r.id}).` : `Already there (#${r.id}).`),
    }),
  );
  const busy = publish.isPending || deactivate.isPending || remove.isPending;
  const rows = list.data?.items ?? [];
  const current = typeof editing === 'number' ? rows.find((e) => e.id === editing) : undefined;
  const now = new Date();
  const table = useClientTable(rows, { key: 'startsAt', dir: 'desc' });
  const columns: Column<AdminEvent>[] = [
    {
      key: 'title',
      header: 'Event',
      sortable: true,
      cell: (e) => (
        <>
          <strong>
            #{e.id} {e.title}
          </strong>
          <div className="small-text muted">
            {e.type} · priority {formatNumber(e.priority)}
          </div>
        </>
      ),
    },
    {
      key: 'isActive',
      header: 'State',
      sortable: true,
      cell: (e) => (
        <span className={`badge ${e.isActive ? 'ok-badge' : ''}`} data-testid="event-status">
          {stateOf(e, now)}
        </span>
      ),
    },
    {
      key: 'startsAt',
      header: 'When',
      sortable: true,
      cell: (e) => (
        <span className="small-text">
          {formatDate(e.startsAt)} → {formatDate(e.endsAt)}
        </span>
      ),
    },
    {
      key: 'goals',
      header: 'Goals · rewards',
      wide: true,
      cell: (e) => (
        <span className="small-text">
          {goalsText(e.requirements)} · {rewardsText(e.rewards)}
        </span>
      ),
    },
    {
      key: 'participationCount',
      header: 'Players',
      sortable: true,
      cell: (e) => (
        <span className="small-text" data-testid="event-counts">
          {formatNumber(e.participationCount)} joined · {formatNumber(e.completedCount)} completed · {formatNumber(e.claimedCount)} claimed
        </span>
      ),
    },
    {
      key: 'actions',
      header: 'Actions',
      actions: true,
      cell: (e) => (
        <span className="row">
          <button
            type="button"
            className="small"
            onClick={() => setOpen(open === e.id ? null : e.id)}
            aria-expanded={open === e.id}
            data-testid="event-participations"
          >
            Participations
          </button>
          {isAdmin && (
            <EventActions event={e} busy={busy} onEdit={() => setEditing(e.id)} publish={publish} deactivate={deactivate} remove={remove} />
          )}
        </span>
      ),
    },
  ];

  return (
    <div className="stack" data-testid="events-admin">
      <div className="row between">
        <p className="muted small-text">
          {formatCount(rows.length, 'event')} · {formatNumber(rows.filter((e) => e.isActive).length)} published
        </p>
        <AdminOnly>
          <span className="row">
            <button type="button" className="small" disabled={seed.isPending} onClick={() => seed.mutate()} data-testid="event-seed">
              Seed Model Index Challenge
            </button>
            <button
              type="button"
              className="primary"
              disabled={editing === 'new'}
              onClick={() => setEditing('new')}
              data-testid="event-new"
            >
              New event
            </button>
          </span>
        </AdminOnly>
      </div>
      {editing !== null && (editing === 'new' || current) && (
        <EventForm
          key={editing}
          event={current ?? null}
          onDone={(title) => {
            setEditing(null);
            if (title) flash.show(`Saved “${title}”.`);
          }}
        />
      )}
      <Flash message={flash.message} testId="event-saved" />
      {list.isPending && <Loading />}
      <ErrorBanner error={list.error ?? publish.error ?? deactivate.error ?? remove.error ?? seed.error} testId="events-error" />
      <DataTable
        rows={table.rows}
        columns={columns}
        rowKey={(e) => e.id}
        caption="Events"
        empty="No events yet."
        sort={table.sort}
        onSort={table.onSort}
        page={table.page}
        loading={list.isPending}
        testId="events-table"
        rowTestId="event-row"
        rowAttrs={(e) => ({ 'data-event-id': String(e.id), 'data-active': String(e.isActive) })}
      />
      {open !== null && (
        <section className="card stack" aria-label={`Participations in event #${open}`} data-testid="event-participations-panel">
          <div className="row between">
            <h2>Participations · event #{open}</h2>
            <button type="button" className="small" onClick={() => setOpen(null)}>
              Close
            </button>
          </div>
          <Participations key={open} eventId={open} />
        </section>
      )}
    </div>
  );
}
