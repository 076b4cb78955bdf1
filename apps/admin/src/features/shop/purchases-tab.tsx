/** Purchases of every player, filtered and paged; a row opens the detail drawer. */
import { ErrorBanner, formatDate, formatNumber, Loading, MoreButton, useDebounced, useTRPC } from '@casino/ui';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { type Column, DataTable } from '../../components/data-table';
import { useClientTable } from '../../components/use-client-table';
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
  const table = useClientTable(rows, { key: 'createdAt', dir: 'desc' });
  const columns: Column<AdminPurchase>[] = [
    { key: 'createdAt', header: 'When', sortable: true, cell: (p) => formatDate(p.createdAt) },
    {
      key: 'nickname',
      header: 'Player',
      sortable: true,
      cell: (p) => (
        <>
          {p.nickname} <span className="muted">#{p.userId}</span>
        </>
      ),
    },
    {
      key: 'productName',
      header: 'Product',
      sortable: true,
      cell: (p) => (
        <>
          {p.productName}
          {p.quantity > 1 ? ` ×${formatNumber(p.quantity)}` : ''} <span className="mono muted small-text">{p.sku}</span>
        </>
      ),
    },
    {
      key: 'amount',
      header: 'Amount',
      numeric: true,
      sortable: true,
      cell: (p) => (
        <>
          {formatPrice(p.currency, p.amount)}
          {p.promoCode && <span className="muted small-text"> ({p.promoCode})</span>}
        </>
      ),
    },
    {
      key: 'status',
      header: 'Status',
      sortable: true,
      cell: (p) => (
        <>
          <span className={`badge status-${p.status}`}>{p.status}</span>
          {p.flaggedForReview && <span className="badge bad-badge">review</span>}
          {p.failureReason && <span className="muted small-text"> {p.failureReason}</span>}
        </>
      ),
    },
    {
      key: 'open',
      header: 'Details',
      cell: (p) => (
        <button type="button" className="small" onClick={() => setOpenId(p.id)} data-testid="purchase-open">
          Details
        </button>
      ),
    },
  ];

  return (
    <div className="stack" data-testid="shop-purchases">
      <PurchaseFiltersForm value={filters} onChange={setFilters} />
      {list.isPending && <Loading />}
      <ErrorBanner error={list.error} />
      <DataTable
        rows={table.rows}
        columns={columns}
        rowKey={(p) => p.id}
        caption="Purchases"
        empty="No purchases match."
        sort={table.sort}
        onSort={table.onSort}
        page={table.page}
        loading={list.isPending}
        testId="purchases-table"
        rowTestId="purchase-row"
        rowAttrs={(p) => ({ 'data-status': p.status, 'data-sku': p.sku })}
      />
      <MoreButton list={list} label="Load more" testId="more-purchases" />
      {open && <PurchaseDrawer key={open.id} purchase={open} onClose={() => setOpenId(null)} />}
    </div>
  );
}
