import { roundResult } from '../../lib/format';
import { formatMultiplier } from '../../lib/games';
import type { Settled } from './crash-state';

/** How the round ended (cashed out by hand or automatically, crashed, or expired), as payout and net. */
export function CrashResult({ round }: { round: Settled }) {
  const crashed = round.crashPoint === null ? '' : `The round crashed at ${formatMultiplier(round.crashPoint)}.`;
  const money = round.bet === null ? null : roundResult(round.bet, round.payout).text;
  let headline: string;
  if (round.status === 'cashed') headline = `Cashed out at ${formatMultiplier(round.multiplier)}`;
  else if (round.status === 'busted') headline = 'Crashed before the cash-out';
  else headline = 'Expired before a cash-out';
  return (
    <div
      className={`banner ${round.status === 'cashed' ? 'banner-win' : 'banner-error'}`}
      role="status"
      data-testid="crash-result"
      data-status={round.status}
      data-payout={round.payout}
    >
      <strong>
        {headline}
        {money ? `: ${money}` : round.status === 'cashed' ? `: paid ${round.payout.toLocaleString('en-US')} gold` : ': the bet is lost.'}
      </strong>
      {crashed && <p className="small-text">{crashed}</p>}
    </div>
  );
}
