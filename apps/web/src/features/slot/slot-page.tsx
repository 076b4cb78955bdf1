import { ErrorBanner, formatNumber, Loading, useTRPC } from '@casino/ui';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { BetInput, betProblem } from '../../components/bet-input';
import { useSetBalance } from '../../lib/balance';
import { logAction } from '../live/use-action-log';
import { Paytable } from './paytable';
import { Reels } from './reels';
import { SlotOutcome } from './slot-outcome';
import { useReels } from './use-reels';

const NO_SYMBOLS: string[] = [];

export function SlotPage({ gold }: { gold: number }) {
  const trpc = useTRPC();
  const config = useQuery(trpc.games.slot.config.queryOptions(undefined, { staleTime: 5 * 60_000 }));
  const setBalance = useSetBalance();
  const [bet, setBet] = useState<string | null>(null);
  const spin = useMutation(
    trpc.games.slot.spin.mutationOptions({
      onSuccess: (r) => {
        setBalance('gold', r.balance);
        logAction('game_action', 'slot.spin', { roundId: r.roundId, payout: r.payout });
      },
    }),
  );
  const symbols = useMemo(() => config.data?.symbols.map((s) => s.id) ?? NO_SYMBOLS, [config.data]);
  const names = useMemo(() => Object.fromEntries(config.data?.symbols.map((s) => [s.id, s.name]) ?? []), [config.data]);
  const reels = useReels(symbols, {
    pending: spin.isPending,
    failed: spin.isError,
    roundId: spin.data?.roundId,
    reels: spin.data?.reels,
  });

  if (config.isPending) return <Loading />;
  if (config.isError) return <ErrorBanner error={config.error} />;
  const cfg = config.data;
  const limits = { min: cfg.minBet, max: cfg.maxBet, balance: gold };
  const betText = bet ?? String(cfg.minBet);
  const problem = betProblem(betText, limits);
  const busy = spin.isPending || !reels.landed;

  return (
    <div className="stack" data-testid="slot-page">
      <h1>Slot</h1>
      <section className="card stack">
        <Reels shown={reels.shown} moving={reels.moving} names={names} />
        {reels.landed && spin.data && <SlotOutcome spin={spin.data} names={names} bonus={cfg.streakBonus} />}
        <ErrorBanner error={spin.error} testId="slot-error" />
        <form
          className="stack"
          onSubmit={(e) => {
            e.preventDefault();
            if (!problem && !busy) spin.mutate({ bet: Number(betText) });
          }}
        >
          <BetInput value={betText} onChange={setBet} limits={limits} disabled={busy} />
          <button type="submit" className="primary big" disabled={busy || !!problem} data-testid="slot-spin">
            {busy ? 'Spinning…' : problem ? 'Spin' : `Spin for ${formatNumber(Number(betText))} gold`}
          </button>
        </form>
      </section>
      <Paytable config={cfg} />
    </div>
  );
}
