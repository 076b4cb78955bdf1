/** The dashboard's chart labels (axes, clock times, days); amounts go through the console's formatters. */
import type { TAdminTransaction } from '@casino/shared';
import { formatAmount, formatCents, formatMultiplier } from '../../lib/format';

export { formatCents };

const wholeDollars = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
const time = new Intl.DateTimeFormat('en-US', { hour: '2-digit', minute: '2-digit', hour12: false });
const timeSeconds = new Intl.DateTimeFormat('en-US', { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
const day = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });

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
    const amount = t.currency === 'cash' ? formatCents(t.amount) : formatAmount(t.amount, t.currency);
    return `${t.nickname} bought ${t.sku ?? 'a product'} for ${amount}`;
  }
  const mult = t.multiplier ? ` at ${formatMultiplier(t.multiplier)}` : '';
  return `${t.nickname} won ${formatAmount(t.amount, t.currency)} in ${t.game ?? 'a game'}${mult}`;
}
