/** Battle-pass seasons: list with players and premium holders, create / edit, and an admin premium grant. */
import { ErrorBanner, Field, formatDate, formatNumber, Loading, useTRPC } from '@casino/ui';
import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Flash, MutationFlash, useFlash } from '../../components/flash';
import { useIsAdmin } from '../../lib/role';
import { SeasonForm } from './season-form';

export function SeasonsTab() {
  const trpc = useTRPC();
  const list = useQuery(trpc.admin.battlepass.seasons.queryOptions());
  const [editing, setEditing] = useState<number | 'new' | null>(null);
  const flash = useFlash();
  const isAdmin = useIsAdmin();
  const rows = list.data?.items ?? [];
  const current = typeof editing === 'number' ? rows.find((s) => s.id === editing) : undefined;
  const now = new Date();
  return (
    <div className="stack" data-testid="seasons-admin">
      <div className="row between">
        <p className="muted small-text">{rows.length} seasons</p>
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
      {list.isSuccess && rows.length === 0 && <p className="muted">No seasons yet.</p>}
      <ul className="plain stack">
        {rows.map((s) => (
          <li key={s.id} className="card stack tight" data-testid="season-row">
            <div className="row between">
              <strong>
                #{s.id} {s.name}
              </strong>
              <span className={`badge ${s.isActive && s.startsAt <= now && s.endsAt > now ? 'ok-badge' : ''}`}>
                {!s.isActive ? 'inactive' : s.endsAt <= now ? 'ended' : s.startsAt > now ? 'scheduled' : 'running'}
              </span>
            </div>
            <span className="small-text muted">
              {formatDate(s.startsAt)} → {formatDate(s.endsAt)} · {s.maxLevel} levels × {formatNumber(s.xpPerLevel)} XP · {s.levels.length}{' '}
              with rewards
            </span>
            <span className="small-text">
              {formatNumber(s.players)} players · {formatNumber(s.premiumPlayers)} premium
            </span>
            <span>
              {isAdmin && (
                <button type="button" className="small" onClick={() => setEditing(s.id)} data-testid="season-edit">
                  Edit
                </button>
              )}
            </span>
          </li>
        ))}
      </ul>
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
