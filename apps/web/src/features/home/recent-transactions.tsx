import { ErrorBanner, formatDate, formatNumber, formatSigned, Loading, MoreButton, useTRPC } from '@casino/ui';
import { useInfiniteQuery } from '@tanstack/react-query';
import { ledgerReason } from '../../lib/format';

/** The wallet ledger, newest first; refreshed by the live subscription on every balance change. */
export function RecentTransactions() {
  const trpc = useTRPC();
  const history = useInfiniteQuery(
    trpc.economy.wallet.history.infiniteQueryOptions({ limit: 10 }, { getNextPageParam: (page) => page.nextCursor ?? undefined }),
  );
  const items = history.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <section
      className="card stack"
      aria-busy={history.isPending}
      data-testid="transactions"
      data-widget="transactions"
      data-ready={!history.isPending}
    >
      <h2>Recent transactions</h2>
      {history.isPending && <Loading />}
      <ErrorBanner error={history.error} />
      {history.isSuccess && items.length === 0 && <p className="muted">No transactions yet.</p>}
      <ul className="ledger">
        {items.map((t) => (
          <li key={t.id} data-testid="transaction">
            <div className="ledger-main">
              <span>{ledgerReason(t.reason)}</span>
              <span className={t.delta >= 0 ? 'plus' : 'minus'}>
                {formatSigned(t.delta)} {t.currency}
              </span>
            </div>
            <div className="ledger-sub muted">
              <span>{formatDate(t.createdAt)}</span>
              <span>
                Balance {formatNumber(t.balanceAfter)} {t.currency}
              </span>
            </div>
          </li>
        ))}
      </ul>
      <MoreButton list={history} label="Show more" testId="more-transactions" />
    </section>
  );
}
