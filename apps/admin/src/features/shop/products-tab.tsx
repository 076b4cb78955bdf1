/** Every product, active or not: edit, create, and activate / deactivate (asks once more). */
import { ErrorBanner, formatDate, formatNumber, Loading, type RouterOutputs, useTRPC } from '@casino/ui';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ConfirmAction } from '../../components/confirm-action';
import { type Column, DataTable } from '../../components/data-table';
import { Flash, useFlash } from '../../components/flash';
import { useClientTable } from '../../components/use-client-table';
import { formatCount, formatPercentValue, formatShortDate } from '../../lib/format';
import { useIsAdmin } from '../../lib/role';
import { formatGranted, formatPrice, useRefreshShop } from './format';
import { ProductForm } from './product-form';
import { KIND_LABEL } from './product-form-state';

type Product = RouterOutputs['admin']['shop']['products']['list'][number];

export function ProductsTab() {
  const trpc = useTRPC();
  const refresh = useRefreshShop();
  const list = useQuery(trpc.admin.shop.products.list.queryOptions());
  const [editing, setEditing] = useState<string | null>(null);
  const flash = useFlash();
  const isAdmin = useIsAdmin();
  const done = (message: string) => {
    flash.show(message);
    refresh();
  };
  const activate = useMutation(
    trpc.admin.shop.products.activate.mutationOptions({ onSuccess: (_r, v) => done(`${v.sku} is listed in the shop.`) }),
  );
  const deactivate = useMutation(
    trpc.admin.shop.products.deactivate.mutationOptions({ onSuccess: (_r, v) => done(`${v.sku} is hidden from the shop.`) }),
  );
  const busy = activate.isPending || deactivate.isPending;
  const rows = list.data ?? [];
  const table = useClientTable(rows, { key: 'name', dir: 'asc' }, (p, k) => (k === 'price' ? p.priceAmount : p[k as keyof Product]));
  const columns: Column<Product>[] = [
    {
      key: 'name',
      header: 'Product',
      sortable: true,
      cell: (p) => (
        <>
          <strong>{p.name}</strong>
          <div className="muted small-text">
            <span className="mono">{p.sku}</span> · {KIND_LABEL[p.kind]}
          </div>
        </>
      ),
    },
    {
      key: 'price',
      header: 'Price',
      numeric: true,
      sortable: true,
      cell: (p) => {
        const running = p.discountPercent > 0 && (!p.discountEndsAt || p.discountEndsAt > new Date());
        return (
          <>
            {formatPrice(p.priceCurrency, p.priceAmount)}
            {p.discountPercent > 0 && (
              <div
                className={`small-text ${running ? 'sale-text' : 'muted'}`}
                title={p.discountEndsAt ? formatDate(p.discountEndsAt) : 'no end'}
              >
                −{formatPercentValue(p.discountPercent)}
                {p.discountEndsAt ? ` ${running ? 'until' : 'ended'} ${formatShortDate(p.discountEndsAt)}` : ''}
              </div>
            )}
          </>
        );
      },
    },
    { key: 'grants', header: 'Grants', cell: (p) => formatGranted(p.grants) },
    {
      key: 'limits',
      header: 'Limits',
      wide: true,
      cell: (p) => (
        <>
          {p.minRank !== 'STANDARD' && <div>{p.minRank} only</div>}
          {p.stockTotal !== null && (
            <div>
              {formatNumber(p.stockSold)} / {formatNumber(p.stockTotal)} sold
              {p.perUserLimit ? ` · ${formatNumber(p.perUserLimit)} per player` : ''}
            </div>
          )}
          {p.minRank === 'STANDARD' && p.stockTotal === null && <span className="muted">—</span>}
        </>
      ),
    },
    {
      key: 'isActive',
      header: 'Status',
      sortable: true,
      cell: (p) => (
        <>
          <span className={`badge ${p.isActive ? 'ok-badge' : ''}`} data-testid="product-status">
            {p.isActive ? 'active' : 'inactive'}
          </span>
          {p.disabled && <span className="badge bad-badge">sales stopped</span>}
        </>
      ),
    },
  ];
  if (isAdmin) {
    columns.push({
      key: 'actions',
      header: 'Actions',
      actions: true,
      cell: (p) => (
        <span className="row">
          <button type="button" className="small" onClick={() => setEditing(p.sku)} data-testid="product-edit">
            Edit
          </button>
          {p.isActive ? (
            <ConfirmAction
              label="Deactivate"
              title={`Hide ${p.name} from the shop?`}
              confirmLabel="Hide from shop"
              danger
              disabled={busy}
              onConfirm={() => deactivate.mutate({ sku: p.sku })}
              testId="product-deactivate"
            >
              <p>Players stop seeing it at once; purchases already made are not touched. You can list it again later.</p>
            </ConfirmAction>
          ) : (
            <ConfirmAction
              label="Activate"
              title={`List ${p.name} in the shop?`}
              confirmLabel="List in shop"
              disabled={busy}
              onConfirm={() => activate.mutate({ sku: p.sku })}
              testId="product-activate"
            >
              <p>Players can buy it as soon as it is listed.</p>
            </ConfirmAction>
          )}
        </span>
      ),
    });
  }
  const current = editing && editing !== 'new' ? rows.find((p) => p.sku === editing) : undefined;

  return (
    <div className="stack" data-testid="shop-products">
      <div className="row between">
        <p className="muted small-text">
          {formatCount(rows.length, 'product')} · {formatNumber(rows.filter((p) => p.isActive).length)} active
        </p>
        {isAdmin && (
          <button
            type="button"
            className="primary"
            onClick={() => {
              setEditing('new');
            }}
            disabled={editing === 'new'}
            data-testid="product-new"
          >
            New product
          </button>
        )}
      </div>
      {editing && (editing === 'new' || current) && (
        <ProductForm
          key={editing}
          product={current ?? null}
          onDone={(sku) => {
            setEditing(null);
            if (sku) flash.show(`Saved ${sku}.`);
          }}
        />
      )}
      <Flash message={flash.message} testId="product-saved" />
      {list.isPending && <Loading />}
      <ErrorBanner error={list.error ?? activate.error ?? deactivate.error} testId="products-error" />
      <DataTable
        rows={table.rows}
        columns={columns}
        rowKey={(p) => p.sku}
        caption="Shop products"
        empty="No products yet."
        sort={table.sort}
        onSort={table.onSort}
        page={table.page}
        loading={list.isPending}
        testId="products-table"
        rowTestId="product-row"
        rowAttrs={(p) => ({ 'data-sku': p.sku, 'data-active': String(p.isActive) })}
      />
    </div>
  );
}
