import { RPS_CHOICES, type TRpsChoice } from '@casino/shared';
import { ErrorBanner, Loading, useTRPC } from '@casino/ui';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { BetInput, betProblem } from '../../components/bet-input';
import { useSetBalance } from '../../lib/balance';
import { formatMultiplier, formatPercent } from '../../lib/games';
import { RPS_GLYPH, RpsResult } from './rps-result';

export function RpsPage({ gold }: { gold: number }) {
  const trpc = useTRPC();
  const setBalance = useSetBalance();
  const config = useQuery(trpc.games.rps.config.queryOptions(undefined, { staleTime: 5 * 60_000 }));
  const [bet, setBet] = useState<string | null>(null);
  const play = useMutation(trpc.games.rps.play.mutationOptions({ onSuccess: (r) => setBalance('gold', r.balance) }));

  if (config.isPending) return <Loading />;
  if (config.isError) return <ErrorBanner error={config.error} />;
  const cfg = config.data;
  const limits = { min: cfg.minBet, max: cfg.maxBet, balance: gold };
  const betText = bet ?? String(cfg.minBet);
  const problem = betProblem(betText, limits);
  const winPays = 2 * (1 - cfg.houseEdgePercent / 100);
  const choose = (choice: TRpsChoice) => {
    if (!problem) play.mutate({ bet: Number(betText), choice });
  };

  return (
    <div className="stack" data-testid="rps-page">
      <h1>Rock-paper-scissors</h1>
      <section className="card stack">
        <p className="muted small-text" data-testid="rps-edge">
          A win pays {formatMultiplier(winPays)} your bet (2× minus the {cfg.houseEdgePercent}% house edge), a draw returns it. Return to
          player {formatPercent(cfg.rtp)}.
        </p>
        <BetInput value={betText} onChange={setBet} limits={limits} disabled={play.isPending} />
        <div className="rps-choices">
          {RPS_CHOICES.map((c) => (
            <button key={c} type="button" disabled={play.isPending || !!problem} onClick={() => choose(c)} data-testid={`rps-${c}`}>
              <span className="rps-glyph" aria-hidden="true">
                {RPS_GLYPH[c]}
              </span>
              {c}
            </button>
          ))}
        </div>
        <ErrorBanner error={play.error} testId="rps-error" />
        {play.isPending && <Loading label="The house is choosing…" />}
        {play.data && !play.isPending && <RpsResult play={play.data} bet={play.variables.bet} />}
      </section>
    </div>
  );
}
