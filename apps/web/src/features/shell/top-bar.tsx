import { hrefFor, type Route } from '../../lib/router';

type LiveState = 'idle' | 'connecting' | 'pending' | 'error';
const LIVE_LABEL: Record<LiveState, string> = { idle: 'offline', connecting: 'connecting', pending: 'live', error: 'offline' };

export function TopBar({
  route,
  live,
  onLogout,
  loggingOut,
}: {
  route: Route;
  live: LiveState;
  onLogout: () => void;
  loggingOut: boolean;
}) {
  const link = (to: Route, label: string) => (
    <a href={hrefFor(to)} aria-current={route === to ? 'page' : undefined} data-testid={`nav-${to}`}>
      {label}
    </a>
  );
  return (
    <header className="top-bar">
      <a className="brand" href={hrefFor('home')}>
        Casino-Club
      </a>
      <nav>
        {link('home', 'Home')}
        {link('sessions', 'Sessions')}
        <button type="button" className="link" onClick={onLogout} disabled={loggingOut} data-testid="logout">
          Log out
        </button>
      </nav>
      <span className={`live-dot live-${LIVE_LABEL[live]}`} title={`Live updates: ${LIVE_LABEL[live]}`} data-testid="live-status">
        {LIVE_LABEL[live]}
      </span>
    </header>
  );
}
