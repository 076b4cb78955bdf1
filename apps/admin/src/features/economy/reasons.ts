/** Ledger reasons in words an operator reads at a glance ("slot_win" → "Slot win"). */
const LABELS: Record<string, string> = {
  signup_bonus: 'Sign-up bonus',
  admin_grant: 'Admin grant',
  admin_deduct: 'Admin deduction',
  shop_purchase: 'Shop purchase (price)',
  shop_grant: 'Shop purchase (granted)',
  shop_refund: 'Refund (price returned)',
  shop_refund_clawback: 'Refund (grant taken back)',
  streak_claim: 'Daily streak reward',
  vip_daily: 'VIP daily points',
  hourly_bonus: 'Hourly refill',
  level_reward: 'Level-up reward',
  battlepass_reward: 'Battle-pass reward',
  mission_reward: 'Mission reward',
  quest_reward: 'Event reward',
  achievement_reward: 'Achievement reward',
  gacha_bet: 'Gacha pull',
  gacha_win: 'Gacha prize',
  crash_busted: 'Crash bust',
};

export function reasonLabel(reason: string): string {
  const known = LABELS[reason];
  if (known) return known;
  const words = reason.replace(/[_.:-]+/g, ' ').trim();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : reason;
}
