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

/** Takes a point: the points left after it, or the refusal. */
async function take(limiter: Limiter, key: string): Promise<{ left: number } | { refused: RateLimiterRes }> {
  try {
    const res = await limiter.consume(key);
    return { left: res.remainingPoints };
  } catch (e) {
    if (e instanceof RateLimiterRes) return { refused: e };
    throw e;
  }
}

/**
 * Takes one attempt's points or throws login_locked. `attemptsLeft` is how many more attempts
 * may fail before the lock, if this one fails (the smaller of the account's and the IP's
 * budget). The returned `succeeded` clears the account's failures and returns the IP's point;
 * a failure keeps both points.
 */
export async function reserveLoginAttempt(deps: Pick<Deps, 'kv' | 'config'>, key: string, ip: string | null) {
  const limiters = lockoutLimiters(deps);
  const byAccount = await take(limiters.account, key);
  if ('refused' in byAccount) throw locked(byAccount.refused);
  const byIp = ip ? await take(limiters.ip, ip) : null;
  if (byIp && 'refused' in byIp) {
    // Not checked, so not this account's failure.
    await limiters.account.reward(key, 1);
    throw locked(byIp.refused);
  }
  return {
    attemptsLeft: Math.max(0, Math.min(byAccount.left, byIp ? byIp.left : Number.POSITIVE_INFINITY)),
    async succeeded() {
      await limiters.account.delete(key);
      if (ip) await limiters.ip.reward(ip, 1);
    },
  };
}
