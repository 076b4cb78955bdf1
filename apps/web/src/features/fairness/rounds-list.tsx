import { ErrorBanner, Loading, MoreButton, useTRPC } from '@casino/ui';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { GAME_LABEL, GAMES, type Game } from '../../lib/games';
import { RoundItem } from './round-item';
import { gachaConfigOf, slotConfigOf } from './verify';

/** The player's rounds, newest first, each verifiable once its server seed is revealed. */
export function RoundsList() {
  const trpc = useTRPC();
  const [game, setGame] = useState<Game | ''>('');
  const slot = useQuery(trpc.games.slot.config.queryOptions(undefined, { staleTime: 5 * 60_000 }));
  const gacha = useQuery(trpc.games.gacha.config.queryOptions(undefined, { staleTime: 5 * 60_000 }));
  const configs = useMemo(
    () => ({
      ...(slot.data ? { slot: slotConfigOf(slot.data) } : {}),
      ...(gacha.data ? { gacha: gachaConfigOf(gacha.data) } : {}),
    }),
    [slot.data, gacha.data],
  );
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
      <ErrorBanner error={rounds.error ?? slot.error ?? gacha.error} />
      {rounds.isSuccess && items.length === 0 && <p className="muted">No rounds yet.</p>}
      <ul className="plain rounds">
        {items.map((r) => (
          <RoundItem key={r.id} row={r} configs={configs} />
        ))}
      </ul>
      <MoreButton list={rounds} label="Show more" />
    </section>
  );
}
