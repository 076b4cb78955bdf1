import type { RouterOutputs } from '@casino/ui';
import { roundResult } from '../../lib/format';
import { winningSymbol } from './slot-math';

type Spin = RouterOutputs['games']['slot']['spin'];

/** What the landed spin paid, told as payout and net (lib/format), and the combination that won. */
export function SlotOutcome({ spin, bet, big, names }: { spin: Spin; bet: number; big: boolean; names: Record<string, string> }) {
  const result = roundResult(bet, spin.payout);
  const symbol = winningSymbol(spin.reels, spin.kind);
  const combo = symbol ? `${spin.kind === 'triple' ? 'Three of a kind' : 'Pair'}: ${names[symbol] ?? symbol}` : 'No matching symbols';
  return (
    <div
      className={`banner slot-banner ${spin.win ? 'banner-win' : ''}`}
      role="status"
      data-testid="slot-result"
      data-win={spin.win}
      data-payout={spin.payout}
      data-net={result.net}
    >
      <strong>{result.text}</strong>
      <p className="small-text">
        {big && <strong className="big-badge">Big win · </strong>}
        {combo}
        {spin.bonusPercent > 0 && ` · streak bonus +${spin.bonusPercent.toFixed(2)}%`}
      </p>
    </div>
  );
}
