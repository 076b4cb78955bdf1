/**
 * The one tRPC client and QueryClient of the admin app. Typed by `AppRouter` only.
 * Losing the session, a ban, or a role that is no longer admin ends the local
 * session with a human reason.
 */
import type { AppRouter } from '@casino/api';
import { createCasinoClient } from '@casino/client';
import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import { appErrorOf, describeError, errorCode } from './errors';
import { session, tokens } from './session';

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export type RouterInputs = inferRouterInputs<AppRouter>;

const SESSION_ENDING = new Set([
  'account_banned',
  'admin_required',
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
      staleTime: 10_000,
      retry: (failures, error) => failures < 2 && !NO_RETRY_CODES.has(errorCode(error) ?? ''),
    },
  },
});

export const trpcClient = createCasinoClient({
  baseUrl: '',
  tokens,
  onAuthLost: () => session.end('Your session has ended. Please log in again.'),
});

session.subscribe(() => {
  if (!session.isSignedIn()) queryClient.clear();
});
