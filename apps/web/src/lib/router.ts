/** A hash router is all these screens need: no server rewrites, no dependency. */
import { useSyncExternalStore } from 'react';

export const ROUTES = ['login', 'signup', 'home', 'sessions', 'slot', 'gacha', 'crash', 'rps', 'fairness', 'profile'] as const;
export type Route = (typeof ROUTES)[number];

const BY_HASH: Record<string, Route> = { '#/': 'home', '': 'home', '#': 'home' };
for (const r of ROUTES) if (r !== 'home') BY_HASH[`#/${r}`] = r;

const subscribe = (cb: () => void) => {
  globalThis.addEventListener('hashchange', cb);
  return () => globalThis.removeEventListener('hashchange', cb);
};
const current = (): Route => BY_HASH[location.hash] ?? 'home';

export function useRoute(): Route {
  return useSyncExternalStore(subscribe, current);
}

export function hrefFor(route: Route): string {
  return route === 'home' ? '#/' : `#/${route}`;
}

export function navigate(route: Route) {
  location.hash = hrefFor(route);
}
