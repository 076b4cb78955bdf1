import { Loading, SpaProvider, useSignedIn } from '@casino/ui';
import { lazy, Suspense } from 'react';
import { useRoute } from './lib/router';
import { spa } from './lib/spa';

// Each side of the login is its own chunk: a signed-out visit never downloads the game shell,
// and a signed-in one never downloads the forms; the first load is React, the client and the router.
const AuthedShell = lazy(() => import('./features/shell/authed-shell').then((m) => ({ default: m.AuthedShell })));
const PublicShell = lazy(() => import('./features/shell/public-shell').then((m) => ({ default: m.PublicShell })));

export function App() {
  return (
    <SpaProvider spa={spa}>
      <Suspense fallback={<Loading />}>
        <Screens />
      </Suspense>
    </SpaProvider>
  );
}

/** The route decides the screen only within what the session allows. */
function Screens() {
  const signedIn = useSignedIn();
  const route = useRoute();
  if (!signedIn) return <PublicShell route={route === 'signup' ? 'signup' : 'login'} />;
  return <AuthedShell route={route} />;
}
