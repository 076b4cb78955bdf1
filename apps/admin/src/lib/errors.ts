/** Turns any thrown value into one human sentence, keyed by the server's `appError.reason`. */
import { REASON_MESSAGES } from '@casino/shared';
import { TRPCClientError } from '@trpc/client';

export type AppError = { reason: string; message: string; [detail: string]: unknown };

/** Reasons the shared table does not word yet, plus admin-facing rewordings. */
const MESSAGES: Record<string, string> = {
  ...REASON_MESSAGES,
  token_missing: 'Please log in to continue.',
  token_revoked: 'You were logged out. Please log in again.',
  refresh_invalid: 'Your session has ended. Please log in again.',
  password_unchanged: 'Choose a password different from the current one.',
  admin_required: 'This account is not an admin.',
  insufficient_funds: 'The player does not have that much to deduct.',
  cannot_target_self: 'Admins cannot ban or unban themselves.',
  invite_code_taken: 'An invite code with that text already exists.',
  invite_not_found: 'That invite code does not exist.',
  invalid_expiry: 'The expiry must be in the future.',
  idempotency_conflict: 'This key was already used for a different change.',
  RANK_REQUIRED: 'Your rank is too low for this.',
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

export function appErrorOf(error: unknown): AppError | null {
  if (!(error instanceof TRPCClientError)) return null;
  const data = error.data as { appError?: AppError | null } | undefined;
  return data?.appError ?? null;
}

export function errorCode(error: unknown): string | null {
  if (!(error instanceof TRPCClientError)) return null;
  return (error.data as { code?: string } | undefined)?.code ?? null;
}

/** Field name → first message, from the server's flattened zod issues. */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  if (!(error instanceof TRPCClientError)) return {};
  const zod = (error.data as { zodError?: { fieldErrors?: Record<string, string[] | undefined> } | null } | undefined)?.zodError;
  const out: Record<string, string> = {};
  for (const [field, list] of Object.entries(zod?.fieldErrors ?? {})) if (list?.[0]) out[field] = list[0];
  return out;
}

export function describeError(error: unknown): string {
  const app = appErrorOf(error);
  if (app) return MESSAGES[app.reason] ?? app.message;
  const code = errorCode(error);
  if (code) return CODE_MESSAGES[code] ?? 'Something went wrong. Please try again.';
  if (error instanceof TRPCClientError || error instanceof TypeError) return 'Cannot reach the server. Check your connection.';
  return 'Something went wrong. Please try again.';
}
