const LEDGER_REASONS: Record<string, string> = {
  signup_bonus: 'Welcome bonus',
  admin_grant: 'Granted by staff',
  admin_deduct: 'Adjusted by staff',
  slot_bet: 'Slot bet',
  slot_win: 'Slot win',
  shop_purchase: 'Shop purchase',
  streak_claim: 'Daily reward',
  gacha_bet: 'Gacha pull',
  rps_bet: 'Rock-paper-scissors bet',
  rps_win: 'Rock-paper-scissors win',
  crash_bet: 'Crash bet',
  crash_win: 'Crash cash-out',
  achievement_reward: 'Achievement reward',
};

export function ledgerReason(reason: string): string {
  const known = LEDGER_REASONS[reason];
  if (known) return known;
  const words = reason.replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** "9:05" for 545 000 ms; rounds up so the lock never reads 0:00 while still active. */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}

export type RoundTone = 'win' | 'push' | 'loss';
export type RoundResult = { net: number; payout: number; stake: number; tone: RoundTone; text: string };

const amount = (n: number) => Math.abs(n).toLocaleString('en-US');
/** "+8", "−10", "0": the sign always written, with a real minus. */
export const formatNet = (net: number) => (net > 0 ? `+${amount(net)}` : net < 0 ? `−${amount(net)}` : '0');

/**
 * The one way every screen tells a round (banners, history lists, toasts): the payout and the
 * net change of the balance, e.g. "Won 18 gold (net +8)", "Lost 10 gold (net −10)",
 * "Bet back: 10 gold (net 0)". A payout below the stake is still paid, so it is written as paid.
 */
export function roundResult(stake: number, payout: number, currency = 'gold'): RoundResult {
  const net = payout - stake;
  const tone: RoundTone = net > 0 ? 'win' : net === 0 ? 'push' : 'loss';
  let text: string;
  if (net > 0) text = `Won ${amount(payout)} ${currency} (net ${formatNet(net)})`;
  else if (net === 0) text = `Bet back: ${amount(payout)} ${currency} (net 0)`;
  else if (payout > 0) text = `Paid ${amount(payout)} ${currency} (net ${formatNet(net)})`;
  else text = `Lost ${amount(stake)} ${currency} (net ${formatNet(net)})`;
  return { net, payout, stake, tone, text };
}

/** The CSS class of a net amount: plus, minus or muted. */
export const toneClass = (tone: RoundTone) => (tone === 'win' ? 'plus' : tone === 'loss' ? 'minus' : 'muted');

/** "1 round", "3 rounds" (English plurals with an s, or the given plural). */
export const plural = (n: number, word: string, many = `${word}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? word : many}`;
