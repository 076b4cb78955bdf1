/**
 * Turns any thrown value into one human sentence, keyed by the server's `appError.reason`.
 * Wording comes from the shared REASONS table (`ui` where the SPAs say it differently from the
 * server); each app adds only what it says differently, keyed by reasons that exist.
 */
import { reasonText, type TReason } from '@casino/shared';
import { TRPCClientError } from '@trpc/client';
import { type AppError, appErrorOf, errorCode } from './errors';

/** Sentences that use the error's details; `null` falls back to the plain wording. */
export type DetailedMessages = Partial<Record<TReason, (app: AppError) => string | null>>;

/** An app's own wording for some reasons, on top of the shared table. */
export type ReasonMessages = Partial<Record<TReason, string>>;

const CODE_MESSAGES: Record<string, string> = {
  BAD_REQUEST: 'Please check what you entered.',
  UNAUTHORIZED: 'Please log in again.',
  FORBIDDEN: 'You are not allowed to do that.',
  NOT_FOUND: 'Not found.',
  TOO_MANY_REQUESTS: 'Too many requests. Slow down a little.',
  CONFLICT: 'That conflicts with an earlier change.',
  INTERNAL_SERVER_ERROR: 'Something went wrong on our side. Please try again.',
};

export function createDescribeError(appMessages: ReasonMessages = {}, detailed: DetailedMessages = {}) {
  const own: Record<string, string | undefined> = appMessages;
  const withDetails: Record<string, ((app: AppError) => string | null) | undefined> = detailed;
  return function describeError(error: unknown): string {
    const app = appErrorOf(error);
    if (app) return withDetails[app.reason]?.(app) ?? own[app.reason] ?? reasonText(app.reason) ?? app.message;
    const code = errorCode(error);
    if (code) return CODE_MESSAGES[code] ?? 'Something went wrong. Please try again.';
    if (error instanceof TRPCClientError || error instanceof TypeError) return 'Cannot reach the server. Check your connection.';
    return 'Something went wrong. Please try again.';
  };
}
