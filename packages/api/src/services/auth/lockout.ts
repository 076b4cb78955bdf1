/**
 * Login lockout (rate-limiter-flexible over Redis). An attempt takes its point atomically
 * *before* the password is checked, so a burst of parallel guesses gets at most
 * LOGIN_MAX_FAILED_ATTEMPTS checks per window; a success gives the point back.
 *
 * Points are counted per account, whichever of its names (and spellings) is used. A name no
 * one owns is counted under its own key with the same budget, so it answers exactly like an
 * existing account and reveals nothing. Each IP also has a budget across all names, which
 * bounds guessing one password against many names.
 */
import { RateLimiterRes } from 'rate-limiter-flexible';
import type { Deps } from '../../deps';
import { DomainError } from '../../errors';

/** An IP may spend as many failures per window as this many accounts would lock on. */
const IP_BUDGET_IN_ACCOUNTS = 10;

type Limiter = ReturnType<Deps['kv']['limiter']>;
const cache = new WeakMap<Deps['kv'], { account: Limiter; ip: Limiter }>();

export function lockoutLimiters(deps: Pick<Deps, 'kv' | 'config'>) {
  let l = cache.get(deps.kv);
  if (!l) {
    const points = deps.config.loginMaxFailedAttempts;
    const durationSec = deps.config.loginLockoutMinutes * 60;
    l = {
      account: deps.kv.limiter({ keyPrefix: 'login_fail', points, durationSec }),
      ip: deps.kv.limiter({ keyPrefix: 'login_fail_ip', points: points * IP_BUDGET_IN_ACCOUNTS, durationSec }),
    };
    cache.set(deps.kv, l);
  }
  return l;
}

/** The counter of an account, or of a name that no account owns (its handle key). */
export const lockoutKey = (subject: { userId: number } | { handle: string }) =>
  'userId' in subject ? `user:${subject.userId}` : `name:${subject.handle}`;

function locked(res: RateLimiterRes): DomainError {
  return new DomainError('login_locked', {
    retryAfterMinutes: Math.max(1, Math.ceil(res.msBeforeNext / 60_000)),
    retryAfterMs: res.msBeforeNext,
  });
}

async function take(limiter: Limiter, key: string): Promise<{ refused: RateLimiterRes | null; taken: RateLimiterRes | null }> {
  try {
    return { refused: null, taken: await limiter.consume(key) };
  } catch (e) {
    if (e instanceof RateLimiterRes) return { refused: e, taken: null };
    throw e;
  }
}

/**
 * Takes one attempt's points or throws login_locked. `attemptsLeft` is how many more attempts
 * may fail before the lock, if this one fails (the smaller of the account's and the IP's
 * budget); `locksUntil` is when the lock this failure would start ends (null while budget is
 * left). The returned `succeeded` clears the account's failures and returns the IP's point;
 * a failure keeps both points.
 */
export async function reserveLoginAttempt(deps: Pick<Deps, 'kv' | 'config' | 'clock'>, key: string, ip: string | null) {
  const limiters = lockoutLimiters(deps);
  const account = await take(limiters.account, key);
  if (account.refused) throw locked(account.refused);
  const byIp = ip ? await take(limiters.ip, ip) : null;
  if (byIp?.refused) {
    // Not checked, so not this account's failure.
    await limiters.account.reward(key, 1);
    throw locked(byIp.refused);
  }
  const taken = account.taken;
  return {
    attemptsLeft: Math.max(0, Math.min(taken?.remainingPoints ?? 0, byIp?.taken ? byIp.taken.remainingPoints : Number.POSITIVE_INFINITY)),
    locksUntil: taken && taken.remainingPoints <= 0 ? new Date(deps.clock.now().getTime() + taken.msBeforeNext) : null,
    async succeeded() {
      await limiters.account.delete(key);
      if (ip) await limiters.ip.reward(ip, 1);
    },
  };
}

/** The account's lockout as Redis (which enforces it) sees it now. */
export async function lockoutState(deps: Pick<Deps, 'kv' | 'config' | 'clock'>, userId: number) {
  const res = await lockoutLimiters(deps).account.get(lockoutKey({ userId }));
  const failures = res?.consumedPoints ?? 0;
  const locked = failures >= deps.config.loginMaxFailedAttempts;
  return {
    locked,
    failures,
    maxFailures: deps.config.loginMaxFailedAttempts,
    lockedUntil: locked && res ? new Date(deps.clock.now().getTime() + res.msBeforeNext) : null,
  };
}

/** Forgets the account's failures: the next login is checked at once. */
export async function clearLockout(deps: Pick<Deps, 'kv' | 'config'>, userId: number) {
  await lockoutLimiters(deps).account.delete(lockoutKey({ userId }));
}
