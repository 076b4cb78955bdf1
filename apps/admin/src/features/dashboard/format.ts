import type { TAdminTransaction } from '@casino/shared';

const dollars = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
const wholeDollars = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
const time = new Intl.DateTimeFormat('en-US', { hour: '2-digit', minute: '2-digit', hour12: false });
const timeSeconds = new Intl.DateTimeFormat('en-US', { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
const day = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });

/** 129900 → "$1,299.00". */
export const formatCents = (cents: number) => dollars.format(cents / 100);
/** For chart axes (values in dollars): "$1,300". */
export const formatDollarsShort = (dollars: number) => wholeDollars.format(dollars);
/** "14:05" in the browser's zone. */
export const clockLabel = (d: Date | string) => time.format(new Date(d));
/** "14:05:30" for samples seconds apart. */
export const clockSecondsLabel = (d: Date | string) => timeSeconds.format(new Date(d));
/** "2026-07-09" (already a local day of the chosen zone) → "Jul 9". */
export const dayLabel = (isoDay: string) => day.format(new Date(`${isoDay}T00:00:00Z`));

export function transactionText(t: TAdminTransaction): string {
  if (t.kind === 'purchase') {
    const amount = t.currency === 'cash' ? formatCents(t.amount) : `${t.amount.toLocaleString('en-US')} ${t.currency}`;
    return `${t.nickname} bought ${t.sku ?? 'a product'} for ${amount}`;
  }
  const mult = t.multiplier ? ` at ${t.multiplier.toFixed(2)}×` : '';
  return `${t.nickname} won ${t.amount.toLocaleString('en-US')} ${t.currency} in ${t.game ?? 'a game'}${mult}`;
}
