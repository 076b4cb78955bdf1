import { ErrorBanner, formatDate, Loading, useTRPC } from '@casino/ui';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { CodeForm } from './code-form';
import { RecoveryCodes } from './recovery-codes';

/** The signed-in staff account's two-factor authentication: set up (QR code), recovery codes, turn off. */
export function SecurityPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const status = useQuery(trpc.admin.security.status.queryOptions());
  const [codes, setCodes] = useState<string[] | null>(null);
  const refresh = () => {
    void queryClient.invalidateQueries(trpc.admin.security.pathFilter());
    void queryClient.invalidateQueries(trpc.admin.audit.pathFilter());
  };
  const start = useMutation(trpc.admin.security.enrolStart.mutationOptions({ onSuccess: refresh }));
  const confirm = useMutation(
    trpc.admin.security.enrolConfirm.mutationOptions({
      onSuccess: (r) => {
        setCodes(r.recoveryCodes);
        start.reset();
        refresh();
      },
    }),
  );
  const regenerate = useMutation(
    trpc.admin.security.regenerateRecoveryCodes.mutationOptions({
      onSuccess: (r) => {
        setCodes(r.recoveryCodes);
        refresh();
      },
    }),
  );
  const disable = useMutation(trpc.admin.security.disable.mutationOptions({ onSuccess: refresh }));

  if (status.isPending) return <Loading />;
  if (status.isError) return <ErrorBanner error={status.error} />;
  const s = status.data;

  return (
    <div className="stack" data-testid="security-page">
      <h1>Security</h1>
      {codes && <RecoveryCodes codes={codes} onDone={() => setCodes(null)} />}
      <section className="card stack" aria-labelledby="totp-title">
        <h2 id="totp-title">Two-factor authentication</h2>
        {s.required && !s.enabled && (
          <p className="banner banner-error" role="alert" data-testid="totp-required">
            Two-factor authentication is required: set it up to use the console.
          </p>
        )}
        {s.enabled ? (
          <>
            <p data-testid="totp-status">
              On since {s.enabledAt ? formatDate(s.enabledAt) : '—'}. Recovery codes left: <strong>{s.recoveryCodesLeft}</strong>.
            </p>
            <CodeForm
              label="Current code (for new recovery codes)"
              submitLabel="Make new recovery codes"
              testId="totp-regenerate"
              pending={regenerate.isPending}
              error={regenerate.error}
              onCode={(code) => regenerate.mutate({ code })}
            />
            <CodeForm
              label="Current code (to turn it off)"
              submitLabel="Turn off two-factor"
              testId="totp-disable"
              danger
              pending={disable.isPending}
              error={disable.error}
              onCode={(code) => disable.mutate({ code })}
            />
          </>
        ) : start.data ? (
          <>
            <p>Scan this code with an authenticator app (Google Authenticator, 1Password, Authy…), then enter the code it shows.</p>
            <img
              src={start.data.qrDataUrl}
              alt="QR code to add this account to an authenticator app"
              width={240}
              height={240}
              data-testid="totp-qr"
            />
            <p className="small-text">
              Can't scan? Enter this key: <code data-testid="totp-secret">{start.data.secret}</code>
            </p>
            <p className="small-text break-all">
              <a href={start.data.otpauthUri} data-testid="totp-uri">
                {start.data.otpauthUri}
              </a>
            </p>
            <CodeForm
              label="Code from the app"
              submitLabel="Turn on"
              testId="totp-confirm"
              pending={confirm.isPending}
              error={confirm.error}
              onCode={(code) => confirm.mutate({ code })}
            />
          </>
        ) : (
          <>
            <p data-testid="totp-status">Off. With it on, logging in asks for a code from your phone as well as your password.</p>
            <ErrorBanner error={start.error} />
            <button type="button" className="primary" onClick={() => start.mutate()} disabled={start.isPending} data-testid="totp-start">
              Set up two-factor authentication
            </button>
          </>
        )}
      </section>
    </div>
  );
}
