import { SpaProvider, useDocumentTitle, useSignedIn } from '@casino/ui';
import { LoginPage } from './features/auth/login-page';
import { AdminShell } from './features/shell/admin-shell';
import { APP_TITLE, useRoute } from './lib/router';
import { spa } from './lib/spa';

export function App() {
  return (
    <SpaProvider spa={spa}>
      <Screens />
    </SpaProvider>
  );
}

function Screens() {
  const signedIn = useSignedIn();
  const route = useRoute();
  if (!signedIn) return <SignedOut />;
  return <AdminShell route={route} />;
}

function SignedOut() {
  useDocumentTitle('Log in', APP_TITLE);
  return (
    <main className="page narrow">
      <p className="brand center">Casino-Club Admin</p>
      <LoginPage />
    </main>
  );
}
