/**
 * Who is signed in, as far as this tab knows: the token pair in localStorage plus a
 * one-line notice explaining the last forced sign-out. Each app passes its own key, so
 * the player app and the admin console in the same origin keep separate logins.
 * Other tabs' logins and logouts arrive via the storage event.
 */
import { localStorageTokenStore, type TokenPair, type TokenStore } from '@casino/client';

export type Session = {
  subscribe(listener: () => void): () => void;
  isSignedIn(): boolean;
  notice(): string | null;
  start(pair: TokenPair): void;
  /** Forgets the tokens locally; `reason` is shown on the login screen. */
  end(reason?: string): void;
  clearNotice(): void;
};

export function createSession(storageKey: string): { session: Session; tokens: TokenStore } {
  const listeners = new Set<() => void>();
  const emit = () => {
    for (const l of listeners) l();
  };
  const tokens = localStorageTokenStore(storageKey, emit);
  let notice: string | null = null;

  globalThis.addEventListener?.('storage', (e: StorageEvent) => {
    if (e.key === storageKey) emit();
  });

  const session: Session = {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    isSignedIn: () => tokens.get() !== null,
    notice: () => notice,
    start(pair) {
      notice = null;
      tokens.set(pair);
    },
    end(reason) {
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
  return { session, tokens };
}
