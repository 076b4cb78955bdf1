import { hrefFor, type Route, SECTION_TITLES, type Section } from '../../lib/router';

const LINKS: Section[] = [
  'dashboard',
  'notifications',
  'users',
  'invites',
  'audit',
  'economy',
  'crash',
  'games',
  'shop',
  'progression',
  'webhooks',
  'fraud',
  'approvals',
  'security',
];

export function Nav({
  route,
  nickname,
  role,
  onLogout,
  loggingOut,
}: {
  route: Route;
  nickname: string;
  role: string;
  onLogout: () => void;
  loggingOut: boolean;
}) {
  const section = route.name === 'user' ? 'users' : route.name;
  return (
    <header className="top-bar">
      <span className="brand">Casino-Club Admin</span>
      <nav>
        {LINKS.map((name) => (
          <a key={name} href={hrefFor({ name })} aria-current={section === name ? 'page' : undefined} data-testid={`nav-${name}`}>
            {SECTION_TITLES[name]}
          </a>
        ))}
      </nav>
      <span className="row who">
        <span className="muted small-text" data-testid="admin-nickname">
          {nickname}
          {role === 'support' && <span className="badge">support</span>}
        </span>
        <button type="button" className="link" onClick={onLogout} disabled={loggingOut} data-testid="logout">
          Log out
        </button>
      </span>
    </header>
  );
}
