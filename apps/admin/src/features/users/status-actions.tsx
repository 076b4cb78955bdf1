import { ErrorBanner, Field, useTRPC } from '@casino/ui';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { AdminOnly } from '../../lib/role';
import { useRefreshUser } from './use-refresh-user';

const plural = (n: number) => `${n} ${n === 1 ? 'session' : 'sessions'}`;

/** Ban / unban (a reason is required for the audit log either way), and force logout (asks once more before acting). */
export function StatusActions({ userId, status, isSelf }: { userId: number; status: string; isSelf: boolean }) {
  const trpc = useTRPC();
  const refresh = useRefreshUser(userId);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const ban = useMutation(
    trpc.admin.users.ban.mutationOptions({ onSuccess: (r) => finish(`Banned; ${plural(r.revokedSessions)} ended.`) }),
  );
  const unban = useMutation(trpc.admin.users.unban.mutationOptions({ onSuccess: () => finish('Unbanned.') }));
  const force = useMutation(
    trpc.admin.users.forceLogout.mutationOptions({ onSuccess: (r) => finish(`Logged out of ${plural(r.revoked)}.`) }),
  );
  const pending = ban.isPending || unban.isPending || force.isPending;
  const banned = status === 'banned';

  function finish(message: string) {
    setDone(message);
    setReason('');
    setConfirming(false);
    void refresh();
  }

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    const text = reason.trim();
    if (text.length < 3) return setReasonError('Say why (at least 3 characters); it goes into the audit log.');
    setReasonError(null);
    if (banned) unban.mutate({ userId, reason: text });
    else ban.mutate({ userId, reason: text });
  };

  const forceLogout = () => {
    setDone(null);
    if (!confirming) return setConfirming(true);
    const text = reason.trim();
    force.mutate({ userId, ...(text.length >= 3 ? { reason: text } : {}) });
  };

  return (
    <form className="card stack" onSubmit={submit} data-testid="status-actions" noValidate>
      <h2>Account</h2>
      <Field
        label="Reason"
        name="statusReason"
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        error={reasonError ?? undefined}
      />
      <div className="row">
        <button type="submit" className={banned ? '' : 'danger'} disabled={pending || isSelf} data-testid={banned ? 'unban' : 'ban'}>
          {banned ? 'Unban' : 'Ban'}
        </button>
        <AdminOnly>
          <button type="button" onClick={forceLogout} disabled={pending} data-testid="force-logout">
            {confirming ? 'Confirm: end all sessions' : 'Force logout'}
          </button>
        </AdminOnly>
      </div>
      {isSelf && <p className="muted small-text">You cannot ban yourself.</p>}
      {done && (
        <p className="banner banner-ok" data-testid="status-result">
          {done}
        </p>
      )}
      <ErrorBanner error={ban.error ?? unban.error ?? force.error} testId="status-error" />
    </form>
  );
}
