import { useTRPC } from '@casino/ui';
import { useQuery } from '@tanstack/react-query';
import { formatMultiplier } from '../../lib/games';

type Outcome = { crashPoint?: number; status?: string };

/** Crash rounds are the player's own (each bet draws its own point), so the strip shows their last crash points, newest first. */
export function CrashPoints() {
  const trpc = useTRPC();
  const rounds = useQuery(trpc.games.fairness.rounds.queryOptions({ game: 'crash', limit: 10 }));
  const points = (rounds.data?.items ?? [])
    .map((r) => ({ id: r.id, outcome: (r.outcome ?? {}) as Outcome }))
    .filter((r) => typeof r.outcome.crashPoint === 'number');
  return (
    <div className="crash-points" data-testid="crash-points">
      <span className="muted small-text" aria-hidden="true">
        Last crashes
      </span>
      {points.length === 0 ? (
        <span className="muted small-text">none yet</span>
      ) : (
        <ol className="plain" aria-label="Your last crash points, newest first">
          {points.map(({ id, outcome }) => {
            const p = outcome.crashPoint ?? 1;
            return (
              <li key={id} className={`crash-point ${p >= 2 ? 'high' : 'low'}`} data-testid="crash-point" data-status={outcome.status}>
                {formatMultiplier(p)}
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}
