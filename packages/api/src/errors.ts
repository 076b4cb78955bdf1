/**
 * Services throw DomainError(reason); this one table maps reasons to tRPC codes.
 * The formatter in trpc.ts exposes { reason, message, ...details } as data.appError.
 */
import { REASON_MESSAGES } from '@casino/shared';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server';

const REASON_CODES: Record<string, TRPC_ERROR_CODE_KEY> = {
  invalid_credentials: 'UNAUTHORIZED',
  token_missing: 'UNAUTHORIZED',
  token_invalid: 'UNAUTHORIZED',
  token_revoked: 'UNAUTHORIZED',
  session_revoked: 'UNAUTHORIZED',
  refresh_invalid: 'UNAUTHORIZED',
  refresh_reused: 'UNAUTHORIZED',
  login_locked: 'TOO_MANY_REQUESTS',
  rate_limited: 'TOO_MANY_REQUESTS',
  too_many_streams: 'TOO_MANY_REQUESTS',
  account_banned: 'FORBIDDEN',
  admin_required: 'FORBIDDEN',
  password_change_required: 'FORBIDDEN',
  RANK_REQUIRED: 'FORBIDDEN',
  wrong_password: 'BAD_REQUEST',
  insufficient_funds: 'BAD_REQUEST',
  invalid_amount: 'BAD_REQUEST',
  invite_invalid: 'BAD_REQUEST',
  invite_expired: 'BAD_REQUEST',
  invite_exhausted: 'BAD_REQUEST',
  invite_inactive: 'BAD_REQUEST',
  invite_unknown: 'BAD_REQUEST',
  site_id_taken: 'CONFLICT',
  nickname_taken: 'CONFLICT',
  invite_code_taken: 'CONFLICT',
  idempotency_conflict: 'CONFLICT',
  not_found: 'NOT_FOUND',
  user_not_found: 'NOT_FOUND',
  session_not_found: 'NOT_FOUND',
  invite_not_found: 'NOT_FOUND',
  cannot_target_self: 'BAD_REQUEST',
  service_unavailable: 'SERVICE_UNAVAILABLE',
  session_active: 'CONFLICT',
  game_session_not_found: 'NOT_FOUND',
  bet_out_of_range: 'BAD_REQUEST',
  auto_cashout_out_of_range: 'BAD_REQUEST',
  crash_active: 'CONFLICT',
  round_in_play: 'CONFLICT',
  crash_not_found: 'NOT_FOUND',
  crash_busted: 'BAD_REQUEST',
  crash_expired: 'BAD_REQUEST',
};

export class DomainError extends Error {
  readonly reason: string;
  readonly details: Record<string, unknown>;
  constructor(reason: string, details: Record<string, unknown> = {}, message?: string) {
    super(message ?? REASON_MESSAGES[reason] ?? reason.replaceAll('_', ' '));
    this.name = 'DomainError';
    this.reason = reason;
    this.details = details;
  }
  get code(): TRPC_ERROR_CODE_KEY {
    return REASON_CODES[this.reason] ?? 'BAD_REQUEST';
  }
}

export function isDomainError(e: unknown): e is DomainError {
  return e instanceof DomainError;
}

/** Postgres unique_violation, from postgres.js or PGlite (possibly wrapped by Drizzle). */
export function isUniqueViolation(e: unknown, constraint?: string): boolean {
  const err = (e as { cause?: unknown })?.cause ?? e;
  const code = (err as { code?: string })?.code;
  if (code !== '23505') return false;
  if (!constraint) return true;
  const c = err as { constraint_name?: string; constraint?: string };
  return (c.constraint_name ?? c.constraint) === constraint;
}

// postgres.js connection codes, Node socket codes, and PostgreSQL's "admin shutdown / cannot connect now" (57P0x);
// class 08 is PostgreSQL's connection-exception class.
const CONNECTION_LOST_CODES = new Set([
  'CONNECTION_CLOSED',
  'CONNECTION_DESTROYED',
  'CONNECTION_ENDED',
  'CONNECT_TIMEOUT',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  '57P01',
  '57P02',
  '57P03',
]);

/** The database connection dropped under the call (backend terminated, network cut): retryable, not a bug. */
export function isConnectionLost(e: unknown): boolean {
  let cur = e;
  for (let depth = 0; cur && typeof cur === 'object' && depth < 5; depth++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string' && (CONNECTION_LOST_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return true;
    cur = (cur as { cause?: unknown }).cause;
  }
  return false;
}
