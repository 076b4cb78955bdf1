import { formatNumber } from '@casino/ui';
import { hrefFor, type Route } from '../../lib/router';
import type { LiveState } from '../live/connection';
import { Bell } from '../notifications/bell';
import { Icon, type IconName } from './icons';
import { LiveStatus } from './live-status';
import { MoreMenu } from './more-menu';
import './shell.css';

/** The main destinations: links in the top bar on wide screens, a bottom tab bar on phones. */
const TABS: { id: string; href: string; label: string; icon: IconName; routes: readonly string[] }[] = [
  { id: 'home', href: hrefFor('home'), label: 'Home', icon: 'home', routes: ['home'] },
  { id: 'games', href: hrefFor('games'), label: 'Games', icon: 'games', routes: ['games', 'slot', 'gacha', 'crash', 'rps'] },
  { id: 'shop', href: hrefFor('shop'), label: 'Shop', icon: 'shop', routes: ['shop'] },
  { id: 'events', href: hrefFor('events'), label: 'Events', icon: 'events', routes: ['events', 'missions', 'battlepass'] },
  { id: 'profile', href: hrefFor('profile'), label: 'Profile', icon: 'profile', routes: ['profile'] },
];

export function TopBar({
  route,
  live,
  unread,
  onLogout,
  loggingOut,
  balances,
}: {
  route: Route;
  live: LiveState;
  unread: number | undefined;
  onLogout: () => void;
  loggingOut: boolean;
  balances: { gold: number; gems: number } | undefined;
}) {
  return (
    <header className="top-bar app-bar">
      <a className="brand" href={hrefFor('home')}>
        Casino-Club
      </a>
      <nav className="tab-bar" aria-label="Main">
        {TABS.map((t) => (
          <a key={t.id} href={t.href} aria-current={t.routes.includes(route) ? 'page' : undefined} data-testid={`nav-${t.id}`}>
            <Icon name={t.icon} />
            <span>{t.label}</span>
          </a>
        ))}
      </nav>
      <div className="bar-end">
        {balances && (
          <a className="wallet" href={hrefFor('shop')} title="Balances — get more in the shop" data-testid="bar-wallet">
            <span className="gold-text" data-testid="bar-gold" title="Gold">
              {formatNumber(balances.gold)} g
            </span>
            <span className="gem-text" data-testid="bar-gems" title="Gems">
              {formatNumber(balances.gems)} ◆
            </span>
          </a>
        )}
        <LiveStatus state={live} />
        <Bell unread={unread} route={route} />
        <MoreMenu route={route} unread={unread} onLogout={onLogout} loggingOut={loggingOut} />
      </div>
    </header>
  );
}
