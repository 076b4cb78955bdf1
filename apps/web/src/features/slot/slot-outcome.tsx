import { formatNumber, type RouterOutputs } from '@casino/ui';

type Spin = RouterOutputs['games']['slot']['spin'];

/** What the spin paid, shown once the reels have landed. */
export function SlotOutcome({
  spin,
  names,
  bonus,
}: {
  spin: Spin;
  names: Record<string, string>;
  bonus: { percentPerWin: number; maxPercent: number };
}) {
  const paired = spin.kind === 'triple' ? spin.reels[0] : spin.reels.find((r, i) => spin.reels.indexOf(r) !== i);
  const label = spin.kind === 'triple' ? 'Three of a kind' : 'Pair';
  return (
    <div
      className={`banner ${spin.win ? 'banner-win' : ''}`}
      role="status"
      data-testid="slot-result"
      data-win={spin.win}
      data-payout={spin.payout}
    >
      {spin.win ? (
        <>
          <strong>
            {label} {paired ? (names[paired] ?? paired) : ''}: +{formatNumber(spin.payout)} gold
          </strong>
          {spin.bonusPercent > 0 && (
            <span className="small-text">
              {' '}
              (streak bonus +{spin.bonusPercent.toFixed(2)}% on {formatNumber(spin.bonusStake)} gold)
            </span>
          )}
        </>
      ) : (
        <strong>No win this time.</strong>
      )}
      <p className="small-text muted" data-testid="slot-streak">
        {spin.streak > 0
          ? `Win streak ${spin.streak}: the next win earns about +${Math.min(bonus.percentPerWin * spin.streak, bonus.maxPercent)}% bonus on up to ${formatNumber(spin.streakStake)} gold of the bet (the streak's smallest bet).`
          : 'No win streak.'}
      </p>
    </div>
  );
}
