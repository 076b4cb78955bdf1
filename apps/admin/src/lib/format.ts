/** How the console words stored values: ledger reasons, audit diffs, JSON blocks. */

/** Compact JSON for audit before/after/meta columns. */
export const formatJson = (v: unknown) => (v == null ? '—' : JSON.stringify(v, null, 2));

/**
 * Every ledger reason the wallet writes, as staff read it (the one map: economy flows, large
 * movements, a user's ledger and rewards all use it); unknown ones are humanised from their code.
 */
export const LEDGER_REASONS: Record<string, string> = {
  signup_bonus: 'Welcome bonus',
  admin_grant: 'Granted by staff',
  admin_deduct: 'Deducted by staff',
  reward_grant: 'Reward from staff',
  slot_bet: 'Slot bet',
  slot_win: 'Slot win',
  gacha_bet: 'Gacha pull',
  gacha_win: 'Gacha prize',
  rps_bet: 'Rock-paper-scissors bet',
  rps_win: 'Rock-paper-scissors win',
  crash_bet: 'Crash bet',
  crash_win: 'Crash cash-out',
  crash_busted: 'Crash bust',
  shop_purchase: 'Shop purchase (price)',
  shop_grant: 'Shop purchase (delivered)',
  shop_refund: 'Refund (price returned)',
  shop_refund_clawback: 'Refund (grant taken back)',
  streak_claim: 'Daily streak reward',
  vip_daily: 'VIP daily points',
  hourly_bonus: 'Hourly refill',
  achievement_reward: 'Achievement reward',
  level_reward: 'Level-up reward',
  battlepass_reward: 'Battle-pass reward',
  event_reward: 'Event reward',
  mission_reward: 'Mission reward',
  quest_reward: 'Quest reward',
};

export function humanize(code: string): string {
  const words = code.replaceAll(/[_.:-]+/g, ' ').trim();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : code;
}

export const ledgerReason = (reason: string) => LEDGER_REASONS[reason] ?? humanize(reason);

/** What a login-history row means. */
const LOGIN_REASONS: Record<string, string> = {
  invalid_credentials: 'Wrong password',
  login_locked: 'Refused: locked',
  locked_out: 'Locked out (too many failures)',
  account_banned: 'Refused: banned',
};
export const loginOutcome = (success: boolean, reason: string | null) =>
  success ? 'Logged in' : reason ? (LOGIN_REASONS[reason] ?? humanize(reason)) : 'Failed';

export type FieldChange = { field: string; before: unknown; after: unknown };

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The fields that differ between an audit entry's before and after, flattened one level deep ("limited.stock"). */
export function diffFields(before: unknown, after: unknown, prefix = ''): FieldChange[] {
  const b = isPlainObject(before) ? before : {};
  const a = isPlainObject(after) ? after : {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].sort();
  return keys.flatMap((k) => {
    const field = prefix ? `${prefix}.${k}` : k;
    if (!prefix && isPlainObject(b[k]) && isPlainObject(a[k])) return diffFields(b[k], a[k], field);
    return JSON.stringify(b[k]) === JSON.stringify(a[k]) ? [] : [{ field, before: b[k], after: a[k] }];
  });
}

/** A value inside a diff: short and readable (dates as dates, null as an em dash). */
export function formatValue(v: unknown): string {
  if (v === undefined || v === null) return '—';
  if (typeof v === 'string') return /^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(v) ? new Date(v).toLocaleString('en-US') : v;
  if (typeof v === 'number') return new Intl.NumberFormat('en-US').format(v);
  return JSON.stringify(v);
}
