/**
 * The composer's form → the input of send, broadcast or schedule, checked with the shared
 * schemas (the server refuses the same things), with one message per field.
 */
import {
  type TNotificationBroadcastInput,
  type TNotificationScheduleInput,
  type TNotificationSendInput,
  ZNotificationBroadcastInput,
  ZNotificationScheduleInput,
  ZNotificationSendInput,
} from '@casino/shared';

export type Audience = 'user' | 'all';
export type ComposeForm = {
  audience: Audience;
  later: boolean;
  userId: string;
  title: string;
  body: string;
  link: string;
  ttlDays: string;
  sendAt: string;
};
export const EMPTY_FORM: ComposeForm = {
  audience: 'user',
  later: false,
  userId: '',
  title: '',
  body: '',
  link: '',
  ttlDays: '',
  sendAt: '',
};

/** Player screens a notification may open (data.link). */
export const LINKS = [
  { value: '', label: 'Nothing' },
  { value: '/shop', label: 'Shop' },
  { value: '/events', label: 'Events' },
  { value: '/games', label: 'Games' },
  { value: '/profile', label: 'Profile' },
  { value: '/inbox', label: 'Inbox' },
] as const;

export type Compose =
  | { kind: 'send'; input: TNotificationSendInput }
  | { kind: 'broadcast'; input: TNotificationBroadcastInput }
  | { kind: 'schedule'; input: TNotificationScheduleInput };
type Checked = 'userId' | 'title' | 'body' | 'ttlDays' | 'sendAt';
export type FieldErrors = Partial<Record<Checked, string>>;

const MESSAGES: Record<Checked, string> = {
  userId: 'The player id: a whole number (see Users).',
  title: 'A title of 1 to 120 characters.',
  body: 'A message of 1 to 2,000 characters.',
  ttlDays: 'Whole days from 1 to 365, or empty to keep it until deleted.',
  sendAt: 'Pick when to send it.',
};

const num = (s: string) => (s.trim() === '' ? undefined : Number(s));

function errorsOf(error: { issues: readonly { path: readonly PropertyKey[] }[] }): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path[0];
    if (typeof key === 'string' && key in MESSAGES) out[key as Checked] = MESSAGES[key as Checked];
  }
  return out;
}

export function toCompose(f: ComposeForm, now: Date): { ok: true; value: Compose } | { ok: false; errors: FieldErrors } {
  const common = {
    title: f.title,
    body: f.body,
    ...(f.link ? { data: { link: f.link } } : {}),
    ...(num(f.ttlDays) !== undefined ? { ttlDays: num(f.ttlDays) } : {}),
  };
  const userId = f.audience === 'user' ? { userId: num(f.userId) ?? Number.NaN } : {};
  if (f.later) {
    const sendAt = f.sendAt ? new Date(f.sendAt) : null;
    if (!sendAt || Number.isNaN(sendAt.getTime())) return { ok: false, errors: { sendAt: MESSAGES.sendAt } };
    if (sendAt.getTime() <= now.getTime()) return { ok: false, errors: { sendAt: 'Pick a moment in the future.' } };
    const r = ZNotificationScheduleInput.safeParse({ ...common, ...userId, sendAt });
    return r.success ? { ok: true, value: { kind: 'schedule', input: r.data } } : { ok: false, errors: errorsOf(r.error) };
  }
  if (f.audience === 'user') {
    const r = ZNotificationSendInput.safeParse({ ...common, ...userId });
    return r.success ? { ok: true, value: { kind: 'send', input: r.data } } : { ok: false, errors: errorsOf(r.error) };
  }
  const r = ZNotificationBroadcastInput.safeParse(common);
  return r.success ? { ok: true, value: { kind: 'broadcast', input: r.data } } : { ok: false, errors: errorsOf(r.error) };
}
