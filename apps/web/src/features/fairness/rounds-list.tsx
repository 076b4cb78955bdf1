import { ErrorBanner, Loading, MoreButton, useTRPC } from '@casino/ui';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { GAME_LABEL, GAMES, type Game } from '../../lib/games';
import { RoundItem } from './round-item';

/** The player's rounds, newest first, each verifiable once its server seed is revealed. */
export function RoundsList() {
  const trpc = useTRPC();
  const [game, setGame] = useState<Game | ''>('');
  const rounds = useInfiniteQuery(
    trpc.games.fairness.rounds.infiniteQueryOptions(
      { limit: 10, ...(game ? { game } : {}) },
      { getNextPageParam: (p) => p.nextCursor ?? undefined },
    ),
  );
  const items = rounds.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <section className="card stack" data-testid="fair-rounds">
      <div className="row between">
        <h2>Your rounds</h2>
        <select aria-label="Game" value={game} onChange={(e) => setGame(e.target.value as Game | '')} className="compact">
          <option value="">All games</option>
          {GAMES.map((g) => (
            <option key={g} value={g}>
              {GAME_LABEL[g]}
            </option>
          ))}
        </select>
      </div>
      {rounds.isPending && <Loading />}
      <ErrorBanner error={rounds.error} />
      {rounds.isSuccess && items.length === 0 && <p className="muted">No rounds yet.</p>}
      <ul className="plain rounds">
        {items.map((r) => (
          <RoundItem key={r.id} row={r} />
        ))}
      </ul>
      <MoreButton list={rounds} label="Show more" />
    </section>
  );
}
