import { SpaProvider, useSignedIn } from '@casino/ui';
import { AuthedShell } from './features/shell/authed-shell';
import { PublicShell } from './features/shell/public-shell';
import { useRoute } from './lib/router';
import { spa } from './lib/spa';

export function App() {
  return (
    <SpaProvider spa={spa}>
      <Screens />
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
