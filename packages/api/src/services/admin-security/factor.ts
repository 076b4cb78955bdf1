/**
 * One check of a second factor: a 6-digit TOTP code (±1 step of 30 s) or an unused recovery
 * code. Replays are refused by the database: a TOTP code is accepted only if its time step is
 * later than the last accepted one (a conditional update, so two racing uses of one code get one
 * success), a recovery code only while its `used_at` is null. Wrong codes spend points of a
 * per-account limiter (ADMIN totp failures per window); a right one clears it.
 */
import { adminRecoveryCodes, adminTotp, type Db } from '@casino/db';
import { and, eq, isNull, lt, or } from 'drizzle-orm';
import { verify } from 'otplib';
import { RateLimiterRes } from 'rate-limiter-flexible';
import type { Deps } from '../../deps';
import { DomainError } from '../../errors';
import { hashRecoveryCode, normaliseCode, openSecret } from './secrets';

type Limiter = ReturnType<Deps['kv']['limiter']>;
const limiters = new WeakMap<Deps['kv'], Limiter>();

function limiterOf(deps: Pick<Deps, 'kv' | 'config'>): Limiter {
  let l = limiters.get(deps.kv);
  if (!l) {
    const c = deps.config.adminSecurity;
    l = deps.kv.limiter({ keyPrefix: 'totp_fail', points: c.maxCodeFailures, durationSec: c.codeFailureWindowMinutes * 60 });
    limiters.set(deps.kv, l);
  }
  return l;
}

/** Takes a point before the check, so parallel guesses get at most maxCodeFailures checks per window. */
export async function reserveCodeAttempt(deps: Pick<Deps, 'kv' | 'config'>, userId: number) {
  try {
    await limiterOf(deps).consume(String(userId));
  } catch (e) {
    if (e instanceof RateLimiterRes) throw new DomainError('totp_locked', { retryAfterMs: e.msBeforeNext });
    throw e;
  }
}

export const clearCodeFailures = (deps: Pick<Deps, 'kv' | 'config'>, userId: number) => limiterOf(deps).delete(String(userId));

export const isTotpCode = (code: string) => /^\d{6}$/.test(code.replace(/\s/g, ''));

/** The time step a TOTP code matches now (±1 step), or null. */
export async function matchTotp(
  deps: Pick<Deps, 'clock' | 'config'>,
  sealed: string,
  code: string,
  afterTimeStep: number | null,
): Promise<number | null> {
  const result = await verify({
    secret: openSecret(deps.config, sealed),
    token: code.replace(/\s/g, ''),
    epoch: Math.floor(deps.clock.now().getTime() / 1000),
    epochTolerance: 30,
    ...(afterTimeStep === null ? {} : { afterTimeStep }),
  });
  return result.valid && 'timeStep' in result ? result.timeStep : null;
}

/** Claims a time step for the user: false when it (or a later one) was already used. */
export async function claimTimeStep(db: Db, userId: number, step: number): Promise<boolean> {
  const rows = await db
    .update(adminTotp)
    .set({ lastTimeStep: step })
    .where(and(eq(adminTotp.userId, userId), or(isNull(adminTotp.lastTimeStep), lt(adminTotp.lastTimeStep, step))))
    .returning({ userId: adminTotp.userId });
  return rows.length === 1;
}

/**
 * Consumes one use of the user's active second factor or throws totp_invalid / totp_code_used /
 * totp_locked / totp_not_enrolled. `allowRecovery` is false where only the authenticator proves
 * possession (confirming an enrolment).
 */
export async function consumeSecondFactor(
  deps: Pick<Deps, 'db' | 'kv' | 'clock' | 'config'>,
  userId: number,
  code: string,
  opts: { allowRecovery: boolean } = { allowRecovery: true },
): Promise<{ method: 'totp' | 'recovery' }> {
  const [row] = await deps.db.select().from(adminTotp).where(eq(adminTotp.userId, userId));
  if (!row?.enabledAt) throw new DomainError('totp_not_enrolled');
  await reserveCodeAttempt(deps, userId);
  if (isTotpCode(code)) {
    // Match without the replay bound first, so a reused code says so instead of "not valid".
    const step = await matchTotp(deps, row.secretSealed, code, null);
    if (step === null) throw new DomainError('totp_invalid');
    if (!(await claimTimeStep(deps.db, userId, step))) throw new DomainError('totp_code_used');
    await clearCodeFailures(deps, userId);
    return { method: 'totp' };
  }
  if (!opts.allowRecovery || normaliseCode(code).length !== 10) throw new DomainError('totp_invalid');
  const used = await deps.db
    .update(adminRecoveryCodes)
    .set({ usedAt: deps.clock.now() })
    .where(
      and(
        eq(adminRecoveryCodes.userId, userId),
        eq(adminRecoveryCodes.codeHash, hashRecoveryCode(code)),
        isNull(adminRecoveryCodes.usedAt),
      ),
    )
    .returning({ id: adminRecoveryCodes.id });
  if (!used.length) throw new DomainError('totp_invalid');
  await clearCodeFailures(deps, userId);
  return { method: 'recovery' };
}
