import { createCasinoClient, memoryTokenStore } from '@casino/client';
import { appErrorOf, ErrorBanner, LoginForm, type RouterOutputs, useLoginForm, useTRPC } from '@casino/ui';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { isStaffRole } from '../../lib/role';
import { navigate } from '../../lib/router';
import { session } from '../../lib/spa';
import { TotpStep } from './totp-step';

type AuthResult = RouterOutputs['auth']['login'];

/** Ends a session that was opened for a non-staff account, so no token of it stays anywhere. */
async function revoke(res: AuthResult) {
  const client = createCasinoClient({ baseUrl: '', tokens: memoryTokenStore(res) });
  await client.auth.logout.mutate({ refreshToken: res.refreshToken }).catch(() => undefined);
}

export function LoginPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [refused, setRefused] = useState(false);
  const [challenge, setChallenge] = useState<string | null>(null);
  const signIn = async (res: AuthResult) => {
    if (!isStaffRole(res.user.role)) {
      setRefused(true);
      return revoke(res);
    }
    session.start({ accessToken: res.accessToken, refreshToken: res.refreshToken });
    queryClient.setQueryData(trpc.auth.me.queryKey(), res.user);
    navigate({ name: 'users' });
  };
  const form = useLoginForm(
    {
      onSuccess: signIn,
      onError: (e) => {
        const step = appErrorOf(e);
        if (step?.reason === 'totp_required' && typeof step.challenge === 'string') setChallenge(step.challenge);
      },
    },
    () => setRefused(false),
  );
  const lock = appErrorOf(form.login.error);
  const lockMinutes = lock?.reason === 'login_locked' ? Number(lock.retryAfterMinutes ?? 1) : null;

  if (challenge) {
    return (
      <TotpStep
        challenge={challenge}
        onDone={(res) => void signIn(res)}
        onRestart={() => {
          setChallenge(null);
          form.setPassword('');
          form.login.reset();
        }}
      />
    );
  }

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
        lock?.reason !== 'totp_required' && <ErrorBanner error={form.login.error} testId="login-error" />
      )}
    </LoginForm>
  );
}
