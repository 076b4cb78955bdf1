import { createCasinoClient, memoryTokenStore } from '@casino/client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ErrorBanner } from '../../components/error-banner';
import { Field } from '../../components/field';
import { appErrorOf, fieldErrorsOf } from '../../lib/errors';
import { navigate } from '../../lib/router';
import { session, useSessionNotice } from '../../lib/session';
import { type RouterOutputs, useTRPC } from '../../lib/trpc';

/** Ends a session that was opened for a non-admin, so no token of it stays anywhere. */
async function revoke(res: RouterOutputs['auth']['login']) {
  const client = createCasinoClient({ baseUrl: '', tokens: memoryTokenStore(res) });
  await client.auth.logout.mutate({ refreshToken: res.refreshToken }).catch(() => undefined);
}

export function LoginPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const notice = useSessionNotice();
  const [siteId, setSiteId] = useState('');
  const [password, setPassword] = useState('');
  const [refused, setRefused] = useState(false);
  const login = useMutation(
    trpc.auth.login.mutationOptions({
      onSuccess: async (res) => {
        if (res.user.role !== 'admin') {
          setRefused(true);
          return revoke(res);
        }
        session.start({ accessToken: res.accessToken, refreshToken: res.refreshToken });
        queryClient.setQueryData(trpc.auth.me.queryKey(), res.user);
        navigate({ name: 'users' });
      },
    }),
  );
  const fieldErrors = fieldErrorsOf(login.error);
  const lock = appErrorOf(login.error);
  const lockMinutes = lock?.reason === 'login_locked' ? Number(lock.retryAfterMinutes ?? 1) : null;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    session.clearNotice();
    setRefused(false);
    login.mutate({ siteId: siteId.trim(), password });
  };

  return (
    <form className="card stack" onSubmit={submit} data-testid="login-form" noValidate>
      <h1>Admin login</h1>
      {notice && (
        <p className="banner" data-testid="session-notice">
          {notice}
        </p>
      )}
      <Field
        label="Admin ID"
        name="siteId"
        autoComplete="username"
        value={siteId}
        onChange={(e) => setSiteId(e.target.value)}
        error={fieldErrors.siteId}
      />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        error={fieldErrors.password}
      />
      {refused && (
        <p className="banner banner-error" role="alert" data-testid="login-refused">
          This account is not an admin. Players use the <a href="/">player app</a>.
        </p>
      )}
      {lockMinutes !== null ? (
        <p className="banner banner-error" role="alert" data-testid="login-locked">
          Too many failed attempts. Try again in {lockMinutes} {lockMinutes === 1 ? 'minute' : 'minutes'}.
        </p>
      ) : (
        <ErrorBanner error={login.error} testId="login-error" />
      )}
      <button type="submit" className="primary" disabled={login.isPending || !siteId || !password} data-testid="login-submit">
        {login.isPending ? 'Logging in…' : 'Log in'}
      </button>
    </form>
  );
}
