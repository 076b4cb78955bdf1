/**
 * Login with lockout: failures per account are counted by rate-limiter-flexible
 * over Redis (LOGIN_MAX_FAILED_ATTEMPTS within LOGIN_LOCKOUT_MINUTES); while locked,
 * even the right password answers login_locked. Every attempt is recorded.
 */
import { loginAttempts, transaction } from '@casino/db';
import type { TLoginInput } from '@casino/shared';
import type { RequestMeta } from '../../context';
import type { Deps } from '../../deps';
import { DomainError } from '../../errors';
import { userByHandle } from './handles';
import { verifyPassword } from './passwords';
import { getProfile } from './profile';
import { openSession, touchLastLogin } from './sessions';

const lockouts = new WeakMap<Deps['kv'], ReturnType<Deps['kv']['limiter']>>();

export function lockoutLimiter(deps: Pick<Deps, 'kv' | 'config'>) {
  let l = lockouts.get(deps.kv);
  if (!l) {
    l = deps.kv.limiter({
      keyPrefix: 'login_fail',
      points: deps.config.loginMaxFailedAttempts,
      durationSec: deps.config.loginLockoutMinutes * 60,
    });
    lockouts.set(deps.kv, l);
  }
  return l;
}

export async function login(deps: Deps, input: TLoginInput, meta: Partial<RequestMeta>) {
  const identifier = input.siteId.trim().toLowerCase();
  const limiter = lockoutLimiter(deps);
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

  const state = await limiter.get(identifier);
  if (state && state.consumedPoints >= deps.config.loginMaxFailedAttempts) {
    await record(null, false, 'login_locked');
    throw new DomainError('login_locked', {
      retryAfterMinutes: Math.max(1, Math.ceil(state.msBeforeNext / 60_000)),
      retryAfterMs: state.msBeforeNext,
    });
  }

  const user = await userByHandle(deps.db, identifier);
  const ok = await verifyPassword(user && user.status !== 'deleted' ? user.passwordHash : null, input.password);
  if (!user || !ok) {
    await limiter.penalty(identifier, 1);
    await record(user?.id ?? null, false, 'invalid_credentials');
    throw new DomainError('invalid_credentials');
  }
  if (user.status === 'banned') {
    await record(user.id, false, 'account_banned');
    throw new DomainError('account_banned');
  }
  await limiter.delete(identifier);
  const now = deps.clock.now();
  const tokens = await transaction(deps.db, async (tx) => {
    await touchLastLogin(tx, user.id, now);
    return openSession(deps, tx, user, meta);
  });
  await record(user.id, true, null);
  return { ...tokens, user: await getProfile(deps.db, user.id) };
}
