import type { WinTier } from './slot-math';

const COINS: Record<WinTier, number> = { none: 0, small: 0, medium: 8, big: 18 };

/**
 * A burst over the reels that grows with the win: a glow for a small win, coins for a medium
 * one, coins and a "Big win" banner for a big one; nothing for a loss. Pure CSS animation
 * (still frames under prefers-reduced-motion), decoration only: the result is in the banner.
 */
export function Celebration({ tier, roundId }: { tier: WinTier; roundId: string }) {
  if (tier === 'none') return null;
  return (
    <div className={`celebration celebrate-${tier}`} key={roundId} aria-hidden="true" data-testid="celebration" data-tier={tier}>
      {Array.from({ length: COINS[tier] }, (_, i) => (
        <span
          // biome-ignore lint/suspicious/noArrayIndexKey: decorative coins, fixed positions
          key={i}
          className="coin"
          style={{ left: `${((i * 37) % 100) + 0.5}%`, animationDelay: `${(i % 6) * 70}ms` }}
        />
      ))}
      {tier === 'big' && <strong className="big-win">Big win!</strong>}
    </div>
  );
}
