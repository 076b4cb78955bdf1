/**
 * One SPA's session, tRPC client and QueryClient. Auth failures anywhere (banned, session
 * revoked, refresh impossible, plus the app's own `sessionEnding` reasons) end the local
 * session with a human reason instead of leaving the screen half-broken. A call refused with
 * `password_change_required` (a tab that still shows the app) refetches `auth.me`, whose
 * flag makes the shells show the change-password page.
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
  /** Sent with every query and mutation (e.g. the player app's device id). */
  headers?: Record<string, string>;
};

export type Spa = {
  session: Session;
  tokens: TokenStore;
  queryClient: QueryClient;
  trpcClient: CasinoClient;
  describeError: (error: unknown) => string;
  /** What every failed query and mutation goes through; subscriptions pass their errors here too. */
  onError: (error: unknown) => void;
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
    // The tanstack key of auth.me starts with its path; `me` itself is never refused this way.
    if (reason === 'password_change_required') void queryClient.invalidateQueries({ queryKey: [['auth', 'me']] });
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
    ...(opts.headers ? { headers: opts.headers } : {}),
  });

  // Nothing cached for one account may be shown to the next one.
  session.subscribe(() => {
    if (!session.isSignedIn()) queryClient.clear();
  });

  return { session, tokens, queryClient, trpcClient, describeError, onError: endSessionOn };
}
