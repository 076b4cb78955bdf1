import { roundResult } from '../../lib/format';
import { formatMultiplier } from '../../lib/games';
import type { Settled } from './crash-state';

/** How the round ended (cashed out by hand or automatically, crashed, or expired), as payout and net. */
export function CrashResult({ round }: { round: Settled }) {
  const crashed = round.crashPoint === null ? '' : `the round crashed at ${formatMultiplier(round.crashPoint)}`;
  const money =
    round.bet !== null
      ? roundResult(round.bet, round.payout).text
      : round.status === 'cashed'
        ? `Paid ${round.payout.toLocaleString('en-US')} gold`
        : 'The bet is lost';
  let how: string;
  if (round.status === 'cashed') how = `Cashed out at ${formatMultiplier(round.multiplier)}`;
  else if (round.status === 'busted') how = 'Crashed before the cash-out';
  else how = 'Expired before a cash-out';
  return (
    <div
      className={`banner ${round.status === 'cashed' ? 'banner-win' : 'banner-error'}`}
      role="status"
      data-testid="crash-result"
      data-status={round.status}
      data-payout={round.payout}
    >
      <strong>{money}</strong>
      <p className="small-text">
        {how}
        {crashed && ` · ${crashed}`}
      </p>
    </div>
  );
}
