import { ErrorBanner, formatNumber, useTRPC } from '@casino/ui';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { type Column, DataTable } from '../../components/data-table';
import { useClientTable } from '../../components/use-client-table';
import { type Currency, type FlowTotals, flowChart, flowTotals } from './flows';
import { FlowsChart } from './flows-chart';

const RANGES = [7, 14, 30, 90] as const;

const FLOW_COLUMNS: Column<FlowTotals>[] = [
  { key: 'label', header: 'Reason', sortable: true, cell: (t) => <span title={t.reason}>{t.label}</span> },
  {
    key: 'credits',
    header: 'Created',
    numeric: true,
    sortable: true,
    cell: (t) => <span className="plus">{t.credits ? `+${formatNumber(t.credits)}` : '—'}</span>,
  },
  {
    key: 'debits',
    header: 'Destroyed',
    numeric: true,
    sortable: true,
    cell: (t) => <span className="minus">{t.debits ? `−${formatNumber(t.debits)}` : '—'}</span>,
  },
  { key: 'net', header: 'Net', numeric: true, sortable: true, cell: (t) => signed(t.credits - t.debits) },
  { key: 'entries', header: 'Entries', numeric: true, sortable: true, cell: (t) => t.entries },
];

/** Sources and sinks per day and reason, for one currency, in the browser's time zone. */
export function FlowsSection({ timeZone }: { timeZone: string }) {
  const trpc = useTRPC();
  const [currency, setCurrency] = useState<Currency>('gold');
  const [days, setDays] = useState<(typeof RANGES)[number]>(14);
  const flows = useQuery({ ...trpc.admin.economy.flows.queryOptions({ timeZone, days }), placeholderData: keepPreviousData });
  const f = flows.data;
  const chart = f ? flowChart(f, currency) : null;
  const totals = f ? flowTotals(f, currency) : [];
  const table = useClientTable(totals, undefined, (t, k) => (k === 'net' ? t.credits - t.debits : t[k as keyof FlowTotals]), 50);
  const sum = totals.reduce((s, t) => ({ credits: s.credits + t.credits, debits: s.debits + t.debits }), { credits: 0, debits: 0 });

  return (
    <section className="card stack" aria-labelledby="flows-title" data-testid="economy-flows">
      <div className="row between">
        <h2 id="flows-title">Sources and sinks</h2>
        <div className="row">
          <fieldset className="segmented">
            <legend className="visually-hidden">Currency</legend>
            {(['gold', 'gems'] as const).map((c) => (
              <label key={c}>
                <input
                  type="radio"
                  name="flows-currency"
                  checked={currency === c}
                  onChange={() => setCurrency(c)}
                  data-testid={`flows-${c}`}
                />
                {c === 'gold' ? 'Gold' : 'Gems'}
              </label>
            ))}
          </fieldset>
          <label className="row">
            <span className="muted small-text">Period</span>
            <select value={days} onChange={(e) => setDays(Number(e.target.value) as (typeof RANGES)[number])} data-testid="flows-days">
              {RANGES.map((d) => (
                <option key={d} value={d}>
                  Last {d} days
                </option>
              ))}
            </select>
          </label>
        </div>
      </div>
      <ErrorBanner error={flows.error} />
      {f && (
        <p className="muted small-text" data-testid="economy-supply">
          Held by players now: <strong>{formatNumber(f.supply.gold)}</strong> gold · <strong>{formatNumber(f.supply.gems)}</strong> gems.
          Days in {f.timeZone}.
        </p>
      )}
      {chart && chart.series.length > 0 ? (
        <figure className="chart" data-testid="flows-chart" data-series={chart.series.length}>
          <figcaption className="visually-hidden">
            {currency} created: {formatNumber(sum.credits)}, destroyed: {formatNumber(sum.debits)} over {days} days.
          </figcaption>
          <FlowsChart data={chart.data} series={chart.series} unit={currency} />
        </figure>
      ) : (
        <p className="muted">{flows.isPending ? 'Loading…' : `No ${currency} moved in the last ${days} days.`}</p>
      )}
      {totals.length > 0 && (
        <DataTable
          rows={table.rows}
          columns={FLOW_COLUMNS}
          rowKey={(t) => t.reason}
          caption={`${currency} created and destroyed per reason`}
          sort={table.sort}
          onSort={table.onSort}
          page={table.page}
          testId="flows-table"
          rowAttrs={(t) => ({ 'data-reason': t.reason })}
          footer={
            <tr>
              <th scope="row">Total</th>
              <td className="num plus">+{formatNumber(sum.credits)}</td>
              <td className="num minus">−{formatNumber(sum.debits)}</td>
              <td className="num" data-testid="flows-net">
                {signed(sum.credits - sum.debits)}
              </td>
              <td />
            </tr>
          }
        />
      )}
    </section>
  );
}

const signed = (n: number) => (n > 0 ? `+${formatNumber(n)}` : n < 0 ? `−${formatNumber(-n)}` : '0');
