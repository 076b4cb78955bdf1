/** Events: every event with its counts; create, edit, publish / deactivate / delete (asks once more), participations. */
import { ErrorBanner, formatDate, formatNumber, Loading, useTRPC } from '@casino/ui';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ConfirmButton } from '../shop/confirm-button';
import { EventForm } from './event-form';
import { goalsText, rewardsText } from './goals';
import { Participations } from './participations';

export function EventsTab() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useQuery(trpc.admin.events.list.queryOptions());
  const [editing, setEditing] = useState<number | 'new' | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  const [saved, setSaved] = useState('');
  const refresh = () => void queryClient.invalidateQueries(trpc.admin.events.pathFilter());
  const publish = useMutation(trpc.admin.events.publish.mutationOptions({ onSuccess: refresh }));
  const deactivate = useMutation(trpc.admin.events.deactivate.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(trpc.admin.events.delete.mutationOptions({ onSuccess: refresh }));
  const seed = useMutation(trpc.admin.events.seedModelIndex.mutationOptions({ onSuccess: refresh }));
  const busy = publish.isPending || deactivate.isPending || remove.isPending;
  const rows = list.data?.items ?? [];
  const current = typeof editing === 'number' ? rows.find((e) => e.id === editing) : undefined;
  const now = new Date();

  return (
    <div className="stack" data-testid="events-admin">
      <div className="row between">
        <p className="muted small-text">
          {rows.length} events · {rows.filter((e) => e.isActive).length} published
        </p>
        <span className="row">
          <button type="button" className="small" disabled={seed.isPending} onClick={() => seed.mutate()} data-testid="event-seed">
            Seed Model Index Challenge
          </button>
          <button type="button" className="primary" disabled={editing === 'new'} onClick={() => setEditing('new')} data-testid="event-new">
            New event
          </button>
        </span>
      </div>
      {seed.data && (
        <p className="banner banner-ok">
          {seed.data.created ? `Model Index Challenge created (#${seed.data.id}).` : `Already there (#${seed.data.id}).`}
        </p>
      )}
      {editing !== null && (editing === 'new' || current) && (
        <EventForm
          key={editing}
          event={current ?? null}
          onDone={(title) => {
            setEditing(null);
            setSaved(title);
          }}
        />
      )}
      {saved && (
        <p className="banner banner-ok" data-testid="event-saved">
          Saved “{saved}”.
        </p>
      )}
      {list.isPending && <Loading />}
      <ErrorBanner error={list.error ?? publish.error ?? deactivate.error ?? remove.error ?? seed.error} testId="events-error" />
      {list.isSuccess && rows.length === 0 && <p className="muted">No events yet.</p>}
      <ul className="plain stack">
        {rows.map((e) => {
          const running = e.startsAt <= now && e.endsAt > now;
          return (
            <li key={e.id} className="card stack tight" data-testid="event-row" data-event-id={e.id} data-active={e.isActive}>
              <div className="row between">
                <strong>
                  #{e.id} {e.title}
                </strong>
                <span className="row">
                  <span className="badge">{e.type}</span>
                  <span className="badge">priority {e.priority}</span>
                  <span className={`badge ${e.isActive ? 'ok-badge' : ''}`} data-testid="event-status">
                    {e.isActive ? (running ? 'live' : e.endsAt <= now ? 'ended' : 'scheduled') : 'draft / off'}
                  </span>
                </span>
              </div>
              <span className="small-text muted">
                {formatDate(e.startsAt)} → {formatDate(e.endsAt)}
              </span>
              <span className="small-text">
                Goals: {goalsText(e.requirements)} · Rewards: {rewardsText(e.rewards)}
              </span>
              <span className="small-text" data-testid="event-counts">
                {formatNumber(e.participationCount)} joined · {formatNumber(e.completedCount)} completed · {formatNumber(e.claimedCount)}{' '}
                claimed
              </span>
              <span className="row">
                <button type="button" className="small" onClick={() => setEditing(e.id)} data-testid="event-edit">
                  Edit
                </button>
                <button
                  type="button"
                  className="small"
                  onClick={() => setOpen(open === e.id ? null : e.id)}
                  aria-expanded={open === e.id}
                  data-testid="event-participations"
                >
                  Participations
                </button>
                {e.isActive ? (
                  <ConfirmButton
                    label="Deactivate"
                    confirmLabel="Confirm: hide from players"
                    danger
                    disabled={busy}
                    onConfirm={() => deactivate.mutate({ eventId: e.id })}
                    testId="event-deactivate"
                  />
                ) : (
                  <ConfirmButton
                    label="Publish"
                    confirmLabel="Confirm: show to players"
                    disabled={busy}
                    onConfirm={() => publish.mutate({ eventId: e.id })}
                    testId="event-publish"
                  />
                )}
                <ConfirmButton
                  label="Delete"
                  confirmLabel="Confirm: delete event"
                  danger
                  disabled={busy}
                  onConfirm={() => remove.mutate({ eventId: e.id })}
                  testId="event-delete"
                />
              </span>
              {open === e.id && <Participations eventId={e.id} />}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
