/**
 * Limited packages as a sortable table: stock as the database counts it beside the units held
 * by purchases and the reservations Redis holds right now; the emergency switch (the reason is
 * asked in the confirmation dialog) and restocking (a panel under the table).
 */
import { ErrorBanner, Loading, type RouterOutputs, useTRPC } from '@casino/ui';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ConfirmAction } from '../../components/confirm-action';
import { type Column, DataTable } from '../../components/data-table';
import { Flash, useFlash } from '../../components/flash';
import { useClientTable } from '../../components/use-client-table';
import { formatCount, formatNumber } from '../../lib/format';
import { useIsAdmin } from '../../lib/role';
import { formatWindow, useRefreshShop } from './format';
import { RestockPanel } from './restock-panel';

export type Stock = RouterOutputs['admin']['shop']['limited']['status'][number];

const leftOf = (r: Stock) => Math.max(0, r.stockTotal - r.stockSold);

export function LimitedTab() {
  const trpc = useTRPC();
  const refresh = useRefreshShop();
  const isAdmin = useIsAdmin();
  const flash = useFlash();
  const [restocking, setRestocking] = useState<string | null>(null);
  const status = useQuery(trpc.admin.shop.limited.status.queryOptions(undefined, { refetchInterval: 15_000 }));
  const done = (message: string) => {
    flash.show(message);
    refresh();
  };
  const disable = useMutation(trpc.admin.shop.limited.disable.mutationOptions({ onSuccess: (_r, v) => done(`${v.sku}: sales stopped.`) }));
  const enable = useMutation(trpc.admin.shop.limited.enable.mutationOptions({ onSuccess: (_r, v) => done(`${v.sku}: sales resumed.`) }));
  const busy = disable.isPending || enable.isPending;
  const rows = status.data ?? [];
  const table = useClientTable(rows, { key: 'name', dir: 'asc' }, (r, k) => (k === 'left' ? leftOf(r) : r[k as keyof Stock]));
  const mismatched = rows.filter((r) => r.unitsInPurchases !== r.stockSold);
  const current = rows.find((r) => r.sku === restocking);

  const columns: Column<Stock>[] = [
    {
      key: 'name',
      header: 'Package',
      sortable: true,
      cell: (r) => (
        <>
          <strong>{r.name}</strong>
          <div className="mono muted small-text">{r.sku}</div>
        </>
      ),
    },
    {
      key: 'disabled',
      header: 'State',
      sortable: true,
      cell: (r) => (
        <>
          <span className={`badge ${r.disabled ? 'bad-badge' : 'ok-badge'}`} data-testid="limited-state">
            {r.disabled ? 'disabled' : 'on sale'}
          </span>
          {!r.isActive && <span className="badge">inactive</span>}
        </>
      ),
    },
    { key: 'stockTotal', header: 'Total', numeric: true, sortable: true, cell: (r) => r.stockTotal },
    {
      key: 'stockSold',
      header: 'Sold',
      numeric: true,
      sortable: true,
      cell: (r) => <span data-testid="limited-sold">{formatNumber(r.stockSold)}</span>,
    },
    {
      key: 'unitsInPurchases',
      header: 'In purchases',
      numeric: true,
      wide: true,
      cell: (r) =>
        r.unitsInPurchases === r.stockSold ? (
          r.unitsInPurchases
        ) : (
          <span className="minus" title="Differs from the sold counter">
            {formatNumber(r.unitsInPurchases)} ≠
          </span>
        ),
    },
    {
      key: 'reserved',
      header: 'Reserved',
      numeric: true,
      sortable: true,
      wide: true,
      cell: (r) => <span title="Units held in Redis by purchases in flight">{formatNumber(r.reserved)}</span>,
    },
    {
      key: 'left',
      header: 'Left',
      numeric: true,
      sortable: true,
      cell: (r) => <strong data-testid="limited-left">{formatNumber(leftOf(r))}</strong>,
    },
    { key: 'perUserLimit', header: 'Per player', numeric: true, wide: true, cell: (r) => r.perUserLimit ?? '—' },
    {
      key: 'endsAt',
      header: 'Sale window',
      sortable: true,
      cell: (r) => <span className="small-text">{formatWindow(r.startsAt, r.endsAt)}</span>,
    },
  ];
  if (isAdmin) {
    columns.push({
      key: 'actions',
      header: 'Actions',
      actions: true,
      cell: (r) => (
        <span className="row">
          {r.disabled ? (
            <ConfirmAction
              label="Enable"
              title={`Resume sales of ${r.sku}?`}
              confirmLabel="Resume sales"
              askReason
              disabled={busy}
              onConfirm={(reason) => enable.mutate({ sku: r.sku, reason })}
              testId="limited-enable"
            >
              <p>Players can buy it again at once, within its sale window and stock.</p>
            </ConfirmAction>
          ) : (
            <ConfirmAction
              label="Stop sales"
              title={`Stop sales of ${r.sku} now?`}
              confirmLabel="Stop sales now"
              danger
              askReason
              disabled={busy}
              onConfirm={(reason) => disable.mutate({ sku: r.sku, reason })}
              testId="limited-disable"
            >
              <p>The emergency switch: new purchases are refused at once; purchases in flight finish.</p>
            </ConfirmAction>
          )}
          <button
            type="button"
            className="small"
            aria-expanded={restocking === r.sku}
            onClick={() => setRestocking(restocking === r.sku ? null : r.sku)}
            data-testid="limited-restock-open"
          >
            Restock
          </button>
        </span>
      ),
    });
  }

  return (
    <div className="stack" data-testid="shop-limited">
      <div className="row between">
        <p className="muted small-text">
          {formatCount(rows.length, 'limited package')}. Refreshes every 15 s; reserved = units held in Redis by purchases in flight.
        </p>
        <button type="button" className="small" onClick={() => void status.refetch()} disabled={status.isFetching}>
          {status.isFetching ? 'Refreshing…' : 'Refresh'}
        </button>
      </div>
      {mismatched.length > 0 && (
        <p className="banner banner-error small-text" data-testid="limited-mismatch">
          The sold counter differs from the units held by purchases for {mismatched.map((r) => r.sku).join(', ')}.
        </p>
      )}
      {status.isPending && <Loading />}
      <Flash message={flash.message} testId="limited-result" />
      <ErrorBanner error={status.error ?? disable.error ?? enable.error} testId="limited-error" />
      <DataTable
        rows={table.rows}
        columns={columns}
        rowKey={(r) => r.sku}
        caption="Limited packages"
        empty="No limited packages. Mark a product as limited on the Products tab."
        sort={table.sort}
        onSort={table.onSort}
        page={table.page}
        loading={status.isPending}
        testId="limited-table"
        rowTestId="limited-row"
        rowAttrs={(r) => ({ 'data-sku': r.sku, 'data-disabled': String(r.disabled) })}
      />
      {current && isAdmin && (
        <RestockPanel
          key={current.sku}
          row={current}
          onClose={() => setRestocking(null)}
          onDone={(message) => {
            setRestocking(null);
            done(message);
          }}
        />
      )}
    </div>
  );
}
