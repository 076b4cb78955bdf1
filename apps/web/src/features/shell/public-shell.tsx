import { Loading, useDocumentTitle } from '@casino/ui';
import { lazy, Suspense } from 'react';
import { APP_TITLE, SCREEN_TITLES } from '../../lib/router';
import { LoginPage } from '../auth/login-page';

// Signup validates with the shared zod schema; zod loads with the form, not with the login page.
const SignupPage = lazy(() => import('../auth/signup-page').then((m) => ({ default: m.SignupPage })));

export function PublicShell({ route }: { route: 'login' | 'signup' }) {
  useDocumentTitle(SCREEN_TITLES[route], APP_TITLE);
  return (
    <main className="page narrow">
      <p className="brand center">Casino-Club</p>
      {route === 'signup' ? (
        <Suspense fallback={<Loading />}>
          <SignupPage />
        </Suspense>
      ) : (
        <LoginPage />
      )}
    </main>
  );
}
