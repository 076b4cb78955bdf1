const numbers = new Intl.NumberFormat('en-US');
const dates = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' });

export const formatNumber = (n: number) => numbers.format(n);
export const formatSigned = (n: number) => (n > 0 ? `+${numbers.format(n)}` : numbers.format(n));
export const formatDate = (d: Date | string | null | undefined) => (d ? dates.format(new Date(d)) : '—');
