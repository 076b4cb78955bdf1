/** Shop screens: prices, grants, dates for datetime-local fields, and the cache refresh after a change. */
import { formatPrice, type TPriceCurrency } from '@casino/shared';
import { formatDate, formatNumber, useTRPC } from '@casino/ui';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';

export { formatPrice };

type Granted = {
  gold?: number | undefined;
  gems?: number | undefined;
  items?: { itemId: string; quantity: number }[] | undefined;
  battlepassPremium?: boolean | undefined;
};

/** "1,000 gold · 100 gems · lucky_clover ×1 · battle pass" or "—". */
export function formatGranted(g: Granted | null | undefined): string {
  if (!g) return '—';
  const parts: string[] = [];
  if (g.gold) parts.push(`${formatNumber(g.gold)} gold`);
  if (g.gems) parts.push(`${formatNumber(g.gems)} gems`);
  for (const i of g.items ?? []) parts.push(`${i.itemId} ×${formatNumber(i.quantity)}`);
  if (g.battlepassPremium) parts.push('battle pass premium');
  return parts.length ? parts.join(' · ') : '—';
}

/** A Date as the value of an <input type="datetime-local"> (local time, minutes). */
export function toLocalInput(d: Date | null | undefined): string {
  if (!d) return '';
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** The value of a datetime-local field as a Date; null when empty, undefined when not a date. */
export function fromLocalInput(s: string): Date | null | undefined {
  if (s.trim() === '') return null;
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** "Dec 1, 2026, 1:25 AM → Dec 31, …", "from …", "until …" or "always". */
export function formatWindow(startsAt: Date | null, endsAt: Date | null): string {
  if (startsAt && endsAt) return `${formatDate(startsAt)} → ${formatDate(endsAt)}`;
  if (startsAt) return `from ${formatDate(startsAt)}`;
  if (endsAt) return `until ${formatDate(endsAt)}`;
  return 'always';
}

/** Whole units for gold and gems; dollars with up to two decimals for card prices (sent as cents). */
export function parseAmount(raw: string, currency: TPriceCurrency): number | null {
  const t = raw.trim();
  if (currency === 'cash') {
    if (!/^\d+(\.\d{1,2})?$/.test(t)) return null;
    const cents = Math.round(Number(t) * 100);
    return cents >= 1 && cents <= 1_000_000_000 ? cents : null;
  }
  if (!/^\d+$/.test(t)) return null;
  const n = Number(t);
  return n >= 1 && n <= 1_000_000_000 ? n : null;
}

export const amountText = (amount: number, currency: TPriceCurrency) => (currency === 'cash' ? (amount / 100).toFixed(2) : String(amount));

/** A whole number within [min, max] from a text field; null when empty, undefined when invalid. */
export function parseWhole(raw: string, min: number, max: number): number | null | undefined {
  const t = raw.trim();
  if (t === '') return null;
  if (!/^-?\d+$/.test(t)) return undefined;
  const n = Number(t);
  return n >= min && n <= max ? n : undefined;
}

/** After any shop mutation: the shop lists and the audit log are stale. */
export function useRefreshShop() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useCallback(() => {
    void queryClient.invalidateQueries(trpc.admin.shop.pathFilter());
    void queryClient.invalidateQueries(trpc.admin.audit.pathFilter());
  }, [trpc, queryClient]);
}
