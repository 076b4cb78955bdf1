import { useEffect } from 'react';
import { formatCountdown } from '../../lib/format';
import { useCountdown } from './use-countdown';

/** "Try again in 9:41", ticking down from the server's retryAfterMs; calls onExpired at 0. */
export function LockNotice({ until, onExpired }: { until: number; onExpired: () => void }) {
  const left = useCountdown(until);
  useEffect(() => {
    if (left === 0) onExpired();
  }, [left, onExpired]);
  return (
    <p className="banner banner-error" role="alert" data-testid="login-locked">
      Too many failed attempts. Try again in{' '}
      <strong data-testid="lock-countdown" aria-live="off">
        {formatCountdown(left)}
      </strong>
      .
    </p>
  );
}

const WORDS: Record<number, string> = { 1: 'One try', 2: 'Two tries' };

/** "Two tries left before a 10-minute lock": shown when one or two failures remain (auth.login's attemptsLeft). */
export function TriesLeft({ left, minutes }: { left: unknown; minutes: unknown }) {
  if (typeof left !== 'number' || !WORDS[left]) return null;
  const lock = typeof minutes === 'number' ? `a ${minutes}-minute lock` : 'a lock';
  return (
    <p className="banner banner-warn" role="alert" data-testid="login-tries-left" data-left={left}>
      {WORDS[left]} left before {lock}. Check your ID and password, or sign up if you have no account.
    </p>
  );
}
