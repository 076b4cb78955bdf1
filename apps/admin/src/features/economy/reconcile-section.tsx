import { ErrorBanner, formatDate, formatNumber, MoreButton, useTRPC } from '@casino/ui';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { hrefFor } from '../../lib/router';

/** Runs balance = sum(ledger) for every user when asked, recorded; below, every recorded run (the periodic ones too). */
export function ReconcileSection() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const history = useInfiniteQuery(
    trpc.admin.economy.reconcileHistory.infiniteQueryOptions({ limit: 10 }, { getNextPageParam: (p) => p.nextCursor ?? undefined }),
  );
  const run = useMutation(
    trpc.admin.economy.runReconcile.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.admin.economy.reconcileHistory.pathKey() }),
    }),
  );
  const result = run.data;
  const runs = history.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <section className="card stack" aria-labelledby="reconcile-title">
      <h2 id="reconcile-title">Ledger reconciliation</h2>
      <p className="muted">
        Checks that every balance equals the sum of its ledger entries. There should never be a violation. It also runs by itself every
        minute while someone watches the dashboard.
      </p>
      <div>
        <button type="button" className="primary" onClick={() => run.mutate()} disabled={run.isPending} data-testid="reconcile">
          {run.isPending ? 'Checking…' : 'Run reconciliation'}
        </button>
      </div>
      <ErrorBanner error={run.error} />
      {result && !run.isPending && (
        <div className="stack" data-testid="reconcile-result" data-violations={result.violationCount}>
          <p className={result.violationCount ? 'banner banner-error' : 'banner banner-ok'}>
            Checked {formatNumber(result.checkedUsers)} users in {formatNumber(result.durationMs)} ms:{' '}
            {result.violationCount === 0 ? 'no violations.' : `${formatNumber(result.violationCount)} violations.`}
          </p>
          {result.violations.length > 0 && (
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
          )}
        </div>
      )}
      <h3>History</h3>
      <ErrorBanner error={history.error} />
      {runs.length === 0 ? (
        <p className="muted">{history.isPending ? 'Loading…' : 'No reconciliation has run yet.'}</p>
      ) : (
        <div className="table-scroll">
          <table className="table" data-testid="reconcile-history">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Run by</th>
                <th scope="col" className="num">
                  Users
                </th>
                <th scope="col" className="num">
                  Violations
                </th>
                <th scope="col" className="num">
                  Took
                </th>
              </tr>
            </thead>
            <tbody>
              {runs.map((r) => (
                <tr key={r.id} data-violations={r.violationCount}>
                  <td>{formatDate(r.createdAt)}</td>
                  <td>
                    {r.trigger === 'manual' ? (
                      r.adminId ? (
                        <a href={hrefFor({ name: 'user', userId: r.adminId })}>admin #{r.adminId}</a>
                      ) : (
                        'admin'
                      )
                    ) : (
                      'schedule'
                    )}
                  </td>
                  <td className="num">{formatNumber(r.checkedUsers)}</td>
                  <td className={`num ${r.violationCount ? 'minus' : ''}`}>{formatNumber(r.violationCount)}</td>
                  <td className="num">{formatNumber(r.durationMs)} ms</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <MoreButton list={history} label="Older runs" />
    </section>
  );
}
