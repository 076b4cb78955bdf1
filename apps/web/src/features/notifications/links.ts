/**
 * Where a notification points: `data.link` is an in-app path such as `/shop` or `/events`
 * (admins choose it in the composer). Only hash routes of this app are followed, never
 * another origin.
 */
import { ROUTES, type Route, SCREEN_TITLES } from '../../lib/router';

const PATH = /^\/[a-z][a-z0-9-]*(?:\/[A-Za-z0-9_-]+)*$/;
/** Screens added by other features that this app links to before its router names them. */
const EXTRA_TITLES: Record<string, string> = { events: 'Events' };

export type NotificationLink = { href: string; label: string };

export function notificationLink(data: Record<string, unknown> | null | undefined): NotificationLink | null {
  const link = data?.link;
  if (typeof link !== 'string') return null;
  const path = link.startsWith('#') ? link.slice(1) : link;
  if (!PATH.test(path)) return null;
  const first = path.split('/')[1] ?? '';
  const route = (ROUTES as readonly string[]).includes(first) ? (first as Route) : null;
  const title = route ? SCREEN_TITLES[route] : EXTRA_TITLES[first];
  return { href: `#${path}`, label: title ? `Open ${title}` : 'Open' };
}
