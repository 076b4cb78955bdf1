import { ErrorBanner, formatDate, Loading, useTRPC } from '@casino/ui';
import { useQuery } from '@tanstack/react-query';
import { roundResult, toneClass } from '../../lib/format';

type Outcome = { choice?: string; serverChoice?: string; result?: string };

/** The player's last rounds, newest first (the round records, so they survive a reload). */
export function RpsHistory() {
  const trpc = useTRPC();
  const rounds = useQuery(trpc.games.fairness.rounds.queryOptions({ game: 'rps', limit: 10 }));
  const items = rounds.data?.items ?? [];
  return (
    <section className="card stack" data-testid="rps-history">
      <h2>Your rounds</h2>
      {rounds.isPending && <Loading />}
      <ErrorBanner error={rounds.error} />
      {rounds.isSuccess && items.length === 0 && <p className="muted">No rounds yet.</p>}
      <ul className="ledger">
        {items.map((r) => {
          const o = (r.outcome ?? {}) as Outcome;
          const result = roundResult(r.bet, r.payout);
          return (
            <li key={r.id} data-testid="rps-history-row" data-result={o.result}>
              <div className="ledger-main">
                <span>
                  <span className="capitalize">{o.choice}</span> vs <span className="capitalize">{o.serverChoice}</span>
                </span>
                <span className={toneClass(result.tone)}>{result.text}</span>
              </div>
              <div className="ledger-sub muted">
                <span>bet {r.bet.toLocaleString('en-US')} gold</span>
                <span>{formatDate(r.createdAt)}</span>
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
