import { QueryClientProvider } from '@tanstack/react-query';
import { AuthedShell } from './features/shell/authed-shell';
import { PublicShell } from './features/shell/public-shell';
import { useRoute } from './lib/router';
import { useSignedIn } from './lib/session';
import { queryClient, TRPCProvider, trpcClient } from './lib/trpc';

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        <Screens />
      </TRPCProvider>
    </QueryClientProvider>
  );
}

/** The route decides the screen only within what the session allows. */
function Screens() {
  const signedIn = useSignedIn();
  const route = useRoute();
  if (!signedIn) return <PublicShell route={route === 'signup' ? 'signup' : 'login'} />;
  return <AuthedShell route={route} />;
}
