import { ErrorBanner, formatDate, Loading, MoreButton, useTRPC } from '@casino/ui';
import { useInfiniteQuery } from '@tanstack/react-query';
import { formatPrice, grantLines } from './format';
import { refusalMessage } from './refusal';

const STATUS_LABEL: Record<string, string> = {
  pending: 'Processing',
  authorized: 'Processing',
  completed: 'Completed',
  failed: 'Failed',
  refunded: 'Refunded',
};

/** The player's purchases, newest first, paged (economy.shop.purchases). */
export function PurchaseHistory() {
  const trpc = useTRPC();
  const list = useInfiniteQuery(
    trpc.economy.shop.purchases.infiniteQueryOptions({ limit: 10 }, { getNextPageParam: (p) => p.nextCursor ?? undefined }),
  );
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section className="card stack" data-testid="purchase-history" aria-labelledby="history-title">
      <h2 id="history-title">Purchase history</h2>
      {list.isPending && <Loading />}
      <ErrorBanner error={list.error} />
      {list.isSuccess && rows.length === 0 && <p className="muted">No purchases yet.</p>}
      <ul className="ledger">
        {rows.map((p) => {
          const got = grantLines(p.granted)
            .map((g) => g.text)
            .join(' · ');
          return (
            <li key={p.id} data-testid="purchase-row" data-status={p.status} data-sku={p.sku}>
              <div className="ledger-main">
                <span>
                  {p.productName}
                  {p.quantity > 1 ? ` ×${p.quantity}` : ''}
                </span>
                <span className={p.status === 'completed' ? '' : 'muted'}>{formatPrice(p.currency, p.amount)}</span>
              </div>
              <div className="ledger-sub muted">
                <span>
                  <span className={`status status-${p.status}`}>{STATUS_LABEL[p.status] ?? p.status}</span>
                  {p.status === 'completed' && got ? ` · ${got}` : ''}
                  {p.promoCode ? ` · ${p.promoCode} −${formatPrice(p.currency, p.promoDiscount)}` : ''}
                </span>
                <span>{formatDate(p.createdAt)}</span>
              </div>
              {p.failureReason && (
                <p className="small-text minus-text" data-testid="purchase-failure">
                  {refusalMessage(p.failureReason)}
                </p>
              )}
            </li>
          );
        })}
      </ul>
      <MoreButton list={list} label="Show more" testId="more-purchases" />
    </section>
  );
}
