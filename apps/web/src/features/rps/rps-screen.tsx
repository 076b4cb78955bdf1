import { RPS_CHOICES, type TRpsChoice } from '@casino/shared';
import { ErrorBanner, Loading, useTRPC } from '@casino/ui';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { BetInput, betProblem } from '../../components/bet-input';
import { SoundToggle } from '../../components/sound-toggle';
import { useSetBalance } from '../../lib/balance';
import { formatMultiplier, formatPercent } from '../../lib/games';
import { reducedMotion } from '../../lib/motion';
import { play as playSound } from '../../lib/sound';
import { Hand } from './hands';
import { RpsDuel } from './rps-duel';
import { RpsHistory } from './rps-history';
import { RpsResult } from './rps-result';
import './rps.css';

/** How long both fists shake after the answer before the hands open. */
const REVEAL_MS = 900;

export function RpsScreen({ gold }: { gold: number }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const setBalance = useSetBalance();
  const config = useQuery(trpc.games.rps.config.queryOptions(undefined, { staleTime: 5 * 60_000 }));
  const [bet, setBet] = useState<string | null>(null);
  const [revealed, setRevealed] = useState<string | null>(null);
  const play = useMutation(
    trpc.games.rps.play.mutationOptions({
      onSuccess: (r) => {
        setBalance('gold', r.balance);
        void queryClient.invalidateQueries(trpc.games.fairness.rounds.pathFilter());
      },
    }),
  );
  const roundId = play.data?.roundId ?? null;
  useEffect(() => {
    if (!roundId) return;
    const t = setTimeout(() => setRevealed(roundId), reducedMotion() ? 0 : REVEAL_MS);
    return () => clearTimeout(t);
  }, [roundId]);
  const shown = roundId !== null && revealed === roundId && !play.isPending ? play.data : null;
  const sounded = useRef<string | null>(null);
  useEffect(() => {
    if (!shown || sounded.current === shown.roundId) return;
    sounded.current = shown.roundId;
    playSound(shown.result === 'win' ? 'win' : 'stop');
  }, [shown]);

  if (config.isPending) return <Loading />;
  if (config.isError) return <ErrorBanner error={config.error} />;
  const cfg = config.data;
  const limits = { min: cfg.minBet, max: cfg.maxBet, balance: gold };
  const betText = bet ?? String(cfg.minBet);
  const problem = betProblem(betText, limits);
  const winPays = 2 * (1 - cfg.houseEdgePercent / 100);
  const deciding = play.isPending || (roundId !== null && !shown && !play.isError);
  const chosen = play.variables?.choice ?? null;
  const choose = (choice: TRpsChoice) => {
    if (!problem && !deciding) play.mutate({ bet: Number(betText), choice });
  };

  return (
    <div className="stack" data-testid="rps-page">
      <div className="row between">
        <h1>Rock-paper-scissors</h1>
        <SoundToggle />
      </div>
      <section className="card stack">
        <p className="muted small-text" data-testid="rps-edge">
          A win pays {formatMultiplier(winPays)} your bet (2× minus the {cfg.houseEdgePercent}% house edge), a draw returns it. Return to
          player {formatPercent(cfg.rtp)}.
        </p>
        <RpsDuel shaking={deciding} mine={shown?.choice ?? null} house={shown?.serverChoice ?? null} />
        <div className="rps-result-area">
          {play.isError ? (
            <ErrorBanner error={play.error} testId="rps-error" />
          ) : shown ? (
            <RpsResult play={shown} bet={play.variables?.bet ?? 0} />
          ) : (
            <p className="muted center">{deciding ? 'Rock, paper, scissors…' : 'Pick your hand to play.'}</p>
          )}
        </div>
        <BetInput value={betText} onChange={setBet} limits={limits} disabled={deciding} />
        <fieldset className="rps-choices">
          <legend className="muted small-text">Your hand</legend>
          {RPS_CHOICES.map((c) => (
            <button
              key={c}
              type="button"
              aria-pressed={chosen === c}
              aria-disabled={deciding}
              disabled={!!problem}
              onClick={() => choose(c)}
              data-testid={`rps-${c}`}
            >
              <Hand choice={c} />
              {c}
            </button>
          ))}
        </fieldset>
      </section>
      <RpsHistory />
    </div>
  );
}
