/**
 * Turns any thrown value into one human sentence, keyed by the server's `appError.reason`.
 * Wording starts from the shared REASON_MESSAGES; each app adds only what it says differently.
 */
import { REASON_MESSAGES } from '@casino/shared';
import { TRPCClientError } from '@trpc/client';
import { type AppError, appErrorOf, errorCode } from './errors';

/** Sentences that use the error's details; `null` falls back to the plain wording. */
export type DetailedMessages = Record<string, (app: AppError) => string | null>;

/**
 * Where both SPAs word a reason differently from the shared table (which is also the
 * server's default `message`). Kept here, once, so the screens read as before.
 */
const SPA_WORDING: Record<string, string> = {
  token_missing: 'Please log in to continue.',
  token_revoked: 'You were logged out. Please log in again.',
  refresh_invalid: 'Your session has ended. Please log in again.',
  invalid_amount: 'That amount is not allowed.',
  user_not_found: 'That player does not exist.',
  session_not_found: 'That session has already ended.',
  service_unavailable: 'The service is busy right now. Try again in a moment.',
};

const CODE_MESSAGES: Record<string, string> = {
  BAD_REQUEST: 'Please check what you entered.',
  UNAUTHORIZED: 'Please log in again.',
  FORBIDDEN: 'You are not allowed to do that.',
  NOT_FOUND: 'Not found.',
  TOO_MANY_REQUESTS: 'Too many requests. Slow down a little.',
  CONFLICT: 'That conflicts with an earlier change.',
  INTERNAL_SERVER_ERROR: 'Something went wrong on our side. Please try again.',
};

export function createDescribeError(appMessages: Record<string, string> = {}, detailed: DetailedMessages = {}) {
  const messages: Record<string, string> = { ...REASON_MESSAGES, ...SPA_WORDING, ...appMessages };
  return function describeError(error: unknown): string {
    const app = appErrorOf(error);
    if (app) return detailed[app.reason]?.(app) ?? messages[app.reason] ?? app.message;
    const code = errorCode(error);
    if (code) return CODE_MESSAGES[code] ?? 'Something went wrong. Please try again.';
    if (error instanceof TRPCClientError || error instanceof TypeError) return 'Cannot reach the server. Check your connection.';
    return 'Something went wrong. Please try again.';
  };
}
