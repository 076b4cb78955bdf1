import { ErrorBanner, formatDate, Loading, useTRPC } from '@casino/ui';
import { useQuery } from '@tanstack/react-query';
import { roundResult, toneClass } from '../../lib/format';
import { formatMultiplier } from '../../lib/games';
import { hrefFor } from '../../lib/router';

type Outcome = { crashPoint?: number; status?: string; cashoutMultiplier?: number | null; auto?: boolean };

/** The player's last settled rounds with their crash points (each verifiable on the fairness page). */
export function RecentRounds() {
  const trpc = useTRPC();
  const rounds = useQuery(trpc.games.fairness.rounds.queryOptions({ game: 'crash', limit: 10 }));
  const items = rounds.data?.items ?? [];
  return (
    <section className="card stack" data-testid="crash-recent">
      <div className="row between">
        <h2>Recent rounds</h2>
        <a href={hrefFor('fairness')} className="small-text">
          Verify rounds
        </a>
      </div>
      {rounds.isPending && <Loading />}
      <ErrorBanner error={rounds.error} />
      {rounds.isSuccess && items.length === 0 && <p className="muted">No rounds yet.</p>}
      <ul className="ledger">
        {items.map((r) => {
          const o = (r.outcome ?? {}) as Outcome;
          const how =
            o.status === 'cashed'
              ? `cashed out at ${formatMultiplier(o.cashoutMultiplier ?? 0)}${o.auto ? ' (auto)' : ''}`
              : o.status === 'expired'
                ? 'expired'
                : 'crashed';
          const result = roundResult(r.bet, r.payout);
          return (
            <li key={r.id} data-testid="crash-recent-row">
              <div className="ledger-main">
                <span>
                  <strong className={o.status === 'cashed' ? 'plus' : 'minus'}>{formatMultiplier(o.crashPoint ?? 1)}</strong> · {how}
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
