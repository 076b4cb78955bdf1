import { ErrorBanner, formatDate, formatNumber, MoreButton, type RouterOutputs, useTRPC } from '@casino/ui';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { type Column, DataTable } from '../../components/data-table';
import { useClientTable } from '../../components/use-client-table';
import { hrefFor } from '../../lib/router';

type Run = RouterOutputs['admin']['economy']['reconcileHistory']['items'][number];

const RUN_COLUMNS: Column<Run>[] = [
  { key: 'createdAt', header: 'When', sortable: true, cell: (r) => formatDate(r.createdAt) },
  {
    key: 'trigger',
    header: 'Run by',
    sortable: true,
    cell: (r) =>
      r.trigger === 'manual' ? (
        r.adminId ? (
          <a href={hrefFor({ name: 'user', userId: r.adminId })}>admin #{r.adminId}</a>
        ) : (
          'admin'
        )
      ) : (
        'schedule'
      ),
  },
  { key: 'checkedUsers', header: 'Users', numeric: true, sortable: true, cell: (r) => r.checkedUsers },
  {
    key: 'violationCount',
    header: 'Violations',
    numeric: true,
    sortable: true,
    cell: (r) => <span className={r.violationCount ? 'minus' : ''}>{formatNumber(r.violationCount)}</span>,
  },
  { key: 'durationMs', header: 'Took', numeric: true, sortable: true, cell: (r) => `${formatNumber(r.durationMs)} ms` },
];

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
  const table = useClientTable(runs, { key: 'createdAt', dir: 'desc' });

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
      <DataTable
        rows={table.rows}
        columns={RUN_COLUMNS}
        rowKey={(r) => r.id}
        caption="Reconciliation runs"
        empty="No reconciliation has run yet."
        sort={table.sort}
        onSort={table.onSort}
        page={table.page}
        loading={history.isPending}
        testId="reconcile-history"
        rowAttrs={(r) => ({ 'data-violations': String(r.violationCount) })}
      />
      <MoreButton list={history} label="Older runs" />
    </section>
  );
}
