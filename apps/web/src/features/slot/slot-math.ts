/** What a landed spin means on screen: which reels won, and how big a celebration it earns. */

/** A win of at least this many times the bet is a big win: the loudest celebration, and auto-spin stops. */
export const BIG_WIN_MULTIPLIER = 10;

export type WinTier = 'none' | 'small' | 'medium' | 'big';

/** The reels that make the winning combination: all three for a triple, the matching two for a pair. */
export function winningReels(reels: readonly string[], kind: 'triple' | 'pair' | 'none'): boolean[] {
  if (kind === 'triple') return [true, true, true];
  if (kind === 'none') return [false, false, false];
  return reels.map((r, i) => reels.some((other, j) => j !== i && other === r));
}

/** The symbol of the winning combination, or null. */
export function winningSymbol(reels: readonly string[], kind: 'triple' | 'pair' | 'none'): string | null {
  const i = winningReels(reels, kind).indexOf(true);
  return i < 0 ? null : (reels[i] ?? null);
}

/** Small under 3× the bet, medium under 10×, big from 10×; none without a payout. */
export function winTier(bet: number, payout: number): WinTier {
  if (payout <= 0 || bet <= 0) return 'none';
  const m = payout / bet;
  return m >= BIG_WIN_MULTIPLIER ? 'big' : m >= 3 ? 'medium' : 'small';
}
