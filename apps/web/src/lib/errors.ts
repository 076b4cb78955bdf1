/** Turns any thrown value into one human sentence, keyed by the server's `appError.reason`. */
import { REASON_MESSAGES } from '@casino/shared';
import { TRPCClientError } from '@trpc/client';

export type AppError = { reason: string; message: string; [detail: string]: unknown };

/** Reasons the shared table does not word yet, plus player-facing rewordings. */
const MESSAGES: Record<string, string> = {
  ...REASON_MESSAGES,
  token_missing: 'Please log in to continue.',
  token_revoked: 'You were logged out. Please log in again.',
  refresh_invalid: 'Your session has ended. Please log in again.',
  password_unchanged: 'Choose a password different from the current one.',
  admin_required: 'That needs an admin account.',
  RANK_REQUIRED: 'Your rank is too low for this.',
  invalid_amount: 'That amount is not allowed.',
  user_not_found: 'That player does not exist.',
  session_not_found: 'That session has already ended.',
  service_unavailable: 'The service is busy right now. Try again in a moment.',
  // Games
  insufficient_funds: 'Not enough balance for that bet.',
  bet_out_of_range: 'That bet is outside the table limits.',
  auto_cashout_out_of_range: 'Auto cash-out must be a multiplier from 1.01× with at most two decimals.',
  crash_active: 'You already have a crash round running.',
  crash_not_found: 'That crash round is already over.',
  crash_busted: 'Too late — the round crashed.',
  crash_expired: 'The round expired before it was cashed out.',
  session_active: 'A session of this game is already running.',
  game_session_not_found: 'No session of this game is running.',
};

/** Reasons whose details make the sentence more useful. */
const DETAILED: Record<string, (app: AppError) => string | null> = {
  bet_out_of_range: (a) =>
    typeof a.minBet === 'number' && typeof a.maxBet === 'number' ? `Bets are whole numbers from ${a.minBet} to ${a.maxBet}.` : null,
  crash_busted: (a) => (typeof a.crashPoint === 'number' ? `Too late — the round crashed at ${a.crashPoint.toFixed(2)}×.` : null),
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
  if (app) return DETAILED[app.reason]?.(app) ?? MESSAGES[app.reason] ?? app.message;
  const code = errorCode(error);
  if (code) return CODE_MESSAGES[code] ?? 'Something went wrong. Please try again.';
  if (error instanceof TRPCClientError || error instanceof TypeError) return 'Cannot reach the server. Check your connection.';
  return 'Something went wrong. Please try again.';
}
