import { hrefFor, type Route } from '../../lib/router';

/** The header's link to the inbox, with the unread count as a badge (99+ past 99). */
export function Bell({ unread, route }: { unread: number | undefined; route: Route }) {
  const n = unread ?? 0;
  const label = n === 0 ? 'Inbox, no unread notifications' : `Inbox, ${n} unread ${n === 1 ? 'notification' : 'notifications'}`;
  return (
    <a
      className="bell icon-button"
      href={hrefFor('inbox')}
      aria-label={label}
      title={label}
      aria-current={route === 'inbox' ? 'page' : undefined}
      data-testid="bell"
      data-unread={n}
    >
      <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
        <path
          fill="currentColor"
          d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
        />
      </svg>
      {n > 0 && (
        <span className="bell-count" data-testid="bell-count">
          {n > 99 ? '99+' : n}
        </span>
      )}
    </a>
  );
}
