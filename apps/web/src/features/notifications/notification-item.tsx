import { formatDate, type RouterOutputs } from '@casino/ui';
import { notificationLink } from './links';

type Item = RouterOutputs['economy']['notifications']['list']['items'][number];

const KIND_LABEL: Record<Item['type'], string> = {
  notification: 'Game',
  ADMIN_NOTIFICATION: 'From the team',
  ADMIN_BROADCAST: 'Announcement',
};

/** One notification: unread ones are marked and can be marked read; a link opens what it is about (and marks it read). */
export function NotificationItem({ item, onRead, marking }: { item: Item; onRead: () => void; marking: boolean }) {
  const link = notificationLink(item.data);
  return (
    <li className={`card notification${item.read ? '' : ' unread'}`} data-testid="notification" data-read={item.read} data-id={item.id}>
      <div className="row between">
        <span className="small-text muted">
          {!item.read && <span className="unread-dot" aria-hidden="true" />}
          {KIND_LABEL[item.type]} · <time dateTime={item.createdAt.toISOString()}>{formatDate(item.createdAt)}</time>
          {!item.read && <span className="visually-hidden"> · unread</span>}
        </span>
      </div>
      <strong className="notification-title">{item.title}</strong>
      <p className="notification-body">{item.body}</p>
      <div className="row">
        {link && (
          <a className="button-link" href={link.href} onClick={() => !item.read && onRead()} data-testid="notification-link">
            {link.label}
          </a>
        )}
        {!item.read && (
          <button type="button" className="small" onClick={onRead} disabled={marking} data-testid="mark-read">
            Mark read
          </button>
        )}
      </div>
    </li>
  );
}
