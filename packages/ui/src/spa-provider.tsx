/** Puts one SPA (see createSpa) under React: QueryClient, tRPC context, and the session for the shared pieces. */
import { QueryClientProvider } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext, useSyncExternalStore } from 'react';
import type { Spa } from './spa';
import { TRPCProvider } from './trpc';

const SpaContext = createContext<Spa | null>(null);

export function SpaProvider({ spa, children }: { spa: Spa; children: ReactNode }) {
  return (
    <QueryClientProvider client={spa.queryClient}>
      <TRPCProvider trpcClient={spa.trpcClient} queryClient={spa.queryClient}>
        <SpaContext value={spa}>{children}</SpaContext>
      </TRPCProvider>
    </QueryClientProvider>
  );
}

export function useSpa(): Spa {
  const spa = useContext(SpaContext);
  if (!spa) throw new Error('useSpa() outside <SpaProvider>');
  return spa;
}

export function useSignedIn(): boolean {
  const { session } = useSpa();
  return useSyncExternalStore(session.subscribe, session.isSignedIn);
}

export function useSessionNotice(): string | null {
  const { session } = useSpa();
  return useSyncExternalStore(session.subscribe, session.notice);
}
