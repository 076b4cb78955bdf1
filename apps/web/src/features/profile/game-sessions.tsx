import { ErrorBanner, formatNumber, formatSigned, Loading, type RouterOutputs, useTRPC } from '@casino/ui';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { formatDuration, formatPercent, GAME_LABEL, GAMES, type Game } from '../../lib/games';

type Session = RouterOutputs['games']['sessions']['active'][number];

function Totals({ s }: { s: Session }) {
  return (
    <p className="small-text muted" data-testid="session-totals">
      {formatNumber(s.totalRounds)} rounds · bet {formatNumber(s.totalBet)} gold · won {formatNumber(s.totalWin)} gold ·{' '}
      <span className={s.netProfit >= 0 ? 'plus' : 'minus'}>
        net {formatSigned(s.netProfit)} gold (ROI {formatPercent(s.roi, 1)})
      </span>{' '}
      · {formatDuration(s.durationMs)}
      {s.totalRounds > 0 && ` · ${formatDuration(s.averageRoundMs)} per round`}
    </p>
  );
}

/** Start a session to total a stretch of play; rounds of that game count into it until you end it. */
export function GameSessions() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const active = useQuery(trpc.games.sessions.active.queryOptions());
  const [ended, setEnded] = useState<Partial<Record<Game, Session>>>({});
  const refresh = () => void queryClient.invalidateQueries(trpc.games.sessions.pathFilter());
  const start = useMutation(trpc.games.sessions.start.mutationOptions({ onSettled: refresh }));
  const end = useMutation(
    trpc.games.sessions.end.mutationOptions({
      onSuccess: (s) => setEnded((e) => ({ ...e, [s.gameType]: s })),
      onSettled: refresh,
    }),
  );
  const byGame = new Map(active.data?.map((s) => [s.gameType, s]));

  return (
    <section className="card stack" data-testid="game-sessions">
      <h2>Game sessions</h2>
      <p className="muted small-text" data-testid="sessions-explained">
        Optional: a session adds up one stretch of play of a game (rounds, gold bet and won, ROI — net as a share of the bets — and time per
        round) from Start until you End it. Your rounds, stats and rewards count the same with or without one.
      </p>
      {active.isPending && <Loading />}
      <ErrorBanner error={active.error ?? start.error ?? end.error} />
      <ul className="plain ledger">
        {GAMES.map((g) => {
          const s = byGame.get(g);
          const last = ended[g];
          return (
            <li key={g} data-testid="game-session" data-game={g} data-active={!!s}>
              <div className="ledger-main">
                <strong>{GAME_LABEL[g]}</strong>
                {s ? (
                  <button type="button" className="small" disabled={end.isPending} onClick={() => end.mutate({ gameType: g })}>
                    End session
                  </button>
                ) : (
                  <button type="button" className="small" disabled={start.isPending} onClick={() => start.mutate({ gameType: g })}>
                    Start session
                  </button>
                )}
              </div>
              {s && <Totals s={s} />}
              {!s && last && (
                <div className="small-text">
                  <span className="muted">Last session:</span> <Totals s={last} />
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
