import { ErrorBanner, formatNumber, useTRPC } from '@casino/ui';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { hrefFor } from '../../lib/router';
import type { Currency } from './flows';

/** The players holding the most gold or gems. */
export function BalancesSection() {
  const trpc = useTRPC();
  const [currency, setCurrency] = useState<Currency>('gold');
  const top = useQuery(trpc.admin.economy.topBalances.queryOptions({ currency, limit: 20 }));
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
      {top.data && top.data.length > 0 ? (
        <div className="table-scroll">
          <table className="table">
            <thead>
              <tr>
                <th scope="col" className="num">
                  #
                </th>
                <th scope="col">Player</th>
                <th scope="col">Rank</th>
                <th scope="col" className="num">
                  {currency === 'gold' ? 'Gold' : 'Gems'}
                </th>
              </tr>
            </thead>
            <tbody>
              {top.data.map((u, i) => (
                <tr key={u.userId}>
                  <td className="num">{i + 1}</td>
                  <td>
                    <a href={hrefFor({ name: 'user', userId: u.userId })}>{u.nickname}</a>{' '}
                    <span className="muted small-text">{u.siteId}</span>
                  </td>
                  <td>{u.rank}</td>
                  <td className="num">{formatNumber(u.balance)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="muted">{top.isPending ? 'Loading…' : 'No players yet.'}</p>
      )}
    </section>
  );
}
