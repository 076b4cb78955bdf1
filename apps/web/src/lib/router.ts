/** A hash router is all these screens need: no server rewrites, no dependency. */
import { useSyncExternalStore } from 'react';

export const ROUTES = [
  'login',
  'signup',
  'home',
  'games',
  'sessions',
  'slot',
  'gacha',
  'crash',
  'rps',
  'fairness',
  'profile',
  'shop',
  'inbox',
  'events',
  'missions',
  'battlepass',
] as const;
export type Route = (typeof ROUTES)[number];

export const APP_TITLE = 'Casino-Club';
/** Each screen's name: the tab title ("Slot · Casino-Club") and its link in the top bar. */
export const SCREEN_TITLES: Record<Route, string> = {
  login: 'Log in',
  signup: 'Sign up',
  home: 'Home',
  games: 'Games',
  slot: 'Slot',
  gacha: 'Gacha',
  crash: 'Crash',
  rps: 'RPS',
  fairness: 'Fairness',
  profile: 'Profile',
  sessions: 'Sessions',
  shop: 'Shop',
  inbox: 'Inbox',
  events: 'Events',
  missions: 'Missions',
  battlepass: 'Battle pass',
};

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
