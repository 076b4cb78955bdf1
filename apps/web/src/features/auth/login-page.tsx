import { appErrorOf, ErrorBanner, LoginForm, useLoginForm } from '@casino/ui';
import { useState } from 'react';
import { hrefFor } from '../../lib/router';
import { LockNotice } from './lock-notice';
import { useSignIn } from './use-sign-in';

type Lock = { identifier: string; until: number };

const normalise = (id: string) => id.trim().toLowerCase();

export function LoginPage() {
  const signIn = useSignIn();
  const [lock, setLock] = useState<Lock | null>(null);
  const form = useLoginForm({
    onSuccess: signIn,
    onError: (err, input) => {
      const app = appErrorOf(err);
      if (app?.reason !== 'login_locked') return;
      const ms = typeof app.retryAfterMs === 'number' ? app.retryAfterMs : Number(app.retryAfterMinutes ?? 1) * 60_000;
      setLock({ identifier: normalise(input.siteId), until: Date.now() + ms });
    },
  });
  // The lock is per account: typing another ID unlocks the form.
  const activeLock = lock && lock.identifier === normalise(form.siteId) ? lock : null;

  return (
    <LoginForm
      form={form}
      title="Log in"
      idLabel="ID or nickname"
      required
      locked={!!activeLock}
      footer={
        <p className="muted center">
          New here?{' '}
          <a href={hrefFor('signup')} data-testid="to-signup">
            Sign up with an invite code
          </a>
        </p>
      }
    >
      {activeLock ? (
        <LockNotice until={activeLock.until} onExpired={() => setLock(null)} />
      ) : (
        appErrorOf(form.login.error)?.reason !== 'login_locked' && <ErrorBanner error={form.login.error} testId="login-error" />
      )}
    </LoginForm>
  );
}
