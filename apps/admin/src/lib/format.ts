/**
 * How the console words stored values: numbers (amounts, counts, percentages, multipliers,
 * money, dates) through one set of formatters, ledger reasons, audit diffs, JSON blocks.
 * Screens format through here rather than inline (toFixed, toLocaleString).
 */
import { formatDate, formatNumber, formatSigned } from '@casino/ui';

export { formatDate, formatNumber, formatSigned };

const percent = (digits: number) =>
  new Intl.NumberFormat('en-US', { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits });
const percents = new Map<number, Intl.NumberFormat>();
const multiplier = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const dollars = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
const shortDay = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric' });

/** A fraction as a percentage: 0.96 → "96.00%", 12.5 → "1,250.00%". */
export function formatPercent(fraction: number, digits = 2): string {
  let f = percents.get(digits);
  if (!f) {
    f = percent(digits);
    percents.set(digits, f);
  }
  return f.format(fraction);
}

/** A value already in percent (a discount, a weight share): 15 → "15%", 12.345 → "12.35%". */
export const formatPercentValue = (value: number, digits = 0) => formatPercent(value / 100, digits);

/** A payout multiplier: 2.5 → "2.50×", 1234 → "1,234.00×"; null → "—". */
export const formatMultiplier = (m: number | null | undefined) => (m === null || m === undefined ? '—' : `${multiplier.format(m)}×`);

/** Gold or gems with the unit: "1,000 gold", "12 gems". */
export const formatAmount = (amount: number, currency: string) => `${formatNumber(amount)} ${currency}`;

/** Cents as dollars: 129900 → "$1,299.00". */
export const formatCents = (cents: number) => dollars.format(cents / 100);

const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });
/** Chart axis ticks: 1234567 → "1.2M". */
export const formatCompact = (n: number) => compact.format(n);

/** A day without the year and time, for narrow cells: "Dec 1". */
export const formatShortDate = (d: Date | string) => shortDay.format(new Date(d));

/** "3 sessions", "1 session". */
export const formatCount = (n: number, one: string, many = `${one}s`) => `${formatNumber(n)} ${n === 1 ? one : many}`;

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
  if (typeof v === 'number') return formatNumber(v);
  return JSON.stringify(v);
}
