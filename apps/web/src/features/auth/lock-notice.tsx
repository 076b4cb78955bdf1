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
