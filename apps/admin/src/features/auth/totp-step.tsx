import { appErrorOf, ErrorBanner, Field, type RouterOutputs, useTRPC } from '@casino/ui';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';

type AuthResult = RouterOutputs['auth']['verifyTotp'];

/** The login's second step: a code from the authenticator app, or one of the recovery codes. */
export function TotpStep({
  challenge,
  onDone,
  onRestart,
}: {
  challenge: string;
  onDone: (res: AuthResult) => void;
  onRestart: () => void;
}) {
  const trpc = useTRPC();
  const [code, setCode] = useState('');
  const verify = useMutation(trpc.auth.verifyTotp.mutationOptions({ onSuccess: onDone }));
  const expired = appErrorOf(verify.error)?.reason === 'totp_challenge_invalid';

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (code.trim()) verify.mutate({ challenge, code: code.trim() });
  };

  return (
    <form className="card stack" onSubmit={submit} data-testid="totp-step" noValidate>
      <h1>Two-factor check</h1>
      <p className="muted">Enter the 6-digit code from your authenticator app, or one of your recovery codes.</p>
      <Field
        label="Code"
        name="totpCode"
        autoComplete="one-time-code"
        inputMode="text"
        autoFocus
        value={code}
        onChange={(e) => setCode(e.target.value)}
      />
      <ErrorBanner error={verify.error} testId="totp-error" />
      <button type="submit" className="primary" disabled={verify.isPending || !code.trim()} data-testid="totp-submit">
        {verify.isPending ? 'Checking…' : 'Verify'}
      </button>
      <button type="button" className="link" onClick={onRestart} data-testid="totp-restart">
        {expired ? 'Log in again' : 'Use another account'}
      </button>
    </form>
  );
}
