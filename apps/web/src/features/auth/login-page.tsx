import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ErrorBanner } from '../../components/error-banner';
import { Field } from '../../components/field';
import { appErrorOf, fieldErrorsOf } from '../../lib/errors';
import { hrefFor } from '../../lib/router';
import { session, useSessionNotice } from '../../lib/session';
import { useTRPC } from '../../lib/trpc';
import { LockNotice } from './lock-notice';
import { useSignIn } from './use-sign-in';

type Lock = { identifier: string; until: number };

const normalise = (id: string) => id.trim().toLowerCase();

export function LoginPage() {
  const trpc = useTRPC();
  const notice = useSessionNotice();
  const signIn = useSignIn();
  const [siteId, setSiteId] = useState('');
  const [password, setPassword] = useState('');
  const [lock, setLock] = useState<Lock | null>(null);
  const login = useMutation(
    trpc.auth.login.mutationOptions({
      onSuccess: signIn,
      onError: (err, input) => {
        const app = appErrorOf(err);
        if (app?.reason !== 'login_locked') return;
        const ms = typeof app.retryAfterMs === 'number' ? app.retryAfterMs : Number(app.retryAfterMinutes ?? 1) * 60_000;
        setLock({ identifier: normalise(input.siteId), until: Date.now() + ms });
      },
    }),
  );
  // The lock is per account: typing another ID unlocks the form.
  const activeLock = lock && lock.identifier === normalise(siteId) ? lock : null;
  const fieldErrors = fieldErrorsOf(login.error);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    session.clearNotice();
    login.mutate({ siteId: siteId.trim(), password });
  };

  return (
    <form className="card stack" onSubmit={submit} data-testid="login-form" noValidate>
      <h1>Log in</h1>
      {notice && (
        <p className="banner" data-testid="session-notice">
          {notice}
        </p>
      )}
      <Field
        label="ID or nickname"
        name="siteId"
        autoComplete="username"
        value={siteId}
        onChange={(e) => setSiteId(e.target.value)}
        error={fieldErrors.siteId}
        required
      />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        error={fieldErrors.password}
        required
      />
      {activeLock ? (
        <LockNotice until={activeLock.until} onExpired={() => setLock(null)} />
      ) : (
        appErrorOf(login.error)?.reason !== 'login_locked' && <ErrorBanner error={login.error} testId="login-error" />
      )}
      <button
        type="submit"
        className="primary"
        disabled={login.isPending || !!activeLock || !siteId || !password}
        data-testid="login-submit"
      >
        {login.isPending ? 'Logging in…' : 'Log in'}
      </button>
      <p className="muted center">
        New here?{' '}
        <a href={hrefFor('signup')} data-testid="to-signup">
          Sign up with an invite code
        </a>
      </p>
    </form>
  );
}
