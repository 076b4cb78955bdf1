/**
 * tRPC instance and the procedure builders:
 * public → passwordChangeAllowed (UNAUTHORIZED) → protected (FORBIDDEN while the password
 * must be changed) → minRank / staffEnrolment → staff (second factor) → admin (FORBIDDEN).
 */
import { rankAtLeast, type TRank } from '@casino/shared';
import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import { z } from 'zod';
import type { Context } from './context';
import { DomainError, isConnectionLost, isDomainError } from './errors';
import { authenticate, verifyClaims } from './services/auth/authenticate';
import { notePresence } from './services/live/presence';

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  sse: { ping: { enabled: true, intervalMs: 15_000 }, client: { reconnectAfterInactivityMs: 40_000 } },
  errorFormatter({ shape, error, ctx }) {
    const cause = error.cause;
    const appError = isDomainError(cause) ? { reason: cause.reason, message: cause.message, ...cause.details } : null;
    const zodError = cause instanceof z.ZodError ? z.flattenError(cause) : null;
    const prod = ctx?.deps.config.nodeEnv === 'production';
    return {
      ...shape,
      message: error.code === 'INTERNAL_SERVER_ERROR' && prod ? 'Internal server error' : shape.message,
      data: { ...shape.data, stack: prod ? undefined : shape.data.stack, appError, zodError },
    };
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const mergeRouters = t.mergeRouters;

/** Turns DomainError into TRPCError with the mapped code; logs only server faults. */
const errorMapping = t.middleware(async ({ ctx, next, path, type }) => {
  const started = performance.now();
  const result = await next();
  if (!result.ok) {
    const err = result.error;
    if (isDomainError(err.cause)) {
      const mapped = new TRPCError({ code: err.cause.code, message: err.cause.message, cause: err.cause });
      return { ...result, error: mapped };
    }
    if (err.code === 'INTERNAL_SERVER_ERROR' && isConnectionLost(err.cause)) {
      // Not a fault of the call: the database dropped the connection under it. Answer like any
      // unavailable dependency (the client may retry) instead of logging a 500.
      ctx.deps.logger.warn({ err: err.cause, path, type, requestId: ctx.meta.requestId }, 'database connection lost');
      const cause = new DomainError('service_unavailable', { service: 'database' });
      return { ...result, error: new TRPCError({ code: cause.code, message: cause.message, cause }) };
    }
    if (err.code === 'INTERNAL_SERVER_ERROR') {
      ctx.deps.logger.error({ err: err.cause ?? err, path, type, requestId: ctx.meta.requestId }, 'procedure failed');
    }
  }
  ctx.deps.logger.debug({ path, type, ms: Math.round(performance.now() - started), ok: result.ok }, 'procedure');
  return result;
});

export const publicProcedure = t.procedure.use(errorMapping);

/**
 * Authenticated, and allowed while `mustChangePassword` is still set: only the calls a user
 * needs to change the password or end sessions (CONTRACT "Reasons added") may use it.
 */
export const passwordChangeAllowedProcedure = publicProcedure.use(async ({ ctx, next }) => {
  const user = await authenticate(ctx.deps, ctx.accessToken);
  // Online / active counts (global metrics, admin stats); throttled, never fails the call.
  notePresence(ctx.deps, user.id);
  // The user's calls log with their id: services read the logger from deps.
  return next({ ctx: { ...ctx, user, deps: { ...ctx.deps, logger: ctx.deps.logger.child({ userId: user.id }) } } });
});

/**
 * Signed in by the access token alone: no lookup here. Only for a procedure whose own statement
 * refuses a revoked session, a banned or deleted account and a forced password change with the
 * same reasons as protectedProcedure (the slot spin, whose one round trip does all of it).
 */
export const tokenProcedure = publicProcedure.use(async ({ ctx, next }) => {
  const claims = await verifyClaims(ctx.deps, ctx.accessToken);
  const user = { id: Number(claims.sub), sessionId: claims.sid };
  notePresence(ctx.deps, user.id);
  return next({ ctx: { ...ctx, user } });
});

/** Every authenticated call; refused until a forced password change is done, so new procedures are too. */
export const protectedProcedure = passwordChangeAllowedProcedure.use(({ ctx, next }) => {
  if (ctx.user.mustChangePassword) throw new DomainError('password_change_required');
  return next();
});

export const minRankProcedure = (rank: TRank) =>
  protectedProcedure.use(({ ctx, next }) => {
    if (!rankAtLeast(ctx.user.rank, rank)) throw new DomainError('RANK_REQUIRED', { requiredRank: rank });
    return next();
  });

/**
 * Staff (support or admin) before any second-factor check: only the procedures that set up the
 * factor itself (admin.security.*) use it, so an admin made to enrol can reach them.
 */
export const staffEnrolmentProcedure = protectedProcedure.use(({ ctx, next }) => {
  if (ctx.user.role !== 'admin' && ctx.user.role !== 'support') throw new DomainError('admin_required');
  return next();
});

/**
 * The console's procedures a support account may use (reads, ban/unban, small grants): staff,
 * and — once the account has a TOTP factor — a session that proved it at login. With
 * ADMIN_TOTP_REQUIRED a staff account without a factor is refused until it enrols.
 */
export const staffProcedure = staffEnrolmentProcedure.use(({ ctx, next }) => {
  if (ctx.user.totpEnabled && !ctx.user.mfa) throw new DomainError('mfa_required');
  if (!ctx.user.totpEnabled && ctx.deps.config.adminSecurity.totpRequired) throw new DomainError('totp_enrolment_required');
  return next();
});

/** Everything else in the console: the admin role only (support answers FORBIDDEN support_not_allowed). */
export const adminProcedure = staffProcedure.use(({ ctx, next }) => {
  if (ctx.user.role !== 'admin') throw new DomainError('support_not_allowed');
  return next();
});
