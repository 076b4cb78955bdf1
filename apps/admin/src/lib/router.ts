/** Hash routes under /admin/#/…: no server rewrites needed, no router dependency. */
import { useSyncExternalStore } from 'react';

export type Route =
  | { name: 'dashboard' }
  | { name: 'notifications' }
  | { name: 'users' }
  | { name: 'user'; userId: number }
  | { name: 'invites' }
  | { name: 'audit'; targetType?: string; targetId?: string }
  | { name: 'economy' }
  | { name: 'crash'; userId?: number }
  | { name: 'games'; tab?: GamesTab }
  | { name: 'webhooks' }
  | { name: 'shop'; tab?: ShopTab; userId?: number }
  | { name: 'fraud'; tab?: FraudTab }
  | { name: 'approvals' }
  | { name: 'security' }
  | { name: 'progression'; tab?: ProgressionTab };

export const SHOP_TABS = ['products', 'limited', 'promos', 'purchases'] as const;
export type ShopTab = (typeof SHOP_TABS)[number];
export const GAMES_TABS = ['config', 'edit', 'history'] as const;
export type GamesTab = (typeof GAMES_TABS)[number];
export const FRAUD_TABS = ['rules', 'decisions', 'thresholds'] as const;
export type FraudTab = (typeof FRAUD_TABS)[number];
export const PROGRESSION_TABS = ['events', 'missions', 'battlepass', 'grants'] as const;
export type ProgressionTab = (typeof PROGRESSION_TABS)[number];

export type Section = Exclude<Route['name'], 'user'>;

export const APP_TITLE = 'Casino-Club Admin';
/** Each section's name: its link in the nav and the tab title ("Invites · Casino-Club Admin"). */
export const SECTION_TITLES: Record<Section, string> = {
  dashboard: 'Dashboard',
  notifications: 'Notifications',
  users: 'Users',
  invites: 'Invites',
  audit: 'Audit',
  economy: 'Economy',
  crash: 'Crash rounds',
  games: 'Games',
  webhooks: 'Webhooks',
  shop: 'Shop',
  fraud: 'Fraud',
  approvals: 'Approvals',
  security: 'Security',
  progression: 'Progression',
};

export const screenTitle = (route: Route) => (route.name === 'user' ? `User #${route.userId}` : SECTION_TITLES[route.name]);

export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?');
  const user = /^\/users\/(\d+)$/.exec(path);
  if (user) return { name: 'user', userId: Number(user[1]) };
  if (path === '/dashboard') return { name: 'dashboard' };
  if (path === '/notifications') return { name: 'notifications' };
  if (path === '/invites') return { name: 'invites' };
  if (path === '/economy') return { name: 'economy' };
  const games = /^\/games(?:\/([a-z]+))?$/.exec(path);
  if (games) return { name: 'games', tab: GAMES_TABS.find((t) => t === games[1]) ?? 'config' };
  if (path === '/webhooks') return { name: 'webhooks' };
  if (path === '/approvals') return { name: 'approvals' };
  if (path === '/security') return { name: 'security' };
  const shop = /^\/shop(?:\/([a-z]+))?$/.exec(path);
  if (shop) {
    const tab = SHOP_TABS.find((t) => t === shop[1]) ?? 'products';
    const userId = Number(new URLSearchParams(query).get('user'));
    return Number.isSafeInteger(userId) && userId > 0 ? { name: 'shop', tab, userId } : { name: 'shop', tab };
  }
  const fraud = /^\/fraud(?:\/([a-z]+))?$/.exec(path);
  if (fraud) return { name: 'fraud', tab: FRAUD_TABS.find((t) => t === fraud[1]) ?? 'rules' };
  const progression = /^\/progression(?:\/([a-z]+))?$/.exec(path);
  if (progression) return { name: 'progression', tab: PROGRESSION_TABS.find((t) => t === progression[1]) ?? 'events' };
  if (path === '/crash') {
    const userId = Number(new URLSearchParams(query).get('user'));
    return Number.isSafeInteger(userId) && userId > 0 ? { name: 'crash', userId } : { name: 'crash' };
  }
  if (path === '/audit') {
    const q = new URLSearchParams(query);
    const targetType = q.get('type');
    const targetId = q.get('target');
    return { name: 'audit', ...(targetType ? { targetType } : {}), ...(targetId ? { targetId } : {}) };
  }
  return { name: 'users' };
}

export function hrefFor(route: Route): string {
  switch (route.name) {
    case 'user':
      return `#/users/${route.userId}`;
    case 'audit': {
      const q = new URLSearchParams();
      if (route.targetType) q.set('type', route.targetType);
      if (route.targetId) q.set('target', route.targetId);
      return q.size ? `#/audit?${q}` : '#/audit';
    }
    case 'crash':
      return route.userId ? `#/crash?user=${route.userId}` : '#/crash';
    case 'shop': {
      const path = !route.tab || route.tab === 'products' ? '#/shop' : `#/shop/${route.tab}`;
      return route.userId ? `${path}?user=${route.userId}` : path;
    }
    case 'games':
      return !route.tab || route.tab === 'config' ? '#/games' : `#/games/${route.tab}`;
    case 'fraud':
      return !route.tab || route.tab === 'rules' ? '#/fraud' : `#/fraud/${route.tab}`;
    case 'progression':
      return !route.tab || route.tab === 'events' ? '#/progression' : `#/progression/${route.tab}`;
    default:
      return `#/${route.name}`;
  }
}

const subscribe = (cb: () => void) => {
  globalThis.addEventListener('hashchange', cb);
  return () => globalThis.removeEventListener('hashchange', cb);
};

/** The hash string is the snapshot (stable between renders); callers parse it. */
export function useRoute(): Route {
  return parseRoute(useSyncExternalStore(subscribe, () => location.hash));
}

export function navigate(route: Route) {
  location.hash = hrefFor(route);
}
