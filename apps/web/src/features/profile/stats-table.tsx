import { ErrorBanner, formatNumber, formatSigned, Loading, useTRPC } from '@casino/ui';
import { useQuery } from '@tanstack/react-query';
import { formatMultiplier, formatPercent, GAME_LABEL, type Game } from '../../lib/games';

/** Per-game totals (games.stats.mine), one row each: fits a phone better than a wide table. */
export function StatsTable() {
  const trpc = useTRPC();
  const stats = useQuery(trpc.games.stats.mine.queryOptions());
  return (
    <section className="card stack" data-testid="profile-stats">
      <h2>Your games</h2>
      {stats.isPending && <Loading />}
      <ErrorBanner error={stats.error} />
      {stats.isSuccess && stats.data.length === 0 && <p className="muted">Play a round and your numbers show up here.</p>}
      <ul className="ledger">
        {stats.data?.map((s) => (
          <li key={s.game} data-testid="stats-row" data-game={s.game}>
            <div className="ledger-main">
              <strong>{GAME_LABEL[s.game as Game] ?? s.game}</strong>
              <span className={s.totalProfit >= 0 ? 'plus' : 'minus'}>{formatSigned(s.totalProfit)} gold</span>
            </div>
            <div className="ledger-sub muted">
              <span>
                {formatNumber(s.totalBets)} rounds · {formatNumber(s.totalWins)} won ({formatPercent(s.winRate, 0)}) ·{' '}
                {formatNumber(s.totalLosses)} lost
              </span>
              <span>
                wagered {formatNumber(s.totalWagered)} · best {formatMultiplier(s.highestMultiplier)}
              </span>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
