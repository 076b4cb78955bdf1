import { createCasinoClient, memoryTokenStore } from '@casino/client';
import { appErrorOf, ErrorBanner, LoginForm, type RouterOutputs, useLoginForm, useTRPC } from '@casino/ui';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { navigate } from '../../lib/router';
import { session } from '../../lib/spa';

/** Ends a session that was opened for a non-admin, so no token of it stays anywhere. */
async function revoke(res: RouterOutputs['auth']['login']) {
  const client = createCasinoClient({ baseUrl: '', tokens: memoryTokenStore(res) });
  await client.auth.logout.mutate({ refreshToken: res.refreshToken }).catch(() => undefined);
}

export function LoginPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [refused, setRefused] = useState(false);
  const form = useLoginForm(
    {
      onSuccess: async (res) => {
        if (res.user.role !== 'admin') {
          setRefused(true);
          return revoke(res);
        }
        session.start({ accessToken: res.accessToken, refreshToken: res.refreshToken });
        queryClient.setQueryData(trpc.auth.me.queryKey(), res.user);
        navigate({ name: 'users' });
      },
    },
    () => setRefused(false),
  );
  const lock = appErrorOf(form.login.error);
  const lockMinutes = lock?.reason === 'login_locked' ? Number(lock.retryAfterMinutes ?? 1) : null;

  return (
    <LoginForm form={form} title="Admin login" idLabel="Admin ID">
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
        <ErrorBanner error={form.login.error} testId="login-error" />
      )}
    </LoginForm>
  );
}
