import { ErrorBanner, formatNumber, Loading, useSpa, useTRPC } from '@casino/ui';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { BetInput, betProblem } from '../../components/bet-input';
import { SoundToggle } from '../../components/sound-toggle';
import { useSetBalance } from '../../lib/balance';
import { useReducedMotion } from '../../lib/motion';
import { play } from '../../lib/sound';
import { logAction } from '../live/use-action-log';
import { AutoSpinControls } from './auto-spin-controls';
import { Celebration } from './celebration';
import { Paytable } from './paytable';
import { Reels } from './reels';
import { winningReels, winTier } from './slot-math';
import { SlotOutcome } from './slot-outcome';
import { StreakNote } from './streak-note';
import { useAutoSpin } from './use-auto-spin';
import { useReels } from './use-reels';
import { useSpaceToSpin } from './use-space-to-spin';
import './slot.css';

const NO_SYMBOLS: string[] = [];
const NO_HITS = [false, false, false];

export function SlotScreen({ gold }: { gold: number }) {
  const trpc = useTRPC();
  const config = useQuery(trpc.games.slot.config.queryOptions(undefined, { staleTime: 5 * 60_000 }));
  const setBalance = useSetBalance();
  const { describeError } = useSpa();
  const still = useReducedMotion();
  const [bet, setBet] = useState<string | null>(null);
  const spin = useMutation(
    trpc.games.slot.spin.mutationOptions({
      onMutate: () => play('spin'),
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

  const cfg = config.data;
  const limits = { min: cfg?.minBet ?? 0, max: cfg?.maxBet ?? 0, balance: gold };
  const betText = bet ?? String(limits.min);
  const problem = betProblem(betText, limits);
  const busy = spin.isPending || !reels.landed;
  const landedSpin = reels.landed && spin.data ? spin.data : null;
  const stake = spin.variables?.bet ?? 0;
  const tier = landedSpin ? winTier(stake, landedSpin.payout) : 'none';

  const spinOnce = () => {
    if (!problem && !busy && !autoRunning.current && cfg) spin.mutate({ bet: Number(betText) });
  };
  const autoRunning = useRef(false);
  const landed = useMemo(
    () => (landedSpin ? { roundId: landedSpin.roundId, big: tier === 'big', balance: landedSpin.balance } : null),
    [landedSpin, tier],
  );
  const failure = useMemo(
    () => (spin.isError ? { id: spin.submittedAt, message: describeError(spin.error) } : null),
    [spin.isError, spin.submittedAt, spin.error, describeError],
  );
  const auto = useAutoSpin({
    landed,
    failure,
    canAfford: (balance) => Number(betText) <= balance,
    spin: () => spin.mutate({ bet: Number(betText) }),
    pauseMs: still ? 150 : 600,
  });
  autoRunning.current = auto.running;
  useSpaceToSpin(spinOnce);

  // A click per reel as it stops, a jingle for the landed win.
  const stoppedReels = reels.moving.filter((m) => !m).length;
  const lastStopped = useRef(3);
  useEffect(() => {
    if (stoppedReels > lastStopped.current) play('stop');
    lastStopped.current = stoppedReels;
  }, [stoppedReels]);
  const jingled = useRef<string | null>(null);
  useEffect(() => {
    if (!landedSpin || jingled.current === landedSpin.roundId) return;
    jingled.current = landedSpin.roundId;
    if (tier === 'big') play('bigWin');
    else if (tier !== 'none') play('win');
  }, [landedSpin, tier]);

  if (config.isPending) return <Loading />;
  if (config.isError || !cfg) return <ErrorBanner error={config.error} />;

  return (
    <div className="stack" data-testid="slot-page">
      <div className="row between">
        <h1>Slot</h1>
        <SoundToggle />
      </div>
      <section className="card stack slot-machine">
        <div className="reels-frame">
          <Reels
            shown={reels.shown}
            moving={reels.moving}
            hits={landedSpin ? winningReels(landedSpin.reels, landedSpin.kind) : NO_HITS}
            names={names}
          />
          {landedSpin && <Celebration tier={tier} roundId={landedSpin.roundId} />}
        </div>
        {/* Reserved: the result, an error or the hint take the same place, so the Spin button never moves. */}
        <div className="slot-result-area" data-testid="slot-result-area">
          {spin.isError ? (
            <ErrorBanner error={spin.error} testId="slot-error" />
          ) : landedSpin ? (
            <SlotOutcome spin={landedSpin} bet={stake} big={tier === 'big'} names={names} />
          ) : (
            <p className="muted slot-hint">{busy ? 'Spinning…' : 'Press Spin, or the space bar.'}</p>
          )}
        </div>
        <form
          className="stack"
          onSubmit={(e) => {
            e.preventDefault();
            spinOnce();
          }}
        >
          <BetInput value={betText} onChange={setBet} limits={limits} disabled={busy || auto.running} />
          {/* Busy is aria-disabled, not disabled: the button keeps keyboard focus through a spin. */}
          <button type="submit" className="primary big" disabled={!!problem} aria-disabled={busy || auto.running} data-testid="slot-spin">
            {busy ? 'Spinning…' : problem ? 'Spin' : `Spin for ${formatNumber(Number(betText))} gold`}
          </button>
        </form>
        <AutoSpinControls auto={auto} disabled={busy || !!problem} />
        {landedSpin && <StreakNote spin={landedSpin} bonus={cfg.streakBonus} />}
      </section>
      <Paytable config={cfg} />
    </div>
  );
}
