/**
 * Limited packages: stock as the database counts it beside the units held by purchases and
 * the reservations Redis holds right now; the emergency switch (a reason, asked once more)
 * and restocking.
 */
import { ErrorBanner, Field, formatNumber, Loading, type RouterOutputs, useTRPC } from '@casino/ui';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ConfirmButton } from './confirm-button';
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
  const [done, setDone] = useState<string | null>(null);
  const finish = (message: string) => {
    setDone(message);
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
    setDone(null);
    const ok = reason.trim().length >= 3;
    setReasonError(ok ? null : 'Say why (at least 3 characters); it goes into the audit log.');
    return ok;
  };
  const addValue = parseWhole(add, 1, 10_000_000);
  const addOk = () => {
    setDone(null);
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
            <ConfirmButton
              label="Enable sales"
              confirmLabel="Confirm: resume sales"
              disabled={pending}
              canArm={reasonOk}
              onConfirm={() => enable.mutate({ sku: row.sku, reason: reason.trim() })}
              testId="limited-enable"
            />
          ) : (
            <ConfirmButton
              label="Emergency disable"
              confirmLabel="Confirm: stop sales now"
              danger
              disabled={pending}
              canArm={reasonOk}
              onConfirm={() => disable.mutate({ sku: row.sku, reason: reason.trim() })}
              testId="limited-disable"
            />
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
          <ConfirmButton
            label="Restock"
            confirmLabel={typeof addValue === 'number' ? `Confirm: +${formatNumber(addValue)} units` : 'Confirm'}
            disabled={pending}
            canArm={addOk}
            onConfirm={() => typeof addValue === 'number' && restock.mutate({ sku: row.sku, add: addValue })}
            testId="limited-restock"
          />
        </div>
      </div>
      {done && (
        <p className="banner banner-ok" data-testid="limited-result">
          {done}
        </p>
      )}
      <ErrorBanner error={disable.error ?? enable.error ?? restock.error} testId="limited-error" />
    </article>
  );
}
