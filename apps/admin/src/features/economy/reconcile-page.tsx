import { ErrorBanner, formatDate, formatNumber, useTRPC } from '@casino/ui';
import { useQuery } from '@tanstack/react-query';
import { hrefFor } from '../../lib/router';

/** Runs the balance = sum(ledger) check only when asked: it reads every user. */
export function ReconcilePage() {
  const trpc = useTRPC();
  const check = useQuery({ ...trpc.admin.economy.reconcile.queryOptions(), enabled: false, staleTime: 0, gcTime: 0 });
  const result = check.data;

  return (
    <div className="stack" data-testid="economy-page">
      <h1>Economy</h1>
      <section className="card stack">
        <h2>Ledger reconciliation</h2>
        <p className="muted">Checks that every balance equals the sum of its ledger entries. There should never be a violation.</p>
        <button type="button" className="primary" onClick={() => void check.refetch()} disabled={check.isFetching} data-testid="reconcile">
          {check.isFetching ? 'Checking…' : 'Run reconciliation'}
        </button>
        <ErrorBanner error={check.error} />
        {result && !check.isFetching && (
          <div className="stack" data-testid="reconcile-result" data-violations={result.violations.length}>
            <p className={result.violations.length ? 'banner banner-error' : 'banner banner-ok'}>
              Checked {formatNumber(result.checkedUsers)} users at {formatDate(new Date(check.dataUpdatedAt))}:{' '}
              {result.violations.length === 0 ? 'no violations.' : `${result.violations.length} violations.`}
            </p>
            <ul className="plain list">
              {result.violations.map((v) => (
                <li key={`${v.userId}-${v.currency}`} className="row between">
                  <a href={hrefFor({ name: 'user', userId: v.userId })}>
                    User #{v.userId} · {v.currency}
                  </a>
                  <span className="minus">
                    balance {formatNumber(v.balance)} ≠ ledger {formatNumber(v.ledgerSum)}
                  </span>
                </li>
              ))}
            </ul>
          </div>
        )}
      </section>
    </div>
  );
}
