import { ErrorBanner, formatDate, formatNumber, MoreButton, useDebounced, useTRPC } from '@casino/ui';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { hrefFor } from '../../lib/router';
import type { Currency } from './flows';
import { reasonLabel } from './reasons';

const DEFAULT_MIN = 10_000;

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
      {items.length > 0 ? (
        <div className="table-scroll">
          <table className="table" data-testid="moves-table">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Player</th>
                <th scope="col">Reason</th>
                <th scope="col" className="num">
                  Amount
                </th>
                <th scope="col" className="num">
                  Balance after
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((m) => (
                <tr key={m.id}>
                  <td>{formatDate(m.createdAt)}</td>
                  <td>
                    <a href={hrefFor({ name: 'user', userId: m.userId })}>{m.nickname}</a>
                  </td>
                  <td title={m.reason}>{reasonLabel(m.reason)}</td>
                  <td className={`num ${m.delta > 0 ? 'plus' : 'minus'}`}>
                    {m.delta > 0 ? '+' : '−'}
                    {formatNumber(Math.abs(m.delta))} {m.currency}
                  </td>
                  <td className="num">{formatNumber(m.balanceAfter)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="muted">{list.isPending && valid ? 'Loading…' : 'No movement that large.'}</p>
      )}
      <MoreButton list={list} label="Older" />
    </section>
  );
}
