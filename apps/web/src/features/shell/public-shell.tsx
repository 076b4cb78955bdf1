import { useDocumentTitle } from '@casino/ui';
import { APP_TITLE, SCREEN_TITLES } from '../../lib/router';
import { LoginPage } from '../auth/login-page';
import { SignupPage } from '../auth/signup-page';

export function PublicShell({ route }: { route: 'login' | 'signup' }) {
  useDocumentTitle(SCREEN_TITLES[route], APP_TITLE);
  return (
    <main className="page narrow">
      <p className="brand center">Casino-Club</p>
      {route === 'signup' ? <SignupPage /> : <LoginPage />}
    </main>
  );
}
