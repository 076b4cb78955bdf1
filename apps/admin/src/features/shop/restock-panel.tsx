/** Restocking one limited package: a number of units, asked once more in the confirmation dialog. */
import { ErrorBanner, Field, useTRPC } from '@casino/ui';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { ConfirmAction } from '../../components/confirm-action';
import { formatNumber } from '../../lib/format';
import { parseWhole } from './format';
import type { Stock } from './limited-tab';

export function RestockPanel({ row, onClose, onDone }: { row: Stock; onClose: () => void; onDone: (message: string) => void }) {
  const trpc = useTRPC();
  const [add, setAdd] = useState('');
  const [error, setError] = useState<string | null>(null);
  const restock = useMutation(
    trpc.admin.shop.limited.restock.mutationOptions({
      onSuccess: (r) => onDone(`${row.sku}: stock is now ${formatNumber(r.stockTotal)} (${formatNumber(r.stockSold)} sold).`),
    }),
  );
  const value = parseWhole(add, 1, 10_000_000);
  const valid = () => {
    const ok = typeof value === 'number';
    setError(ok ? null : 'A whole number of units from 1.');
    return ok;
  };
  return (
    <section className="card stack tight edit-panel" aria-label={`Restock ${row.sku}`} data-testid="limited-restock-panel">
      <div className="row between">
        <h3>
          Restock {row.name} <span className="mono muted small-text">{row.sku}</span>
        </h3>
        <button type="button" className="small" onClick={onClose}>
          Close
        </button>
      </div>
      <p className="small-text muted">
        {formatNumber(row.stockSold)} of {formatNumber(row.stockTotal)} sold.
      </p>
      <Field
        label="Add units"
        name={`limited-add-${row.sku}`}
        inputMode="numeric"
        value={add}
        onChange={(e) => setAdd(e.target.value)}
        error={error ?? undefined}
      />
      <ConfirmAction
        label="Restock"
        title={`Restock ${row.sku}?`}
        confirmLabel={typeof value === 'number' ? `Add ${formatNumber(value)} units` : 'Add'}
        className="primary small"
        pending={restock.isPending}
        canOpen={valid}
        onConfirm={() => typeof value === 'number' && restock.mutate({ sku: row.sku, add: value })}
        testId="limited-restock"
      >
        <p>
          The stock grows by {typeof value === 'number' ? formatNumber(value) : '—'} units, to{' '}
          {typeof value === 'number' ? formatNumber(row.stockTotal + value) : '—'}.
        </p>
      </ConfirmAction>
      <ErrorBanner error={restock.error} testId="limited-restock-error" />
    </section>
  );
}
