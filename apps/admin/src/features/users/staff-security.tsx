/**
 * A staff account's second factor on its user page: on since when, and — for another account
 * that lost its phone — a reset (asked in the confirmation dialog with a reason; admins only):
 * the factor and recovery codes go, the account's sessions end, its next login enrols again.
 */
import { ErrorBanner, formatDate, type RouterOutputs, useTRPC } from '@casino/ui';
import { useMutation } from '@tanstack/react-query';
import { ConfirmAction } from '../../components/confirm-action';
import { Flash, useFlash } from '../../components/flash';
import { useRefreshUser } from './use-refresh-user';

type Detail = RouterOutputs['admin']['users']['get'];

export function StaffSecurity({ detail, isSelf }: { detail: Detail; isSelf: boolean }) {
  const trpc = useTRPC();
  const p = detail.profile;
  const refresh = useRefreshUser(p.id);
  const flash = useFlash();
  const reset = useMutation(
    trpc.admin.security.resetTotp.mutationOptions({
      onSuccess: (r) => {
        flash.show(`Two-factor reset; ${r.revokedSessions} session${r.revokedSessions === 1 ? '' : 's'} ended.`);
        void refresh();
      },
    }),
  );
  return (
    <section className="card stack" data-testid="staff-security">
      <h2>Two-factor</h2>
      <p data-testid="staff-totp-state">{detail.totp.enabled ? `On since ${formatDate(detail.totp.enabledAt)}` : 'Not set up'}</p>
      {isSelf ? (
        <p className="muted small-text">Your own factor is managed on the Security page.</p>
      ) : (
        detail.totp.enabled && (
          <div className="row">
            <ConfirmAction
              label="Reset two-factor…"
              title={`Reset ${p.nickname}'s two-factor?`}
              confirmLabel="Reset two-factor"
              danger
              askReason
              pending={reset.isPending}
              onConfirm={(reason) => reset.mutate({ userId: p.id, reason })}
              testId="totp-reset"
            >
              <p>
                For a lost or replaced phone. The authenticator and every recovery code stop working, all of this account's sessions end,
                and its next login sets up two-factor again.
              </p>
            </ConfirmAction>
          </div>
        )
      )}
      <Flash message={flash.message} testId="totp-reset-done" />
      <ErrorBanner error={reset.error} testId="totp-reset-error" />
    </section>
  );
}
