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
