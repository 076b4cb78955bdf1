/**
 * The one tRPC client and QueryClient of the player app. Typed by `AppRouter` only;
 * auth failures anywhere (banned, session revoked, refresh impossible) end the local
 * session with a human reason instead of leaving the screen half-broken.
 */
import type { AppRouter } from '@casino/api';
import { createCasinoClient } from '@casino/client';
import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import { appErrorOf, describeError, errorCode } from './errors';
import { session, tokens } from './session';

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

const SESSION_ENDING = new Set([
  'account_banned',
  'session_revoked',
  'token_revoked',
  'token_invalid',
  'refresh_reused',
  'refresh_invalid',
]);
const NO_RETRY_CODES = new Set(['UNAUTHORIZED', 'FORBIDDEN', 'BAD_REQUEST', 'NOT_FOUND', 'CONFLICT', 'TOO_MANY_REQUESTS']);

function endSessionOn(error: unknown) {
  const reason = appErrorOf(error)?.reason;
  if (reason && SESSION_ENDING.has(reason) && session.isSignedIn()) session.end(describeError(error));
}

export const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError: endSessionOn }),
  mutationCache: new MutationCache({ onError: endSessionOn }),
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      retry: (failures, error) => failures < 2 && !NO_RETRY_CODES.has(errorCode(error) ?? ''),
    },
  },
});

export const trpcClient = createCasinoClient({
  baseUrl: '',
  tokens,
  onAuthLost: () => session.end('Your session has ended. Please log in again.'),
});

// Nothing cached for one account may be shown to the next one.
session.subscribe(() => {
  if (!session.isSignedIn()) queryClient.clear();
});

export type RouterOutputs = inferRouterOutputs<AppRouter>;
export type RouterInputs = inferRouterInputs<AppRouter>;
