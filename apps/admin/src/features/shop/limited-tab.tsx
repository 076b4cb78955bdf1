/**
 * Limited packages: stock as the database counts it beside the units held by purchases and
 * the reservations Redis holds right now; the emergency switch (a reason, asked once more)
 * and restocking.
 */
import { ErrorBanner, Field, formatNumber, Loading, type RouterOutputs, useTRPC } from '@casino/ui';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ConfirmAction } from '../../components/confirm-action';
import { Flash, useFlash } from '../../components/flash';
import { AdminOnly } from '../../lib/role';
import { formatWindow, parseWhole, useRefreshShop } from './format';

type Stock = RouterOutputs['admin']['shop']['limited']['status'][number];

export function LimitedTab() {
  const trpc = useTRPC();
  const status = useQuery(trpc.admin.shop.limited.status.queryOptions(undefined, { refetchInterval: 15_000 }));
  return (
    <div className="stack" data-testid="shop-limited">
      <div className="row between">
        <p className="muted small-text">Refreshes every 15 s. Reserved = units held in Redis by purchases in flight.</p>
        <button type="button" className="small" onClick={() => void status.refetch()} disabled={status.isFetching}>
          {status.isFetching ? 'Refreshing…' : 'Refresh'}
        </button>
      </div>
      {status.isPending && <Loading />}
      <ErrorBanner error={status.error} />
      {status.isSuccess && status.data.length === 0 && (
        <p className="muted">No limited packages. Mark a product as limited on the Products tab.</p>
      )}
      <div className="limited-list">
        {status.data?.map((row) => (
          <LimitedCard key={row.sku} row={row} />
        ))}
      </div>
    </div>
  );
}

function LimitedCard({ row }: { row: Stock }) {
  const trpc = useTRPC();
  const refresh = useRefreshShop();
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [add, setAdd] = useState('');
  const [addError, setAddError] = useState<string | null>(null);
  const flash = useFlash();
  const finish = (message: string) => {
    flash.show(message);
    setReason('');
    setAdd('');
    refresh();
  };
  const disable = useMutation(trpc.admin.shop.limited.disable.mutationOptions({ onSuccess: () => finish('Sales stopped.') }));
  const enable = useMutation(trpc.admin.shop.limited.enable.mutationOptions({ onSuccess: () => finish('Sales resumed.') }));
  const restock = useMutation(
    trpc.admin.shop.limited.restock.mutationOptions({
      onSuccess: (r) => finish(`Stock is now ${formatNumber(r.stockTotal)} (${formatNumber(r.stockSold)} sold).`),
    }),
  );
  const pending = disable.isPending || enable.isPending || restock.isPending;
  const left = Math.max(0, row.stockTotal - row.stockSold);
  const mismatch = row.unitsInPurchases !== row.stockSold;

  const reasonOk = () => {
    const ok = reason.trim().length >= 3;
    setReasonError(ok ? null : 'Say why (at least 3 characters); it goes into the audit log.');
    return ok;
  };
  const addValue = parseWhole(add, 1, 10_000_000);
  const addOk = () => {
    const ok = typeof addValue === 'number';
    setAddError(ok ? null : 'A whole number of units from 1.');
    return ok;
  };

  return (
    <article className="card stack" data-testid="limited-row" data-sku={row.sku} data-disabled={row.disabled}>
      <div className="row between">
        <h3 className="card-title">
          {row.name} <span className="mono muted small-text">{row.sku}</span>
        </h3>
        <span className="row">
          {!row.isActive && <span className="badge">inactive</span>}
          <span className={`badge ${row.disabled ? 'bad-badge' : 'ok-badge'}`} data-testid="limited-state">
            {row.disabled ? 'disabled' : 'on sale'}
          </span>
        </span>
      </div>
      <dl className="stock-grid">
        <div>
          <dt>Total</dt>
          <dd>{formatNumber(row.stockTotal)}</dd>
        </div>
        <div>
          <dt>Sold</dt>
          <dd data-testid="limited-sold">{formatNumber(row.stockSold)}</dd>
        </div>
        <div>
          <dt>In purchases</dt>
          <dd className={mismatch ? 'minus' : ''}>{formatNumber(row.unitsInPurchases)}</dd>
        </div>
        <div>
          <dt title="Units held in Redis by purchases in flight">Reserved</dt>
          <dd>{formatNumber(row.reserved)}</dd>
        </div>
        <div>
          <dt>Left</dt>
          <dd data-testid="limited-left">
            <strong>{formatNumber(left)}</strong>
          </dd>
        </div>
        <div>
          <dt>Per player</dt>
          <dd>{row.perUserLimit ?? '—'}</dd>
        </div>
      </dl>
      <p className="small-text muted">Sale window: {formatWindow(row.startsAt, row.endsAt)}</p>
      {mismatch && (
        <p className="banner banner-error small-text">
          The sold counter ({row.stockSold}) differs from the units held by purchases ({row.unitsInPurchases}).
        </p>
      )}
      <AdminOnly>
        <div className="grid-2 actions-grid">
          <div className="stack tight">
            <Field
              label={row.disabled ? 'Reason to resume sales' : 'Reason for the emergency stop'}
              name={`limited-reason-${row.sku}`}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              error={reasonError ?? undefined}
            />
            {row.disabled ? (
              <ConfirmAction
                label="Enable sales"
                title={`Resume sales of ${row.sku}?`}
                confirmLabel="Resume sales"
                disabled={pending}
                canOpen={reasonOk}
                onConfirm={() => enable.mutate({ sku: row.sku, reason: reason.trim() })}
                testId="limited-enable"
              >
                <p>Players can buy it again at once, within its sale window and stock.</p>
              </ConfirmAction>
            ) : (
              <ConfirmAction
                label="Emergency disable"
                title={`Stop sales of ${row.sku} now?`}
                confirmLabel="Stop sales now"
                danger
                disabled={pending}
                canOpen={reasonOk}
                onConfirm={() => disable.mutate({ sku: row.sku, reason: reason.trim() })}
                testId="limited-disable"
              >
                <p>New purchases are refused at once; purchases in flight finish. Reason: “{reason.trim()}”.</p>
              </ConfirmAction>
            )}
          </div>
          <div className="stack tight">
            <Field
              label="Add units"
              name={`limited-add-${row.sku}`}
              inputMode="numeric"
              value={add}
              onChange={(e) => setAdd(e.target.value)}
              error={addError ?? undefined}
            />
            <ConfirmAction
              label="Restock"
              title={`Restock ${row.sku}?`}
              confirmLabel={typeof addValue === 'number' ? `Add ${formatNumber(addValue)} units` : 'Add'}
              disabled={pending}
              canOpen={addOk}
              onConfirm={() => typeof addValue === 'number' && restock.mutate({ sku: row.sku, add: addValue })}
              testId="limited-restock"
            >
              <p>The stock grows by {typeof addValue === 'number' ? formatNumber(addValue) : '—'} units.</p>
            </ConfirmAction>
          </div>
        </div>
      </AdminOnly>
      <Flash message={flash.message} testId="limited-result" />
      <ErrorBanner error={disable.error ?? enable.error ?? restock.error} testId="limited-error" />
    </article>
  );
}
