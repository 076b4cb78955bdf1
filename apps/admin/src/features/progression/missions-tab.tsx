/** Missions: every mission with this period's completions and claims; create, edit, activate / deactivate, delete. */
import { ErrorBanner, formatNumber, Loading, useTRPC } from '@casino/ui';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ConfirmButton } from '../shop/confirm-button';
import { goalsText, rewardsText } from './goals';
import { MissionForm, PERIOD_LABEL } from './mission-form';

export function MissionsTab() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useQuery(trpc.admin.missions.list.queryOptions());
  const [editing, setEditing] = useState<number | 'new' | null>(null);
  const [saved, setSaved] = useState('');
  const refresh = () => void queryClient.invalidateQueries(trpc.admin.missions.pathFilter());
  const activate = useMutation(trpc.admin.missions.activate.mutationOptions({ onSuccess: refresh }));
  const deactivate = useMutation(trpc.admin.missions.deactivate.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(trpc.admin.missions.delete.mutationOptions({ onSuccess: refresh }));
  const busy = activate.isPending || deactivate.isPending || remove.isPending;
  const rows = list.data?.items ?? [];
  const current = typeof editing === 'number' ? rows.find((m) => m.id === editing) : undefined;

  return (
    <div className="stack" data-testid="missions-admin">
      <div className="row between">
        <p className="muted small-text">
          {rows.length} missions · {rows.filter((m) => m.isActive).length} active
        </p>
        <button type="button" className="primary" disabled={editing === 'new'} onClick={() => setEditing('new')} data-testid="mission-new">
          New mission
        </button>
      </div>
      {editing !== null && (editing === 'new' || current) && (
        <MissionForm
          key={editing}
          mission={current ?? null}
          onDone={(title) => {
            setEditing(null);
            setSaved(title);
          }}
        />
      )}
      {saved && (
        <p className="banner banner-ok" data-testid="mission-saved">
          Saved “{saved}”.
        </p>
      )}
      {list.isPending && <Loading />}
      <ErrorBanner error={list.error ?? activate.error ?? deactivate.error ?? remove.error} testId="missions-error" />
      {list.isSuccess && rows.length === 0 && <p className="muted">No missions yet.</p>}
      <ul className="plain stack">
        {rows.map((m) => (
          <li key={m.id} className="card stack tight" data-testid="mission-row" data-mission-id={m.id} data-active={m.isActive}>
            <div className="row between">
              <strong>
                #{m.id} {m.title}
              </strong>
              <span className="row">
                <span className="badge">{PERIOD_LABEL[m.period]}</span>
                <span className={`badge ${m.isActive ? 'ok-badge' : ''}`} data-testid="mission-status">
                  {m.isActive ? 'active' : 'inactive'}
                </span>
              </span>
            </div>
            <span className="small-text">
              Goals: {goalsText(m.requirements)} · Rewards: {rewardsText(m.rewards)}
            </span>
            <span className="small-text muted">
              This period: {formatNumber(m.completedThisPeriod)} completed · {formatNumber(m.claimedThisPeriod)} claimed
            </span>
            <span className="row">
              <button type="button" className="small" onClick={() => setEditing(m.id)} data-testid="mission-edit">
                Edit
              </button>
              {m.isActive ? (
                <ConfirmButton
                  label="Deactivate"
                  confirmLabel="Confirm: hide"
                  danger
                  disabled={busy}
                  onConfirm={() => deactivate.mutate({ missionId: m.id })}
                  testId="mission-deactivate"
                />
              ) : (
                <ConfirmButton
                  label="Activate"
                  confirmLabel="Confirm: show to players"
                  disabled={busy}
                  onConfirm={() => activate.mutate({ missionId: m.id })}
                  testId="mission-activate"
                />
              )}
              <ConfirmButton
                label="Delete"
                confirmLabel="Confirm: delete mission"
                danger
                disabled={busy}
                onConfirm={() => remove.mutate({ missionId: m.id })}
                testId="mission-delete"
              />
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
