import type { TConfigChange } from '@casino/shared';

const show = (v: unknown) => (v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v));

/** `slot › paytable › triple › seven: 100 → 120`, one line per changed value. */
export function ChangeList({ changes }: { changes: TConfigChange[] }) {
  return (
    <ul className="diff-list small-text" data-testid="change-list">
      {changes.map((c) => (
        <li key={c.path} data-testid="change">
          <span className="mono">{c.path.split('.').join(' › ')}</span>: <span className="before">{show(c.before)}</span> →{' '}
          <span className="after">{show(c.after)}</span>
        </li>
      ))}
    </ul>
  );
}
