import { appErrorOf, ErrorBanner, formatNumber, Loading, useTRPC } from '@casino/ui';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { SoundToggle } from '../../components/sound-toggle';
import { formatMultiplier } from '../../lib/games';
import { useFocusIfLost } from '../../lib/keep-focus';
import { play } from '../../lib/sound';
import { type CrashBet, CrashBetForm, crashBetOf } from './crash-bet-form';
import { CrashCurve } from './crash-curve';
import { CrashPoints } from './crash-points';
import { CrashResult } from './crash-result';
import { RecentRounds } from './recent-rounds';
import { useCrashRound } from './use-crash-round';
import { useCrashSettings } from './use-crash-settings';
import './crash.css';

/** Crash publishes no player-facing config yet; a bet_out_of_range answer carries the real limits. */
const DEFAULT_LIMITS = { min: 10, max: 10_000 };

export function CrashScreen({ gold }: { gold: number }) {
  const trpc = useTRPC();
  const crash = useCrashRound();
  const [limits, setLimits] = useState(DEFAULT_LIMITS);
  const [settings, setSettings] = useCrashSettings(DEFAULT_LIMITS.min);
  const bet = useMutation(
    trpc.games.crash.bet.mutationOptions({
      onSuccess: (res, input) => crash.placed(res, input.bet),
      onError: (err) => {
        const app = appErrorOf(err);
        if (app?.reason === 'bet_out_of_range' && typeof app.minBet === 'number' && typeof app.maxBet === 'number')
          setLimits({ min: app.minBet, max: app.maxBet });
        if (app?.reason === 'crash_active') crash.resume();
      },
    }),
  );
  const cashout = useMutation(
    trpc.games.crash.cashout.mutationOptions({
      onSuccess: (r) =>
        crash.settled(r.gameId, { status: 'cashed', multiplier: r.multiplier, crashPoint: r.crashPoint, payout: r.payout }, r.balance),
      onError: (err, input) => crash.cashoutFailed(err, input.gameId ?? ''),
    }),
  );
  const { round } = crash;
  const status = round.phase === 'settled' ? round.status : null;
  useEffect(() => {
    if (status === 'cashed') play('cashout');
    else if (status === 'busted') play('bust');
  }, [status]);

  const allLimits = { ...limits, balance: gold };
  const again = crashBetOf(settings, allLimits);
  const place = (input: CrashBet) => {
    cashout.reset();
    bet.mutate({ bet: input.bet, autoCashout: input.autoCashout });
  };
  const canBet = crash.available && !crash.loading && !bet.isPending;
  // The Bet button gives way to Cash out, and Cash out to Bet again: focus follows for keyboard play.
  const cashoutButton = useRef<HTMLButtonElement>(null);
  const againButton = useRef<HTMLButtonElement>(null);
  useFocusIfLost(cashoutButton, round.phase === 'running' && round.gameId);
  useFocusIfLost(againButton, round.phase === 'settled' && round.gameId);

  return (
    <div className="stack" data-testid="crash-page">
      <div className="row between">
        <h1>Crash</h1>
        <SoundToggle />
      </div>
      <section className="card stack">
        <CrashPoints />
        <CrashCurve round={round} />
        {crash.loading && <Loading label="Looking for a round in play…" />}
        {!crash.available && (
          <p className="banner banner-error" role="alert">
            Crash is unavailable right now. Nothing is charged; try again shortly.
          </p>
        )}
        {round.phase === 'running' ? (
          <div className="stack" data-testid="crash-running">
            <p className="muted small-text">
              {round.bet !== null && `Bet ${formatNumber(round.bet)} gold`}
              {round.autoCashout !== null && ` · auto cash-out at ${formatMultiplier(round.autoCashout)}`}
            </p>
            <button
              ref={cashoutButton}
              type="button"
              className="primary big"
              disabled={cashout.isPending}
              onClick={() => cashout.mutate({ gameId: round.gameId })}
              data-testid="crash-cashout"
            >
              {cashout.isPending ? 'Cashing out…' : 'Cash out'}
            </button>
          </div>
        ) : (
          <>
            {round.phase === 'settled' && (
              <div className="stack tight">
                <CrashResult round={round} />
                {again.bet && (
                  <button
                    type="button"
                    className="primary"
                    disabled={!canBet}
                    onClick={() => again.bet && place(again.bet)}
                    data-testid="crash-again"
                  >
                    Bet again · {formatNumber(again.bet.bet)} gold
                    {again.bet.autoCashout !== null && ` · auto ${formatMultiplier(again.bet.autoCashout)}`}
                  </button>
                )}
              </div>
            )}
            <CrashBetForm
              settings={settings}
              onChange={setSettings}
              limits={allLimits}
              busy={bet.isPending}
              disabled={!crash.available || crash.loading}
              onBet={place}
            />
          </>
        )}
        <ErrorBanner error={bet.error ?? cashout.error} testId="crash-error" />
        <p className="muted small-text">
          The multiplier grows on the server’s clock. The crash point is fixed when you bet, from your seed pair and nonce, and revealed
          when the round ends; cash out before it to win bet × multiplier.
        </p>
      </section>
      <RecentRounds />
    </div>
  );
}
