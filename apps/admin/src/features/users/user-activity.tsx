import { formatDate, formatNumber, formatSigned, type RouterOutputs } from '@casino/ui';

type Detail = RouterOutputs['admin']['users']['get'];

export function UserActivity({ detail }: { detail: Detail }) {
  return (
    <>
      <section className="card stack" data-testid="user-ledger">
        <h2>Recent ledger</h2>
        {detail.recentLedger.length === 0 && <p className="muted">No entries.</p>}
        <ul className="plain list">
          {detail.recentLedger.map((e) => (
            <li key={e.id}>
              <div className="row between">
                <span>
                  #{e.id} {e.reason}
                </span>
                <span className={e.delta >= 0 ? 'plus' : 'minus'}>
                  {formatSigned(e.delta)} {e.currency}
                </span>
              </div>
              <div className="row between muted small-text">
                <span>{formatDate(e.createdAt)}</span>
                <span>after {formatNumber(e.balanceAfter)}</span>
              </div>
            </li>
          ))}
        </ul>
      </section>
      <section className="card stack">
        <h2>Active sessions ({detail.activeSessions.length})</h2>
        <ul className="plain list">
          {detail.activeSessions.map((s) => (
            <li key={s.id} className="small-text">
              {s.ip ?? 'unknown IP'} · since {formatDate(s.createdAt)} · last {formatDate(s.lastUsedAt)}
              <div className="muted">{s.userAgent ?? 'unknown device'}</div>
            </li>
          ))}
        </ul>
      </section>
      <section className="card stack">
        <h2>Recent logins</h2>
        <ul className="plain list">
          {detail.recentLogins.map((l) => (
            <li key={`${l.createdAt.toString()}-${l.ip}`} className="row between small-text">
              <span className={l.success ? 'plus' : 'minus'}>{l.success ? 'success' : (l.reason ?? 'failed')}</span>
              <span className="muted">
                {l.ip ?? '—'} · {formatDate(l.createdAt)}
              </span>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
