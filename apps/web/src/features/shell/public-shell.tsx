import { LoginPage } from '../auth/login-page';
import { SignupPage } from '../auth/signup-page';

export function PublicShell({ route }: { route: 'login' | 'signup' }) {
  return (
    <main className="page narrow">
      <p className="brand center">Casino-Club</p>
      {route === 'signup' ? <SignupPage /> : <LoginPage />}
    </main>
  );
}
