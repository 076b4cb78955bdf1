import { useEffect, useState } from 'react';

/** Milliseconds left until `until` (epoch ms), re-rendering every second; 0 once passed or when null. */
export function useCountdown(until: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (until === null) return;
    setNow(Date.now());
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [until]);
  return until === null ? 0 : Math.max(0, until - now);
}
