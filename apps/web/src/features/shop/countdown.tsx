import { useEffect, useRef, useState } from 'react';
import { formatRemaining } from './format';

/** Milliseconds until `until`, ticking every second; calls `onEnd` once when it reaches zero. */
export function useRemaining(until: Date | null, onEnd?: () => void): number {
  const target = until?.getTime() ?? null;
  const [now, setNow] = useState(() => Date.now());
  const ended = useRef(false);
  const endRef = useRef(onEnd);
  endRef.current = onEnd;
  useEffect(() => {
    ended.current = false;
    if (target === null) return;
    setNow(Date.now());
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [target]);
  const left = target === null ? 0 : Math.max(0, target - now);
  useEffect(() => {
    if (target !== null && left === 0 && !ended.current) {
      ended.current = true;
      endRef.current?.();
    }
  }, [target, left]);
  return left;
}

/** "ends in 6d 23h" that counts down live; `onEnd` lets the page refetch once the moment passes. */
export function Countdown({ until, onEnd, testId }: { until: Date; onEnd?: () => void; testId?: string }) {
  const left = useRemaining(until, onEnd);
  return (
    <time dateTime={until.toISOString()} title={until.toLocaleString()} data-testid={testId} className="countdown">
      {formatRemaining(left)}
    </time>
  );
}
