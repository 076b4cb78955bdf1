/**
 * The console's navigation: five groups of sections. A left sidebar on wide screens (≥ 1024px);
 * below that a "Menu" button in the top bar opens the same groups as a panel, which closes again
 * when a section is chosen or Escape is pressed.
 */
import { useEffect, useId, useState } from 'react';
import { hrefFor, type Route, SECTION_TITLES, type Section } from '../../lib/router';

export const NAV_GROUPS: { label: string; sections: Section[] }[] = [
  { label: 'Live', sections: ['dashboard', 'notifications'] },
  { label: 'Players', sections: ['users', 'invites', 'approvals', 'audit'] },
  { label: 'Economy', sections: ['economy', 'shop', 'progression', 'fraud', 'webhooks'] },
  { label: 'Games', sections: ['games', 'crash'] },
  { label: 'Account', sections: ['security'] },
];

type Props = { route: Route; nickname: string; role: string; onLogout: () => void; loggingOut: boolean };

export function Nav({ route, nickname, role, onLogout, loggingOut }: Props) {
  const section = route.name === 'user' ? 'users' : route.name;
  const [open, setOpen] = useState(false);
  const navId = useId();
  // A new screen closes the menu (the link click does too; this covers back/forward).
  // biome-ignore lint/correctness/useExhaustiveDependencies: closing on every route change is the point
  useEffect(() => setOpen(false), [section]);
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);

  return (
    <>
      <header className="top-bar admin-top">
        <button
          type="button"
          className="menu-toggle"
          aria-expanded={open}
          aria-controls={navId}
          onClick={() => setOpen((o) => !o)}
          data-testid="admin-menu"
        >
          <span aria-hidden="true">{open ? '✕' : '☰'}</span> Menu
        </button>
        <span className="brand">Casino-Club Admin</span>
        <span className="current-section small-text muted">{SECTION_TITLES[section]}</span>
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
      <nav id={navId} className={`side-nav${open ? ' open' : ''}`} aria-label="Console sections" data-testid="admin-nav">
        {NAV_GROUPS.map((g) => (
          <section key={g.label} className="nav-group" aria-labelledby={`${navId}-${g.label}`}>
            <h2 id={`${navId}-${g.label}`}>{g.label}</h2>
            <ul>
              {g.sections.map((name) => (
                <li key={name}>
                  <a
                    href={hrefFor({ name })}
                    aria-current={section === name ? 'page' : undefined}
                    onClick={() => setOpen(false)}
                    data-testid={`nav-${name}`}
                  >
                    {SECTION_TITLES[name]}
                  </a>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </nav>
      {open && <button type="button" className="nav-scrim" aria-label="Close the menu" tabIndex={-1} onClick={() => setOpen(false)} />}
    </>
  );
}
