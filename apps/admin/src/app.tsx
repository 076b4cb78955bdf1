import { QueryClientProvider } from '@tanstack/react-query';
import { LoginPage } from './features/auth/login-page';
import { AdminShell } from './features/shell/admin-shell';
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

function Screens() {
  const signedIn = useSignedIn();
  const route = useRoute();
  if (!signedIn)
    return (
      <main className="page narrow">
        <p className="brand center">Casino-Club Admin</p>
        <LoginPage />
      </main>
    );
  return <AdminShell route={route} />;
}
