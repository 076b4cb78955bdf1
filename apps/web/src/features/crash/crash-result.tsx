import { formatNumber } from '@casino/ui';
import { formatMultiplier } from '../../lib/games';
import type { Settled } from './crash-state';

/** How the round ended: cashed out (by hand or automatically), crashed, or expired. */
export function CrashResult({ round }: { round: Settled }) {
  const crashed = round.crashPoint === null ? '' : `The round crashed at ${formatMultiplier(round.crashPoint)}.`;
  let headline: string;
  if (round.status === 'cashed') headline = `Cashed out at ${formatMultiplier(round.multiplier)}: +${formatNumber(round.payout)} gold`;
  else if (round.status === 'busted')
    headline = round.bet === null ? 'Crashed: the bet is lost.' : `Crashed: lost ${formatNumber(round.bet)} gold.`;
  else headline = 'The round expired before a cash-out: the bet is lost.';
  return (
    <div
      className={`banner ${round.status === 'cashed' ? 'banner-win' : 'banner-error'}`}
      role="status"
      data-testid="crash-result"
      data-status={round.status}
      data-payout={round.payout}
    >
      <strong>{headline}</strong>
      {crashed && <p className="small-text">{crashed}</p>}
    </div>
  );
}
