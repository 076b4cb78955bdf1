import type { RouterOutputs } from '@casino/ui';
import { roundResult } from '../../lib/format';

type Play = RouterOutputs['games']['rps']['play'];

const HEADLINE = { win: 'You win!', draw: 'Draw.', lose: 'You lose.' } as const;

/** The revealed round: who chose what, then payout and net (lib/format). */
export function RpsResult({ play, bet }: { play: Play; bet: number }) {
  const result = roundResult(bet, play.payout);
  return (
    <div className={`banner ${play.result === 'win' ? 'banner-win' : ''}`} role="status" data-testid="rps-result" data-result={play.result}>
      <strong>
        {HEADLINE[play.result]} {result.text}
      </strong>
      <p className="small-text">
        You chose {play.choice}, the house chose <strong data-testid="rps-server-choice">{play.serverChoice}</strong>.
      </p>
    </div>
  );
}
