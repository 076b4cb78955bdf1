import { appErrorOf, ErrorBanner, LoginForm, useLoginForm } from '@casino/ui';
import { useState } from 'react';
import { hrefFor } from '../../lib/router';
import { LockNotice, TriesLeft } from './lock-notice';
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
      // The last try failed: the account is locked from now, for the lockout window.
      if (app?.reason === 'invalid_credentials' && app.attemptsLeft === 0 && typeof app.lockoutMinutes === 'number')
        setLock({ identifier: normalise(input.siteId), until: Date.now() + app.lockoutMinutes * 60_000 });
      if (app?.reason !== 'login_locked') return;
      const ms = typeof app.retryAfterMs === 'number' ? app.retryAfterMs : Number(app.retryAfterMinutes ?? 1) * 60_000;
      setLock({ identifier: normalise(input.siteId), until: Date.now() + ms });
    },
  });
  const failed = appErrorOf(form.login.error);
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
        failed?.reason !== 'login_locked' && (
          <>
            <ErrorBanner error={form.login.error} testId="login-error" />
            {failed?.reason === 'invalid_credentials' && <TriesLeft left={failed.attemptsLeft} minutes={failed.lockoutMinutes} />}
          </>
        )
      )}
    </LoginForm>
  );
}
