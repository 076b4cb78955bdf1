import { formatNumber, type RouterOutputs } from '@casino/ui';

type Spin = RouterOutputs['games']['slot']['spin'];

/** The win streak after the landed spin and what it adds to the next win. */
export function StreakNote({ spin, bonus }: { spin: Spin; bonus: { percentPerWin: number; maxPercent: number } }) {
  return (
    <p className="small-text muted" data-testid="slot-streak">
      {spin.streak > 0
        ? `Win streak ${spin.streak}: the next win earns about +${Math.min(bonus.percentPerWin * spin.streak, bonus.maxPercent)}% bonus on up to ${formatNumber(spin.streakStake)} gold of the bet (the streak's smallest bet).`
        : 'No win streak.'}
    </p>
  );
}
