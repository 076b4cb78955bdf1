/**
 * On UNAUTHORIZED, refreshes the token pair once and retries the call once.
 * Concurrent failures share one refresh: presenting a refresh token twice would
 * be treated by the server as theft and end the session.
 */
import type { AppRouter } from '@casino/api';
import { type TRPCClient, TRPCClientError, type TRPCLink } from '@trpc/client';
import { observable } from '@trpc/server/observable';
import type { TokenStore } from './token-store';

// Logout is retried after a refresh too, so an expired access token still ends the session server-side.
const NO_RETRY = new Set(['auth.login', 'auth.signup', 'auth.refresh', 'auth.verifyTotp']);

export function createRefresher(store: TokenStore, bare: () => TRPCClient<AppRouter>, onAuthLost?: () => void) {
  let inFlight: Promise<boolean> | null = null;
  return function refreshOnce(): Promise<boolean> {
    inFlight ??= (async () => {
      const current = store.get();
      if (!current) return false;
      try {
        const next = await bare().auth.refresh.mutate({ refreshToken: current.refreshToken });
        store.set({ accessToken: next.accessToken, refreshToken: next.refreshToken });
        return true;
      } catch (e) {
        if (e instanceof TRPCClientError && e.data?.code === 'UNAUTHORIZED') {
          store.set(null);
          onAuthLost?.();
        }
        return false;
      }
    })().finally(() => {
      inFlight = null;
    });
    return inFlight;
  };
}

export function refreshRetryLink(refreshOnce: () => Promise<boolean>): TRPCLink<AppRouter> {
  return () =>
    ({ op, next }) =>
      observable((observer) => {
        let retried = false;
        let sub: { unsubscribe(): void } | null = null;
        const attempt = () => {
          sub = next(op).subscribe({
            next: (v) => observer.next(v),
            complete: () => observer.complete(),
            error: (err) => {
              const unauthorized = err.data?.code === 'UNAUTHORIZED';
              if (retried || !unauthorized || NO_RETRY.has(op.path)) return observer.error(err);
              retried = true;
              void refreshOnce().then((ok) => (ok ? attempt() : observer.error(err)));
            },
          });
        };
        attempt();
        return () => sub?.unsubscribe();
      });
}
