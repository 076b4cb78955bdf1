/** Ban / unban, unlock, reset password, force logout: each asks in the one confirmation dialog, with a reason for the audit log. */
import { ErrorBanner, formatDate, formatNumber, type RouterOutputs, useTRPC } from '@casino/ui';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { Flash, useFlash } from '../../components/flash';
import { AdminOnly } from '../../lib/role';
import { useRefreshUser } from './use-refresh-user';

type Detail = RouterOutputs['admin']['users']['get'];
type Action = 'ban' | 'unban' | 'unlock' | 'reset' | 'logout';
const plural = (n: number) => `${n} ${n === 1 ? 'session' : 'sessions'}`;

export function AccessActions({ detail, isSelf }: { detail: Detail; isSelf: boolean }) {
  const trpc = useTRPC();
  const { id: userId, status, nickname } = detail.profile;
  const refresh = useRefreshUser(userId);
  const flash = useFlash();
  const [open, setOpen] = useState<Action | null>(null);
  const [tempPassword, setTempPassword] = useState<string | null>(null);
  const done = (message: string) => {
    setOpen(null);
    flash.show(message);
    void refresh();
  };
  const ban = useMutation(trpc.admin.users.ban.mutationOptions({ onSuccess: (r) => done(`Banned; ${plural(r.revokedSessions)} ended.`) }));
  const unban = useMutation(trpc.admin.users.unban.mutationOptions({ onSuccess: () => done('Unbanned.') }));
  const unlock = useMutation(
    trpc.admin.users.unlock.mutationOptions({ onSuccess: () => done('Login unlocked: the player can log in again now.') }),
  );
  const logout = useMutation(
    trpc.admin.users.forceLogout.mutationOptions({ onSuccess: (r) => done(`Logged out of ${plural(r.revoked)}.`) }),
  );
  const reset = useMutation(
    trpc.admin.users.resetPassword.mutationOptions({
      onSuccess: (r) => {
        setTempPassword(r.temporaryPassword);
        done(`Password reset; ${plural(r.revokedSessions)} ended.`);
      },
    }),
  );
  const all = [ban, unban, unlock, logout, reset];
  const pending = all.some((m) => m.isPending);
  const error = all.find((m) => m.error)?.error ?? null;
  const banned = status === 'banned';
  const gone = status === 'deleted';
  const dialog = (action: Action, title: string, confirmLabel: string, body: string, run: (reason: string) => void, danger = true) => (
    <ConfirmDialog
      open={open === action}
      title={title}
      confirmLabel={confirmLabel}
      danger={danger}
      askReason
      pending={pending}
      onCancel={() => setOpen(null)}
      onConfirm={({ reason }) => run(reason)}
      testId={`${action}-dialog`}
    >
      <p>{body}</p>
    </ConfirmDialog>
  );

  return (
    <section className="card stack" data-testid="status-actions">
      <h2>Access</h2>
      {detail.lockout.locked && (
        <p className="banner banner-warn" data-testid="lockout-banner">
          Login locked after {formatNumber(detail.lockout.failures)} failed attempts, until {formatDate(detail.lockout.lockedUntil)}.
        </p>
      )}
      <div className="row wrap">
        {banned ? (
          <button type="button" onClick={() => setOpen('unban')} disabled={pending || gone} data-testid="unban">
            Unban
          </button>
        ) : (
          <button type="button" className="danger" onClick={() => setOpen('ban')} disabled={pending || isSelf || gone} data-testid="ban">
            Ban
          </button>
        )}
        <button type="button" onClick={() => setOpen('unlock')} disabled={pending || gone || !detail.lockout.locked} data-testid="unlock">
          Unlock login
        </button>
        <AdminOnly>
          <button type="button" onClick={() => setOpen('reset')} disabled={pending || gone || isSelf} data-testid="reset-password">
            Reset password
          </button>
        </AdminOnly>
        <AdminOnly>
          <button type="button" onClick={() => setOpen('logout')} disabled={pending || gone} data-testid="force-logout">
            Force logout
          </button>
        </AdminOnly>
      </div>
      {isSelf && <p className="muted small-text">You cannot ban yourself or reset your own password here.</p>}
      <Flash message={flash.message} testId="status-result" />
      {tempPassword && (
        <div className="banner banner-ok stack" data-testid="temp-password-box">
          <span>
            Temporary password (shown once; the player must change it at next login):{' '}
            <code data-testid="temp-password">{tempPassword}</code>
          </span>
          <button type="button" className="small" onClick={() => setTempPassword(null)}>
            I have passed it on — hide it
          </button>
        </div>
      )}
      <ErrorBanner error={error} testId="status-error" />
      {dialog(
        'ban',
        `Ban ${nickname}?`,
        'Ban',
        'Every session ends now and the player cannot log in until unbanned. The reason is shown on this page.',
        (reason) => ban.mutate({ userId, reason }),
      )}
      {dialog('unban', `Unban ${nickname}?`, 'Unban', 'The player can log in again.', (reason) => unban.mutate({ userId, reason }), false)}
      {dialog(
        'unlock',
        `Unlock ${nickname}'s login?`,
        'Unlock',
        'The failed attempts are forgotten; the next login is checked at once.',
        (reason) => unlock.mutate({ userId, reason }),
        false,
      )}
      {dialog(
        'reset',
        `Reset ${nickname}'s password?`,
        'Reset password',
        'A temporary password is generated and shown once. Every session ends; the player must choose a new password at the next login.',
        (reason) => reset.mutate({ userId, reason }),
      )}
      {dialog(
        'logout',
        `Log ${nickname} out everywhere?`,
        'End all sessions',
        'Every session of this player ends now, on every device.',
        (reason) => logout.mutate({ userId, reason }),
      )}
    </section>
  );
}
