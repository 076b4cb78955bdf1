/** A hash router is all four screens need: no server rewrites, no dependency. */
import { useSyncExternalStore } from 'react';

export type Route = 'login' | 'signup' | 'home' | 'sessions';
const ROUTES: Record<string, Route> = { '#/login': 'login', '#/signup': 'signup', '#/': 'home', '': 'home', '#/sessions': 'sessions' };

const subscribe = (cb: () => void) => {
  globalThis.addEventListener('hashchange', cb);
  return () => globalThis.removeEventListener('hashchange', cb);
};
const current = (): Route => ROUTES[location.hash] ?? 'home';

export function useRoute(): Route {
  return useSyncExternalStore(subscribe, current);
}

export function hrefFor(route: Route): string {
  return route === 'home' ? '#/' : `#/${route}`;
}

export function navigate(route: Route) {
  location.hash = hrefFor(route);
}
