import { formatNumber } from '@casino/ui';
import { hrefFor, type Route, SCREEN_TITLES } from '../../lib/router';

type LiveState = 'idle' | 'connecting' | 'pending' | 'error';
const LIVE_LABEL: Record<LiveState, string> = { idle: 'offline', connecting: 'connecting', pending: 'live', error: 'offline' };

const LINKS: Route[] = ['home', 'shop', 'events', 'slot', 'gacha', 'crash', 'rps', 'fairness', 'profile', 'sessions'];

export function TopBar({
  route,
  live,
  onLogout,
  loggingOut,
  balances,
}: {
  route: Route;
  live: LiveState;
  onLogout: () => void;
  loggingOut: boolean;
  balances: { gold: number; gems: number } | undefined;
}) {
  return (
    <header className="top-bar">
      <a className="brand" href={hrefFor('home')}>
        Casino-Club
      </a>
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
      <span className={`live-dot live-${LIVE_LABEL[live]}`} title={`Live updates: ${LIVE_LABEL[live]}`} data-testid="live-status">
        {LIVE_LABEL[live]}
      </span>
      <nav className="main-nav">
        {LINKS.map((to) => (
          <a key={to} href={hrefFor(to)} aria-current={route === to ? 'page' : undefined} data-testid={`nav-${to}`}>
            {SCREEN_TITLES[to]}
          </a>
        ))}
        <button type="button" className="link" onClick={onLogout} disabled={loggingOut} data-testid="logout">
          Log out
        </button>
      </nav>
    </header>
  );
}
