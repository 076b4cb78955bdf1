import { ErrorBanner, Loading, useTRPC } from '@casino/ui';
import { useQuery } from '@tanstack/react-query';
import { GAME_LABEL, type Game } from '../../lib/games';
import { statLines } from './game-stat-lines';

/** Per-game totals (games.stats.mine), each in its game's terms; one row per game fits a phone. */
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
        {stats.data?.map((s) => {
          const view = statLines(s);
          return (
            <li key={s.game} data-testid="stats-row" data-game={s.game}>
              <div className="ledger-main">
                <strong>{GAME_LABEL[s.game as Game] ?? s.game}</strong>
                <span className={view.tone}>{view.headline}</span>
              </div>
              {view.lines.map((line) => (
                <div key={line} className="ledger-sub muted">
                  <span>{line}</span>
                </div>
              ))}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
