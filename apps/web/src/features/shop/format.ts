/** How the shop words products: what they grant, how long is left, which shelf they sit on. */
import { formatPrice, type TPriceCurrency, type TProductKind, type TRank } from '@casino/shared';
import { formatNumber } from '@casino/ui';

export { formatPrice };

type Grants = {
  gold?: number | undefined;
  gems?: number | undefined;
  items?: { itemId: string; quantity: number }[] | undefined;
  battlepassPremium?: boolean | undefined;
};

/** "lucky_clover" → "Lucky clover". */
export const itemName = (id: string) => {
  const words = id.replaceAll(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/** One line per thing granted: "+1,000 gold", "+100 gems", "Lucky clover ×1", "Battle pass premium". */
export function grantLines(g: Grants): { key: string; text: string; tone: 'gold' | 'gems' | 'other' }[] {
  const lines: { key: string; text: string; tone: 'gold' | 'gems' | 'other' }[] = [];
  if (g.gold) lines.push({ key: 'gold', text: `+${formatNumber(g.gold)} gold`, tone: 'gold' });
  if (g.gems) lines.push({ key: 'gems', text: `+${formatNumber(g.gems)} gems`, tone: 'gems' });
  for (const i of g.items ?? []) lines.push({ key: `item-${i.itemId}`, text: `${itemName(i.itemId)} ×${i.quantity}`, tone: 'other' });
  if (g.battlepassPremium) lines.push({ key: 'bp', text: 'Battle pass premium track', tone: 'other' });
  return lines;
}

/** "6d 23h", "5h 07m", "4:05" — coarse far away, to the second close by. */
export function formatRemaining(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (d > 0) return `${d}d ${h}h`;
  if (h > 0) return `${h}h ${String(m).padStart(2, '0')}m`;
  return `${m}:${String(s % 60).padStart(2, '0')}`;
}

export const RANK_LABEL: Record<TRank, string> = { STANDARD: 'Standard', PREMIUM: 'Premium', VIP: 'VIP' };

export const CURRENCY_LABEL: Record<TPriceCurrency, string> = { gold: 'gold', gems: 'gems', cash: 'card' };

export type Shelf = 'gems' | 'gold' | 'offers' | 'items';

export const SHELVES: { id: Shelf; title: string; blurb: string }[] = [
  { id: 'gems', title: 'Gem packs', blurb: 'Paid by card (sandbox).' },
  { id: 'gold', title: 'Gold packs', blurb: 'Swap gems for gold to play with.' },
  { id: 'offers', title: 'Bundles & offers', blurb: 'Limited deals and passes.' },
  { id: 'items', title: 'Items', blurb: 'Collectibles for your profile.' },
];

export function shelfOf(kind: TProductKind, limited: boolean): Shelf {
  if (limited) return 'offers';
  if (kind === 'gem_pack') return 'gems';
  if (kind === 'gold_pack') return 'gold';
  if (kind === 'item') return 'items';
  return 'offers';
}
