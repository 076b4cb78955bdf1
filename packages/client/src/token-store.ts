/** Where a client keeps its token pair: memory by default, localStorage in the SPAs. */
export type TokenPair = { accessToken: string; refreshToken: string };

export interface TokenStore {
  get(): TokenPair | null;
  set(pair: TokenPair | null): void;
}

export function memoryTokenStore(initial: TokenPair | null = null): TokenStore {
  let pair = initial;
  return {
    get: () => pair,
    set: (p) => {
      pair = p;
    },
  };
}

/** Persists the pair in localStorage under `key` and notifies listeners on change (e.g. logout elsewhere). */
export function localStorageTokenStore(key = 'casino.tokens', onChange?: (pair: TokenPair | null) => void): TokenStore {
  const read = (): TokenPair | null => {
    try {
      const raw = globalThis.localStorage?.getItem(key);
      return raw ? (JSON.parse(raw) as TokenPair) : null;
    } catch {
      return null;
    }
  };
  return {
    get: read,
    set: (p) => {
      if (p) globalThis.localStorage?.setItem(key, JSON.stringify(p));
      else globalThis.localStorage?.removeItem(key);
      onChange?.(p);
    },
  };
}
