/**
 * Which admin is signed in, as far as this tab knows: the token pair in localStorage
 * (its own key, so the player app in the same origin keeps its login) plus a
 * one-line notice explaining the last forced sign-out. React reads it through
 * useSyncExternalStore; other tabs' logins and logouts arrive via the storage event.
 */
import { localStorageTokenStore, type TokenPair } from '@casino/client';
import { useSyncExternalStore } from 'react';

const KEY = 'casino.admin.tokens';
const listeners = new Set<() => void>();
const emit = () => {
  for (const l of listeners) l();
};

export const tokens = localStorageTokenStore(KEY, emit);
let notice: string | null = null;

globalThis.addEventListener?.('storage', (e: StorageEvent) => {
  if (e.key === KEY) emit();
});

export const session = {
  subscribe(listener: () => void) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  isSignedIn: () => tokens.get() !== null,
  notice: () => notice,
  start(pair: TokenPair) {
    notice = null;
    tokens.set(pair);
  },
  /** Forgets the tokens locally; `reason` is shown on the login screen. */
  end(reason?: string) {
    notice = reason ?? null;
    if (tokens.get()) tokens.set(null);
    else emit();
  },
  clearNotice() {
    if (notice === null) return;
    notice = null;
    emit();
  },
};

export function useSignedIn(): boolean {
  return useSyncExternalStore(session.subscribe, session.isSignedIn);
}

export function useSessionNotice(): string | null {
  return useSyncExternalStore(session.subscribe, session.notice);
}
