/**
 * Login with lockout (lockout.ts): the name is resolved to its account first, the attempt
 * is counted against that account, and only then is the password checked; while locked,
 * even the right password answers login_locked. Every attempt is recorded. Staff with an
 * active second factor get `totp_required` and a challenge instead of tokens (admin-security/challenge.ts).
 */
import { loginAttempts, transaction, users } from '@casino/db';
import type { TLoginInput } from '@casino/shared';
import { eq } from 'drizzle-orm';
import type { RequestMeta } from '../../context';
import type { Deps } from '../../deps';
import { DomainError, isDomainError } from '../../errors';
import { hasActiveFactor, isStaffRole, requireSecondStep } from '../admin-security/challenge';
import { handleKey, userByHandle } from './handles';
import { lockoutKey, lockoutState, reserveLoginAttempt } from './lockout';
import { verifyPassword } from './passwords';
import { getProfile } from './profile';
import { openSession, touchLastLogin } from './sessions';

export async function login(deps: Deps, input: TLoginInput, meta: Partial<RequestMeta>) {
  const identifier = input.siteId.trim().toLowerCase();
  const record = (userId: number | null, success: boolean, reason: string | null) =>
    deps.db.insert(loginAttempts).values({
      identifier,
      userId,
      success,
      reason,
      ip: meta.ip ?? null,
      userAgent: meta.userAgent?.slice(0, 400) ?? null,
      createdAt: deps.clock.now(),
    });

  // As typed: a lookalike capital is matched by the upper-case key.
  const user = await userByHandle(deps.db, input.siteId.trim());
  const key = lockoutKey(user ? { userId: user.id } : { handle: handleKey(identifier) });
  const attempt = await reserveLoginAttempt(deps, key, meta.ip ?? null).catch(async (e: unknown) => {
    if (isDomainError(e) && e.reason === 'login_locked') {
      await record(user?.id ?? null, false, 'login_locked');
      // Keeps the mirror admins filter on in step with Redis (the IP's budget may be what refused).
      if (user && !(user.lockedUntil && user.lockedUntil > deps.clock.now())) {
        const state = await lockoutState(deps, user.id);
        if (state.lockedUntil) await markLocked(deps, user.id, state.lockedUntil);
      }
    }
    throw e;
  });
  const ok = await verifyPassword(user && user.status !== 'deleted' ? user.passwordHash : null, input.password);
  if (!user || !ok) {
    await record(user?.id ?? null, false, 'invalid_credentials');
    if (user && attempt.locksUntil) {
      // This failure used up the budget: the lock starts now (shown in the login history).
      await record(user.id, false, 'locked_out');
      await markLocked(deps, user.id, attempt.locksUntil);
    }
    // Unknown names have the same budget, so this says nothing about whether the account exists.
    throw new DomainError('invalid_credentials', { attemptsLeft: attempt.attemptsLeft, lockoutMinutes: deps.config.loginLockoutMinutes });
  }
  // The right password: not a failure, whatever follows.
  await attempt.succeeded();
  if (user.status === 'banned') {
    await record(user.id, false, 'account_banned');
    throw new DomainError('account_banned');
  }
  if (isStaffRole(user.role) && (await hasActiveFactor(deps, user.id))) {
    await record(user.id, false, 'totp_required');
    await requireSecondStep(deps, user.id);
  }
  const now = deps.clock.now();
  const tokens = await transaction(deps.db, async (tx) => {
    await touchLastLogin(tx, user.id, now);
    if (user.lockedUntil) await tx.update(users).set({ lockedUntil: null }).where(eq(users.id, user.id));
    return openSession(deps, tx, user, meta);
  });
  await record(user.id, true, null);
  return { ...tokens, user: await getProfile(deps.db, user.id) };
}

const markLocked = (deps: Pick<Deps, 'db'>, userId: number, until: Date) =>
  deps.db.update(users).set({ lockedUntil: until }).where(eq(users.id, userId));
