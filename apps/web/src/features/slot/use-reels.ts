/**
 * Reel animation that always lands on the server's reels: while a spin is in flight every
 * reel cycles through random faces (decoration only); when the answer arrives the reels stop
 * one by one, and a stopped reel shows exactly the server's symbol (after a failed spin, the
 * last landed ones again).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { reducedMotion } from '../../lib/motion';

const STOP_AFTER_MS = [350, 650, 950];

export function useReels(
  symbols: readonly string[],
  spin: { pending: boolean; failed: boolean; roundId: string | undefined; reels: readonly string[] | undefined },
) {
  const [faces, setFaces] = useState<string[]>([]);
  const [stopped, setStopped] = useState(3);
  const stoppedRef = useRef(3);
  const setStop = useCallback((n: number) => {
    stoppedRef.current = n;
    setStopped(n);
  }, []);

  useEffect(() => {
    if (spin.pending) setStop(0);
    else if (spin.failed) setStop(3);
  }, [spin.pending, spin.failed, setStop]);

  // Decoration: faces of reels still moving; the stopped ones are read from the answer below.
  useEffect(() => {
    // Reduced motion: the reels wait still (blurred) instead of flickering through faces.
    if (stopped >= 3 || symbols.length === 0 || reducedMotion()) return;
    const t = setInterval(() => {
      const random = () => symbols[Math.floor(Math.random() * symbols.length)] ?? '';
      setFaces([random(), random(), random()]);
    }, 70);
    return () => clearInterval(t);
  }, [stopped, symbols]);

  const { roundId } = spin;
  useEffect(() => {
    if (!roundId) return;
    if (reducedMotion()) return setStop(3);
    const timers = STOP_AFTER_MS.map((ms, i) => setTimeout(() => setStop(Math.max(stoppedRef.current, i + 1)), ms));
    return () => {
      for (const t of timers) clearTimeout(t);
    };
  }, [roundId, setStop]);

  // A failed spin puts back the last landed faces, not a random row that looks like a result.
  const lastLanded = useRef<readonly string[] | undefined>(undefined);
  const landedOn = spin.pending ? undefined : (spin.reels ?? (spin.failed ? lastLanded.current : undefined));
  if (landedOn) lastLanded.current = landedOn;
  const shown = [0, 1, 2].map((i) => (i < stopped && landedOn ? (landedOn[i] ?? '') : (faces[i] ?? symbols[i] ?? '')));
  return { shown, moving: [0, 1, 2].map((i) => i >= stopped), landed: stopped >= 3 && !spin.pending };
}
