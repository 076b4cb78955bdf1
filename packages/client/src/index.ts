/**
 * Typed tRPC client for the SPAs and server-to-server callers: batched HTTP for
 * queries and mutations, SSE for subscriptions, superjson, bearer token with one
 * refresh-and-retry on UNAUTHORIZED.
 */
import type { AppRouter } from '@casino/api';
import { MAX_BATCH_CALLS } from '@casino/shared';
import { createTRPCClient, httpBatchLink, httpLink, httpSubscriptionLink, splitLink, type TRPCClient } from '@trpc/client';
import superjson from 'superjson';
import { createRefresher, refreshRetryLink } from './refresh-link';
import { memoryTokenStore, type TokenStore } from './token-store';

export { localStorageTokenStore, memoryTokenStore, type TokenPair, type TokenStore } from './token-store';
export type { AppRouter };
export type CasinoClient = TRPCClient<AppRouter>;

export type ClientOptions = {
  /** Origin of the server, e.g. http://localhost:3000 ('' for same origin). */
  baseUrl: string;
  tokens?: TokenStore;
  /** Called when the session cannot be refreshed any more (log in again). */
  onAuthLost?: () => void;
  /** EventSource implementation where there is no global one (Node). */
  EventSource?: typeof globalThis.EventSource;
  fetch?: typeof globalThis.fetch;
  headers?: Record<string, string>;
};

export function createCasinoClient(opts: ClientOptions): CasinoClient {
  const url = `${opts.baseUrl.replace(/\/$/, '')}/trpc`;
  const tokens = opts.tokens ?? memoryTokenStore();
  const headers = () => {
    const token = tokens.get()?.accessToken;
    return { ...opts.headers, ...(token ? { authorization: `Bearer ${token}` } : {}) };
  };
  const fetchOpt = opts.fetch ? { fetch: opts.fetch } : {};
  let bare: CasinoClient | null = null;
  const bareClient = () => {
    bare ??= createTRPCClient<AppRouter>({ links: [httpLink({ url, transformer: superjson, headers: opts.headers ?? {}, ...fetchOpt })] });
    return bare;
  };
  const refreshOnce = createRefresher(tokens, bareClient, opts.onAuthLost);
  return createTRPCClient<AppRouter>({
    links: [
      refreshRetryLink(refreshOnce),
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: httpSubscriptionLink({
          url,
          transformer: superjson,
          connectionParams: () => ({ token: tokens.get()?.accessToken ?? '' }),
          ...(opts.EventSource ? { EventSource: opts.EventSource } : {}),
        }),
        false: httpBatchLink({ url, transformer: superjson, headers, maxURLLength: 4000, maxItems: MAX_BATCH_CALLS, ...fetchOpt }),
      }),
    ],
  });
}
