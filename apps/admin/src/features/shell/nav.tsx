import { hrefFor, type Route } from '../../lib/router';

const LINKS: { name: 'users' | 'invites' | 'audit' | 'economy' | 'crash' | 'games'; label: string }[] = [
  { name: 'users', label: 'Users' },
  { name: 'invites', label: 'Invites' },
  { name: 'audit', label: 'Audit' },
  { name: 'economy', label: 'Economy' },
  { name: 'crash', label: 'Crash rounds' },
  { name: 'games', label: 'Games' },
];

export function Nav({
  route,
  nickname,
  onLogout,
  loggingOut,
}: {
  route: Route;
  nickname: string;
  onLogout: () => void;
  loggingOut: boolean;
}) {
  const section = route.name === 'user' ? 'users' : route.name;
  return (
    <header className="top-bar">
      <span className="brand">Casino-Club Admin</span>
      <nav>
        {LINKS.map((l) => (
          <a
            key={l.name}
            href={hrefFor({ name: l.name })}
            aria-current={section === l.name ? 'page' : undefined}
            data-testid={`nav-${l.name}`}
          >
            {l.label}
          </a>
        ))}
      </nav>
      <span className="row who">
        <span className="muted small-text" data-testid="admin-nickname">
          {nickname}
        </span>
        <button type="button" className="link" onClick={onLogout} disabled={loggingOut} data-testid="logout">
          Log out
        </button>
      </span>
    </header>
  );
}
