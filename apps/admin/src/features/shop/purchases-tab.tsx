/** Purchases of every player, filtered and paged; a row opens the detail drawer. */
import { ErrorBanner, formatDate, Loading, MoreButton, useDebounced, useTRPC } from '@casino/ui';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { formatPrice } from './format';
import { type AdminPurchase, PurchaseDrawer } from './purchase-drawer';
import { NO_PURCHASE_FILTERS, type PurchaseFilters, PurchaseFiltersForm, toPurchaseInput } from './purchase-filters';

export function PurchasesTab({ presetUserId }: { presetUserId?: number | undefined }) {
  const trpc = useTRPC();
  const [filters, setFilters] = useState<PurchaseFilters>({ ...NO_PURCHASE_FILTERS, userId: presetUserId ? String(presetUserId) : '' });
  const settled = useDebounced(filters, 300);
  const list = useInfiniteQuery(
    trpc.admin.shop.purchases.infiniteQueryOptions(toPurchaseInput(settled), { getNextPageParam: (p) => p.nextCursor ?? undefined }),
  );
  const [openId, setOpenId] = useState<string | null>(null);
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const open: AdminPurchase | undefined = rows.find((r) => r.id === openId);

  return (
    <div className="stack" data-testid="shop-purchases">
      <PurchaseFiltersForm value={filters} onChange={setFilters} />
      {list.isPending && <Loading />}
      <ErrorBanner error={list.error} />
      {list.isSuccess && rows.length === 0 && <p className="muted">No purchases match.</p>}
      {rows.length > 0 && (
        <div className="rtable-wrap">
          <table className="table rtable">
            <thead>
              <tr>
                <th>When</th>
                <th>Player</th>
                <th>Product</th>
                <th className="num">Amount</th>
                <th>Status</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {rows.map((p) => (
                <tr key={p.id} data-testid="purchase-row" data-status={p.status} data-sku={p.sku}>
                  <td data-label="When">{formatDate(p.createdAt)}</td>
                  <td data-label="Player">
                    {p.nickname} <span className="muted">#{p.userId}</span>
                  </td>
                  <td data-label="Product" className="rt-title">
                    {p.productName}
                    {p.quantity > 1 ? ` ×${p.quantity}` : ''} <span className="mono muted small-text">{p.sku}</span>
                  </td>
                  <td data-label="Amount" className="num">
                    {formatPrice(p.currency, p.amount)}
                    {p.promoCode && <span className="muted small-text"> ({p.promoCode})</span>}
                  </td>
                  <td data-label="Status">
                    <span className={`badge status-${p.status}`}>{p.status}</span>
                    {p.flaggedForReview && <span className="badge bad-badge">review</span>}
                    {p.failureReason && <span className="muted small-text"> {p.failureReason}</span>}
                  </td>
                  <td className="rt-actions">
                    <button type="button" className="small" onClick={() => setOpenId(p.id)} data-testid="purchase-open">
                      Details
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <MoreButton list={list} label="Load more" testId="more-purchases" />
      {open && <PurchaseDrawer key={open.id} purchase={open} onClose={() => setOpenId(null)} />}
    </div>
  );
}
