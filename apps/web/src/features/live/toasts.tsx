/** Short-lived notices for live events (rewards, level-ups, achievements, …): a tiny store plus the list that shows it. */
import { useSyncExternalStore } from 'react';

export type Toast = {
  id: number;
  title: string;
  body?: string;
  tone?: 'ok' | 'info' | 'level';
  /** What the notice is about (an in-app hash link with its label). */
  link?: { href: string; label: string };
  /** What it announces (reward, level_up, achievement, a notification type, …), for styling and tests. */
  kind?: string;
  /** Where "View" goes (e.g. the page to claim on). */
  href?: string;
};

let toasts: Toast[] = [];
let nextId = 1;
const listeners = new Set<() => void>();
const emit = () => {
  for (const l of listeners) l();
};

export const toast = {
  push(t: Omit<Toast, 'id'>, ttlMs = 6000) {
    const id = nextId++;
    toasts = [...toasts.slice(-3), { ...t, id }];
    emit();
    setTimeout(() => toast.dismiss(id), ttlMs);
  },
  dismiss(id: number) {
    const left = toasts.filter((t) => t.id !== id);
    if (left.length === toasts.length) return;
    toasts = left;
    emit();
  },
  clear() {
    toasts = [];
    emit();
  },
};

const subscribe = (cb: () => void) => {
  listeners.add(cb);
  return () => listeners.delete(cb);
};

export function Toaster() {
  const list = useSyncExternalStore(subscribe, () => toasts);
  if (list.length === 0) return null;
  return (
    <ol className="toasts" aria-live="polite">
      {list.map((t) => (
        <li key={t.id} className={`toast toast-${t.tone ?? 'info'}`} data-testid="toast" data-kind={t.kind}>
          <div className="stack tight">
            <strong>{t.title}</strong>
            {t.body && <span className="small-text toast-body">{t.body}</span>}
            {t.link && (
              <a className="small-text" href={t.link.href} onClick={() => toast.dismiss(t.id)}>
                {t.link.label}
              </a>
            )}
          </div>
          {t.href && (
            <a className="small-text" href={t.href} onClick={() => toast.dismiss(t.id)}>
              View
            </a>
          )}
          <button type="button" className="link" aria-label="Dismiss" onClick={() => toast.dismiss(t.id)}>
            ✕
          </button>
        </li>
      ))}
    </ol>
  );
}
