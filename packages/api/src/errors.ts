/**
 * Services throw DomainError(reason); the shared REASONS table maps each reason to its tRPC code
 * and default message, so an unknown reason does not compile.
 * The formatter in trpc.ts exposes { reason, message, ...details } as data.appError.
 */
import { REASONS, type TReason, type TReasonCode } from '@casino/shared';

export class DomainError extends Error {
  readonly reason: TReason;
  readonly details: Record<string, unknown>;
  constructor(reason: TReason, details: Record<string, unknown> = {}, message?: string) {
    super(message ?? REASONS[reason].message);
    this.name = 'DomainError';
    this.reason = reason;
    this.details = details;
  }
  get code(): TReasonCode {
    return REASONS[this.reason].code;
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
