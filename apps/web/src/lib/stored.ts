/**
 * A small piece of state kept in localStorage (settings the player expects to find again after
 * a reload: bets, auto cash-out, sound). A value that fails `valid` (edited by hand, an older
 * shape) falls back to the default; blocked storage keeps the value for this page's life.
 */
import { useCallback, useState } from 'react';

export function readStored<T>(key: string, fallback: T, valid: (v: unknown) => v is T): T {
  try {
    const raw = localStorage.getItem(key);
    if (raw === null) return fallback;
    const parsed: unknown = JSON.parse(raw);
    return valid(parsed) ? parsed : fallback;
  } catch {
    return fallback;
  }
}

export function writeStored(key: string, value: unknown) {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage blocked or full: the setting lasts for this page only.
  }
}

export function useStored<T>(key: string, fallback: T, valid: (v: unknown) => v is T) {
  const [value, setValue] = useState<T>(() => readStored(key, fallback, valid));
  const set = useCallback(
    (next: T) => {
      setValue(next);
      writeStored(key, next);
    },
    [key],
  );
  return [value, set] as const;
}
