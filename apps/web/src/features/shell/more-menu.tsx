/**
 * The account menu behind the header's menu button: Inbox, Missions, Battle pass, Sessions, Fairness and Log out.
 * A dropdown on wide screens, a sheet above the tab bar on phones (CSS); closes on a choice,
 * Escape, a click outside or a route change, and gives focus back to its button.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { hrefFor, type Route, SCREEN_TITLES } from '../../lib/router';
import { Icon } from './icons';

const ITEMS: Route[] = ['inbox', 'missions', 'battlepass', 'sessions', 'fairness'];

export function MoreMenu({
  route,
  unread,
  onLogout,
  loggingOut,
}: {
  route: Route;
  unread: number | undefined;
  onLogout: () => void;
  loggingOut: boolean;
}) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new route closes the menu.
  useEffect(() => setOpen(false), [route]);
  useEffect(() => {
    if (!open) return;
    panel.current?.querySelector<HTMLElement>('a, button')?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setOpen(false);
      button.current?.focus();
    };
    const onDown = (e: PointerEvent) => {
      const t = e.target as Node;
      if (!panel.current?.contains(t) && !button.current?.contains(t)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onDown);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onDown);
    };
  }, [open]);

  return (
    <div className="more">
      <button
        ref={button}
        type="button"
        className="icon-button"
        aria-expanded={open}
        aria-controls={id}
        aria-label="Menu"
        onClick={() => setOpen((o) => !o)}
        data-testid="menu-button"
      >
        <Icon name="menu" />
      </button>
      {open && <div className="sheet-backdrop" aria-hidden="true" />}
      <div ref={panel} id={id} className="more-panel" hidden={!open} data-testid="menu">
        <nav aria-label="Account">
          {ITEMS.map((to) => (
            <a key={to} href={hrefFor(to)} aria-current={route === to ? 'page' : undefined} data-testid={`nav-${to}`}>
              {SCREEN_TITLES[to]}
              {to === 'inbox' && unread ? <span className="badge">{unread}</span> : null}
            </a>
          ))}
          <button type="button" onClick={onLogout} disabled={loggingOut} data-testid="logout">
            {loggingOut ? 'Logging out…' : 'Log out'}
          </button>
        </nav>
      </div>
    </div>
  );
}
