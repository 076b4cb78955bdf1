import { formatNumber, type RouterOutputs } from '@casino/ui';

type Play = RouterOutputs['games']['rps']['play'];

export const RPS_GLYPH = { rock: '✊', paper: '✋', scissors: '✌️' } as const;
const HEADLINE = { win: 'You win!', draw: 'Draw: your bet comes back.', lose: 'You lose.' } as const;

export function RpsResult({ play, bet }: { play: Play; bet: number }) {
  return (
    <div className={`banner ${play.result === 'win' ? 'banner-win' : ''}`} role="status" data-testid="rps-result" data-result={play.result}>
      <div className="rps-duel" aria-hidden="true">
        <span>{RPS_GLYPH[play.choice]}</span>
        <span className="muted">vs</span>
        <span>{RPS_GLYPH[play.serverChoice]}</span>
      </div>
      <p>
        You chose {play.choice}, the house chose <strong data-testid="rps-server-choice">{play.serverChoice}</strong>.{' '}
        <strong>{HEADLINE[play.result]}</strong>
      </p>
      <p className="small-text muted">
        Bet {formatNumber(bet)} · paid {formatNumber(play.payout)} gold
      </p>
    </div>
  );
}
