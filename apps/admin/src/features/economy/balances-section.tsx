import { ErrorBanner, useTRPC } from '@casino/ui';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { type Column, DataTable } from '../../components/data-table';
import { useClientTable } from '../../components/use-client-table';
import { hrefFor } from '../../lib/router';
import type { Currency } from './flows';

/** The players holding the most gold or gems. */
export function BalancesSection() {
  const trpc = useTRPC();
  const [currency, setCurrency] = useState<Currency>('gold');
  const top = useQuery(trpc.admin.economy.topBalances.queryOptions({ currency, limit: 20 }));
  const ranked = (top.data ?? []).map((u, i) => ({ ...u, place: i + 1 }));
  const table = useClientTable(ranked, { key: 'place', dir: 'asc' });
  const columns: Column<(typeof ranked)[number]>[] = [
    { key: 'place', header: '#', numeric: true, sortable: true, cell: (u) => u.place },
    {
      key: 'nickname',
      header: 'Player',
      sortable: true,
      cell: (u) => (
        <>
          <a href={hrefFor({ name: 'user', userId: u.userId })}>{u.nickname}</a> <span className="muted small-text">{u.siteId}</span>
        </>
      ),
    },
    { key: 'rank', header: 'Rank', sortable: true, cell: (u) => u.rank },
    { key: 'balance', header: currency === 'gold' ? 'Gold' : 'Gems', numeric: true, sortable: true, cell: (u) => u.balance },
  ];
  return (
    <section className="card stack" aria-labelledby="top-title" data-testid="economy-top">
      <div className="row between">
        <h2 id="top-title">Top balances</h2>
        <select value={currency} onChange={(e) => setCurrency(e.target.value as Currency)} aria-label="Currency" data-testid="top-currency">
          <option value="gold">Gold</option>
          <option value="gems">Gems</option>
        </select>
      </div>
      <ErrorBanner error={top.error} />
      <DataTable
        rows={table.rows}
        columns={columns}
        rowKey={(u) => u.userId}
        caption={`Top ${currency} balances`}
        empty="No players yet."
        sort={table.sort}
        onSort={table.onSort}
        page={table.page}
        loading={top.isPending}
      />
    </section>
  );
}
