import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ErrorBanner } from '../components/error-banner';
import { Field } from '../components/field';
import { appErrorOf, fieldErrorsOf } from '../errors';
import { useSpa } from '../spa-provider';
import { useTRPC } from '../trpc';
import { useLogout } from './use-logout';

/** Shown instead of everything else while `me.mustChangePassword` is set (seeded accounts). */
export function ChangePasswordPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { describeError } = useSpa();
  const { logout, pending: loggingOut } = useLogout();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [mismatch, setMismatch] = useState<string | null>(null);
  const change = useMutation(
    trpc.auth.changePassword.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.auth.me.pathFilter()),
    }),
  );
  const server = fieldErrorsOf(change.error);
  const wrongCurrent = appErrorOf(change.error)?.reason === 'wrong_password';

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (next.length < 8) return setMismatch('At least 8 characters.');
    if (next !== repeat) return setMismatch('The two new passwords differ.');
    setMismatch(null);
    change.mutate({ currentPassword: current, newPassword: next });
  };

  return (
    <form className="card stack" onSubmit={submit} data-testid="change-password-form" noValidate>
      <h1>Choose a new password</h1>
      <p className="muted">Your account was set up with a temporary password. Pick your own before you continue.</p>
      <Field
        label="Current password"
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        value={current}
        onChange={(e) => setCurrent(e.target.value)}
        error={wrongCurrent ? describeError(change.error) : server.currentPassword}
      />
      <Field
        label="New password"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        value={next}
        onChange={(e) => setNext(e.target.value)}
        error={mismatch ?? server.newPassword}
      />
      <Field
        label="Repeat new password"
        name="repeatPassword"
        type="password"
        autoComplete="new-password"
        value={repeat}
        onChange={(e) => setRepeat(e.target.value)}
      />
      {!wrongCurrent && <ErrorBanner error={change.error} testId="change-password-error" />}
      <button type="submit" className="primary" disabled={change.isPending || !current || !next} data-testid="change-password-submit">
        {change.isPending ? 'Saving…' : 'Save password'}
      </button>
      <button type="button" className="link" onClick={logout} disabled={loggingOut} data-testid="change-password-logout">
        Log out instead
      </button>
    </form>
  );
}
