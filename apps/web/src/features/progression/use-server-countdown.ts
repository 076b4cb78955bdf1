/**
 * Milliseconds until a moment the server named, counted on the server's clock: the answer
 * carries the server's time (`serverNow`), so a device clock that is minutes off still shows
 * the right wait. Ticks every second; `onEnd` runs once when it reaches zero.
 */
import { useEffect, useRef, useState } from 'react';

export function useServerCountdown(until: Date | null, serverNow: Date | null, onEnd?: () => void): number {
  const target = until?.getTime() ?? null;
  // Local time at which the server's clock reads `until`.
  const [localEnd, setLocalEnd] = useState<number | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const ended = useRef(false);
  const endRef = useRef(onEnd);
  endRef.current = onEnd;
  const server = serverNow?.getTime() ?? null;

  useEffect(() => {
    ended.current = false;
    if (target === null) {
      setLocalEnd(null);
      return;
    }
    setLocalEnd(Date.now() + (target - (server ?? Date.now())));
    setNow(Date.now());
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [target, server]);

  const left = localEnd === null ? 0 : Math.max(0, localEnd - now);
  useEffect(() => {
    if (localEnd !== null && left === 0 && !ended.current) {
      ended.current = true;
      endRef.current?.();
    }
  }, [localEnd, left]);
  return left;
}
