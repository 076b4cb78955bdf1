import { ErrorBanner, formatDate, formatNumber, MoreButton, type RouterOutputs, useDebounced, useTRPC } from '@casino/ui';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { type Column, DataTable } from '../../components/data-table';
import { useClientTable } from '../../components/use-client-table';
import { ledgerReason } from '../../lib/format';
import { hrefFor } from '../../lib/router';
import type { Currency } from './flows';

type Move = RouterOutputs['admin']['economy']['largeMovements']['items'][number];

const DEFAULT_MIN = 10_000;

const COLUMNS: Column<Move>[] = [
  { key: 'createdAt', header: 'When', sortable: true, cell: (m) => formatDate(m.createdAt) },
  {
    key: 'nickname',
    header: 'Player',
    sortable: true,
    cell: (m) => <a href={hrefFor({ name: 'user', userId: m.userId })}>{m.nickname}</a>,
  },
  { key: 'reason', header: 'Reason', sortable: true, cell: (m) => <span title={m.reason}>{ledgerReason(m.reason)}</span> },
  {
    key: 'size',
    header: 'Amount',
    numeric: true,
    sortable: true,
    cell: (m) => (
      <span className={m.delta > 0 ? 'plus' : 'minus'}>
        {m.delta > 0 ? '+' : '−'}
        {formatNumber(Math.abs(m.delta))} {m.currency}
      </span>
    ),
  },
  { key: 'balanceAfter', header: 'Balance after', numeric: true, cell: (m) => m.balanceAfter },
];
const columns = COLUMNS;

/** Single ledger entries of at least a threshold either way, newest first. */
export function MovementsSection() {
  const trpc = useTRPC();
  const [currency, setCurrency] = useState<Currency | ''>('');
  const [minText, setMinText] = useState(String(DEFAULT_MIN));
  const min = useDebounced(Number(minText), 300);
  const valid = Number.isSafeInteger(min) && min >= 1;
  const list = useInfiniteQuery({
    ...trpc.admin.economy.largeMovements.infiniteQueryOptions(
      { minAmount: valid ? min : DEFAULT_MIN, ...(currency ? { currency } : {}), limit: 20 },
      { getNextPageParam: (p) => p.nextCursor ?? undefined },
    ),
    enabled: valid,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const table = useClientTable(items, { key: 'createdAt', dir: 'desc' }, (m, k) => (k === 'size' ? Math.abs(m.delta) : m[k as keyof Move]));
  return (
    <section className="card stack" aria-labelledby="moves-title" data-testid="economy-movements">
      <h2 id="moves-title">Large movements</h2>
      <div className="row">
        <label className="row">
          <span className="muted small-text">At least</span>
          <input
            type="number"
            inputMode="numeric"
            min={1}
            value={minText}
            onChange={(e) => setMinText(e.target.value)}
            aria-invalid={!valid}
            className="narrow"
            data-testid="moves-min"
          />
        </label>
        <select value={currency} onChange={(e) => setCurrency(e.target.value as Currency | '')} aria-label="Currency">
          <option value="">Gold and gems</option>
          <option value="gold">Gold</option>
          <option value="gems">Gems</option>
        </select>
      </div>
      {!valid && <p className="field-error">Enter a whole amount of at least 1.</p>}
      <ErrorBanner error={list.error} />
      <DataTable
        rows={table.rows}
        columns={columns}
        rowKey={(m) => m.id}
        caption="Large ledger movements"
        empty={valid ? 'No movement that large.' : ' '}
        sort={table.sort}
        onSort={table.onSort}
        page={table.page}
        loading={list.isPending && valid}
        testId="moves-table"
      />
      <MoreButton list={list} label="Older" />
    </section>
  );
}
