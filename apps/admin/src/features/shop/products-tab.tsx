/** Every product, active or not: edit, create, and activate / deactivate (asks once more). */
import { ErrorBanner, formatDate, formatNumber, Loading, useTRPC } from '@casino/ui';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ConfirmButton } from './confirm-button';
import { formatGranted, formatPrice, useRefreshShop } from './format';
import { ProductForm } from './product-form';
import { KIND_LABEL } from './product-form-state';

const short = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric' });
const shortDate = (d: Date) => short.format(d);

export function ProductsTab() {
  const trpc = useTRPC();
  const refresh = useRefreshShop();
  const list = useQuery(trpc.admin.shop.products.list.queryOptions());
  const [editing, setEditing] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const activate = useMutation(trpc.admin.shop.products.activate.mutationOptions({ onSuccess: refresh }));
  const deactivate = useMutation(trpc.admin.shop.products.deactivate.mutationOptions({ onSuccess: refresh }));
  const busy = activate.isPending || deactivate.isPending;
  const rows = list.data ?? [];
  const current = editing && editing !== 'new' ? rows.find((p) => p.sku === editing) : undefined;

  return (
    <div className="stack" data-testid="shop-products">
      <div className="row between">
        <p className="muted small-text">
          {rows.length} products · {rows.filter((p) => p.isActive).length} active
        </p>
        <button
          type="button"
          className="primary"
          onClick={() => {
            setSaved(null);
            setEditing('new');
          }}
          disabled={editing === 'new'}
          data-testid="product-new"
        >
          New product
        </button>
      </div>
      {editing && (editing === 'new' || current) && (
        <ProductForm
          key={editing}
          product={current ?? null}
          onDone={(sku) => {
            setEditing(null);
            setSaved(sku || null);
          }}
        />
      )}
      {saved && (
        <p className="banner banner-ok" data-testid="product-saved">
          Saved <strong className="mono">{saved}</strong>.
        </p>
      )}
      {list.isPending && <Loading />}
      <ErrorBanner error={list.error ?? activate.error ?? deactivate.error} testId="products-error" />
      {list.isSuccess && (
        <div className="rtable-wrap">
          <table className="table rtable">
            <thead>
              <tr>
                <th>Product</th>
                <th className="num">Price</th>
                <th>Grants</th>
                <th>Limits</th>
                <th>Status</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {rows.map((p) => {
                const running = p.discountPercent > 0 && (!p.discountEndsAt || p.discountEndsAt > new Date());
                return (
                  <tr key={p.sku} data-testid="product-row" data-sku={p.sku} data-active={p.isActive}>
                    <td data-label="Product" className="rt-title">
                      <strong>{p.name}</strong>
                      <div className="muted small-text">
                        <span className="mono">{p.sku}</span> · {KIND_LABEL[p.kind]}
                      </div>
                    </td>
                    <td data-label="Price" className="num">
                      <div>
                        {formatPrice(p.priceCurrency, p.priceAmount)}
                        {p.discountPercent > 0 && (
                          <div
                            className={`small-text ${running ? 'sale-text' : 'muted'}`}
                            title={p.discountEndsAt ? formatDate(p.discountEndsAt) : 'no end'}
                          >
                            −{p.discountPercent}%{p.discountEndsAt ? ` ${running ? 'until' : 'ended'} ${shortDate(p.discountEndsAt)}` : ''}
                          </div>
                        )}
                      </div>
                    </td>
                    <td data-label="Grants" className="wrap">
                      {formatGranted(p.grants)}
                    </td>
                    <td data-label="Limits" className="wrap">
                      <div>
                        {p.minRank !== 'STANDARD' && <div>{p.minRank} only</div>}
                        {p.stockTotal !== null && (
                          <div>
                            {formatNumber(p.stockSold)} / {formatNumber(p.stockTotal)} sold
                            {p.perUserLimit ? ` · ${p.perUserLimit} per player` : ''}
                          </div>
                        )}
                        {p.minRank === 'STANDARD' && p.stockTotal === null && <span className="muted">—</span>}
                      </div>
                    </td>
                    <td data-label="Status">
                      <span>
                        <span className={`badge ${p.isActive ? 'ok-badge' : ''}`} data-testid="product-status">
                          {p.isActive ? 'active' : 'inactive'}
                        </span>
                        {p.disabled && <span className="badge bad-badge">sales stopped</span>}
                      </span>
                    </td>
                    <td className="rt-actions">
                      <span className="row">
                        <button
                          type="button"
                          className="small"
                          onClick={() => {
                            setSaved(null);
                            setEditing(p.sku);
                          }}
                          data-testid="product-edit"
                        >
                          Edit
                        </button>
                        {p.isActive ? (
                          <ConfirmButton
                            label="Deactivate"
                            confirmLabel="Confirm: hide from shop"
                            danger
                            disabled={busy}
                            onConfirm={() => deactivate.mutate({ sku: p.sku })}
                            testId="product-deactivate"
                          />
                        ) : (
                          <ConfirmButton
                            label="Activate"
                            confirmLabel="Confirm: list in shop"
                            disabled={busy}
                            onConfirm={() => activate.mutate({ sku: p.sku })}
                            testId="product-activate"
                          />
                        )}
                      </span>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
