/** The player's prefers-reduced-motion setting, live: timers and JS-driven effects skip their show when it is on. */
import { useSyncExternalStore } from 'react';

const QUERY = '(prefers-reduced-motion: reduce)';
const media = () => globalThis.matchMedia?.(QUERY);

export const reducedMotion = () => media()?.matches ?? false;

const subscribe = (cb: () => void) => {
  const m = media();
  m?.addEventListener('change', cb);
  return () => m?.removeEventListener('change', cb);
};

export function useReducedMotion(): boolean {
  return useSyncExternalStore(subscribe, reducedMotion, () => false);
}
