/**
 * One SPA's session, tRPC client and QueryClient. Auth failures anywhere (banned, session
 * revoked, refresh impossible, plus the app's own `sessionEnding` reasons) end the local
 * session with a human reason instead of leaving the screen half-broken.
 */
import { type CasinoClient, createCasinoClient, type TokenStore } from '@casino/client';
import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { createDescribeError, type DetailedMessages } from './describe-error';
import { appErrorOf, errorCode } from './errors';
import { createSession, type Session } from './session';

export type SpaOptions = {
  /** localStorage key of the token pair. */
  storageKey: string;
  /** How long query results count as fresh (ms). */
  staleTime: number;
  /** The app's wording on top of the shared table. */
  messages?: Record<string, string>;
  detailed?: DetailedMessages;
  /** Reasons that also end the session in this app. */
  sessionEnding?: readonly string[];
};

export type Spa = {
  session: Session;
  tokens: TokenStore;
  queryClient: QueryClient;
  trpcClient: CasinoClient;
  describeError: (error: unknown) => string;
};

const SESSION_ENDING = ['account_banned', 'session_revoked', 'token_revoked', 'token_invalid', 'refresh_reused', 'refresh_invalid'];
const NO_RETRY_CODES = new Set(['UNAUTHORIZED', 'FORBIDDEN', 'BAD_REQUEST', 'NOT_FOUND', 'CONFLICT', 'TOO_MANY_REQUESTS']);

export function createSpa(opts: SpaOptions): Spa {
  const { session, tokens } = createSession(opts.storageKey);
  const describeError = createDescribeError(opts.messages, opts.detailed);
  const ending = new Set([...SESSION_ENDING, ...(opts.sessionEnding ?? [])]);
  const endSessionOn = (error: unknown) => {
    const reason = appErrorOf(error)?.reason;
    if (reason && ending.has(reason) && session.isSignedIn()) session.end(describeError(error));
  };

  const queryClient = new QueryClient({
    queryCache: new QueryCache({ onError: endSessionOn }),
    mutationCache: new MutationCache({ onError: endSessionOn }),
    defaultOptions: {
      queries: {
        staleTime: opts.staleTime,
        retry: (failures, error) => failures < 2 && !NO_RETRY_CODES.has(errorCode(error) ?? ''),
      },
    },
  });

  const trpcClient = createCasinoClient({
    baseUrl: '',
    tokens,
    onAuthLost: () => session.end('Your session has ended. Please log in again.'),
  });

  // Nothing cached for one account may be shown to the next one.
  session.subscribe(() => {
    if (!session.isSignedIn()) queryClient.clear();
  });

  return { session, tokens, queryClient, trpcClient, describeError };
}
