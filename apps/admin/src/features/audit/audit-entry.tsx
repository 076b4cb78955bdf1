/** One audit entry's cells: the target as a link, and before/after as a readable field diff. */
import type { RouterOutputs } from '@casino/ui';
import { diffFields, formatJson, formatValue } from '../../lib/format';
import { hrefFor, type Route } from '../../lib/router';

export type Entry = RouterOutputs['admin']['audit']['search']['items'][number];

/** Where a target lives in the console, when it has a page. */
function targetRoute(e: Entry): Route | null {
  const id = Number(e.targetId);
  if (e.targetType === 'user' && Number.isSafeInteger(id) && id > 0) return { name: 'user', userId: id };
  if (e.targetType === 'invite') return { name: 'invites' };
  if (e.targetType === 'product') return { name: 'shop' };
  if (e.targetType === 'promo') return { name: 'shop', tab: 'promos' };
  if (e.targetType === 'purchase') return { name: 'shop', tab: 'purchases' };
  if (e.targetType === 'fraud_rule' || e.targetType === 'fraud_settings' || e.targetType === 'fraud_decision') return { name: 'fraud' };
  if (e.targetType === 'webhook_event') return { name: 'webhooks' };
  return null;
}

export function AuditTarget({ entry }: { entry: Entry }) {
  const route = targetRoute(entry);
  const label = `${entry.targetType}${entry.targetId ? ` ${entry.targetId}` : ''}${entry.targetLabel ? ` (${entry.targetLabel})` : ''}`;
  return route ? (
    <a href={hrefFor(route)} data-testid="audit-target">
      {label}
    </a>
  ) : (
    <span>{label}</span>
  );
}

export function AuditDiff({ entry }: { entry: Entry }) {
  const changes = diffFields(entry.before, entry.after);
  const meta =
    entry.meta && typeof entry.meta === 'object'
      ? Object.entries(entry.meta as Record<string, unknown>).filter(([k]) => k !== 'reason')
      : [];
  if (!changes.length && !meta.length) return <span className="muted">—</span>;
  return (
    <details data-testid="audit-diff">
      <summary className="small-text">{changes.length ? changes.map((c) => c.field).join(', ') : 'details'}</summary>
      <table className="diff small-text">
        <tbody>
          {changes.map((c) => (
            <tr key={c.field} data-testid="diff-row" data-field={c.field}>
              <th scope="row">{c.field}</th>
              <td className="minus">
                <del>{formatValue(c.before)}</del>
              </td>
              <td aria-hidden="true">→</td>
              <td className="plus">
                <ins>{formatValue(c.after)}</ins>
              </td>
            </tr>
          ))}
          {meta.map(([k, v]) => (
            <tr key={`meta-${k}`}>
              <th scope="row" className="muted">
                {k}
              </th>
              <td colSpan={3}>{typeof v === 'object' ? <pre>{formatJson(v)}</pre> : formatValue(v)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
