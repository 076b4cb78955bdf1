import { formatDate, type RouterOutputs } from '@casino/ui';
import { formatJson } from '../../lib/format';

type Entry = RouterOutputs['admin']['audit']['list']['items'][number];

function JsonBlock({ label, value }: { label: string; value: unknown }) {
  return (
    <div>
      <span className="muted small-text">{label}</span>
      <pre>{formatJson(value)}</pre>
    </div>
  );
}

export function AuditEntry({ entry }: { entry: Entry }) {
  return (
    <li className="card" data-testid="audit-entry" data-action={entry.action}>
      <div className="row between">
        <strong className="mono">{entry.action}</strong>
        <span className="muted small-text">{formatDate(entry.createdAt)}</span>
      </div>
      <p className="small-text">
        by {entry.adminNickname} (#{entry.adminId}) · {entry.targetType} {entry.targetId ?? ''}
      </p>
      <details>
        <summary className="muted small-text">Before / after</summary>
        <div className="json-grid">
          <JsonBlock label="Before" value={entry.before} />
          <JsonBlock label="After" value={entry.after} />
          {entry.meta != null && <JsonBlock label="Details" value={entry.meta} />}
        </div>
      </details>
    </li>
  );
}
