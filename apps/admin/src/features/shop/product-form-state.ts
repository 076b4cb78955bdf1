/**
 * The product form's text state and its translation into admin.shop.products.create / update
 * input, checked the way the server checks it so most mistakes never leave the page.
 */
import { PRODUCT_KINDS, RANKS, type TPriceCurrency, type TProductKind, type TRank, ZItemId, ZSku } from '@casino/shared';
import type { RouterInputs, RouterOutputs } from '@casino/ui';
import { amountText, fromLocalInput, parseAmount, parseWhole, toLocalInput } from './format';

export type ProductRow = RouterOutputs['admin']['shop']['products']['list'][number];
export type ProductCreate = RouterInputs['admin']['shop']['products']['create'];

export type ItemLine = { itemId: string; quantity: string };

export type ProductFormState = {
  sku: string;
  name: string;
  description: string;
  kind: TProductKind;
  currency: TPriceCurrency;
  amount: string;
  gold: string;
  gems: string;
  items: ItemLine[];
  battlepassPremium: boolean;
  discountPercent: string;
  discountEndsAt: string;
  minRank: TRank;
  isActive: boolean;
  sortOrder: string;
  limited: boolean;
  stock: string;
  perUserLimit: string;
  startsAt: string;
  endsAt: string;
};

export type ProductFormErrors = Partial<Record<keyof ProductFormState | 'grants', string>>;

export const KIND_LABEL: Record<TProductKind, string> = {
  gold_pack: 'Gold pack',
  gem_pack: 'Gem pack',
  item: 'Item',
  bundle: 'Bundle',
  battlepass_premium: 'Battle pass premium',
};
export const KIND_OPTIONS = PRODUCT_KINDS.map((k) => ({ value: k, label: KIND_LABEL[k] }));
export const RANK_OPTIONS = RANKS.map((r) => ({ value: r, label: r === 'STANDARD' ? 'Anyone (STANDARD)' : r }));
export const CURRENCY_OPTIONS = [
  { value: 'gems', label: 'Gems' },
  { value: 'gold', label: 'Gold' },
  { value: 'cash', label: 'Card (USD)' },
] as const;

export const EMPTY_PRODUCT: ProductFormState = {
  sku: '',
  name: '',
  description: '',
  kind: 'gold_pack',
  currency: 'gems',
  amount: '',
  gold: '',
  gems: '',
  items: [],
  battlepassPremium: false,
  discountPercent: '0',
  discountEndsAt: '',
  minRank: 'STANDARD',
  isActive: true,
  sortOrder: '0',
  limited: false,
  stock: '',
  perUserLimit: '',
  startsAt: '',
  endsAt: '',
};

export function formOf(p: ProductRow): ProductFormState {
  return {
    sku: p.sku,
    name: p.name,
    description: p.description,
    kind: p.kind,
    currency: p.priceCurrency,
    amount: amountText(p.priceAmount, p.priceCurrency),
    gold: p.grants.gold ? String(p.grants.gold) : '',
    gems: p.grants.gems ? String(p.grants.gems) : '',
    items: (p.grants.items ?? []).map((i) => ({ itemId: i.itemId, quantity: String(i.quantity) })),
    battlepassPremium: p.grants.battlepassPremium === true,
    discountPercent: String(p.discountPercent),
    discountEndsAt: toLocalInput(p.discountEndsAt),
    minRank: p.minRank,
    isActive: p.isActive,
    sortOrder: String(p.sortOrder),
    limited: p.stockTotal !== null,
    stock: p.stockTotal === null ? '' : String(p.stockTotal),
    perUserLimit: p.perUserLimit === null ? '' : String(p.perUserLimit),
    startsAt: toLocalInput(p.startsAt),
    endsAt: toLocalInput(p.endsAt),
  };
}

/** The create input (update sends the same fields), or the errors per field. */
export function productInput(f: ProductFormState, creating: boolean): { input: ProductCreate | null; errors: ProductFormErrors } {
  const e: ProductFormErrors = {};
  const sku = f.sku.trim().toLowerCase();
  if (creating && !ZSku.safeParse(sku).success) e.sku = '2–64 characters: a–z, 0–9, _ . - (starting with a letter or digit).';
  const name = f.name.trim();
  if (name.length < 2 || name.length > 80) e.name = '2–80 characters.';
  if (f.description.trim().length > 500) e.description = 'At most 500 characters.';
  const amount = parseAmount(f.amount, f.currency);
  if (amount === null) e.amount = f.currency === 'cash' ? 'Dollars with up to two decimals, e.g. 4.99.' : 'A whole number from 1.';

  const gold = parseWhole(f.gold, 1, 1_000_000_000);
  if (gold === undefined) e.gold = 'A whole number from 1, or empty.';
  const gems = parseWhole(f.gems, 1, 1_000_000_000);
  if (gems === undefined) e.gems = 'A whole number from 1, or empty.';
  const items: { itemId: string; quantity: number }[] = [];
  for (const line of f.items) {
    const q = parseWhole(line.quantity, 1, 1000);
    if (!ZItemId.safeParse(line.itemId.trim()).success || typeof q !== 'number') {
      e.items = 'Each item needs an id (a–z, 0–9, _ -) and a quantity from 1 to 1,000.';
    } else items.push({ itemId: line.itemId.trim(), quantity: q });
  }
  if (!gold && !gems && items.length === 0 && !f.battlepassPremium)
    e.grants = 'A product grants something: gold, gems, items or the battle pass.';
  if (f.kind === 'battlepass_premium' && !f.battlepassPremium) e.grants = 'A battle-pass product must grant the battle pass premium track.';

  const discount = parseWhole(f.discountPercent, 0, 100);
  if (discount === undefined) e.discountPercent = '0 to 100.';
  const discountEndsAt = fromLocalInput(f.discountEndsAt);
  if (discountEndsAt === undefined) e.discountEndsAt = 'Not a date.';
  const sortOrder = parseWhole(f.sortOrder, -10_000, 10_000);
  if (sortOrder === undefined) e.sortOrder = '−10,000 to 10,000.';

  let limited: ProductCreate['limited'] = null;
  if (f.limited) {
    const stock = parseWhole(f.stock, 1, 10_000_000);
    if (typeof stock !== 'number') e.stock = 'Total units: a whole number from 1.';
    const perUser = parseWhole(f.perUserLimit, 1, 10_000);
    if (perUser === undefined) e.perUserLimit = 'A whole number from 1, or empty for no limit.';
    const startsAt = fromLocalInput(f.startsAt);
    const endsAt = fromLocalInput(f.endsAt);
    if (startsAt === undefined) e.startsAt = 'Not a date.';
    if (endsAt === undefined) e.endsAt = 'Not a date.';
    if (startsAt && endsAt && startsAt >= endsAt) e.endsAt = 'The sale must end after it starts.';
    if (typeof stock === 'number') limited = { stock, perUserLimit: perUser ?? null, startsAt: startsAt ?? null, endsAt: endsAt ?? null };
  }

  if (Object.keys(e).length > 0 || amount === null) return { input: null, errors: e };
  return {
    errors: e,
    input: {
      sku,
      name,
      description: f.description.trim(),
      kind: f.kind,
      price: { currency: f.currency, amount },
      grants: {
        ...(gold ? { gold } : {}),
        ...(gems ? { gems } : {}),
        ...(items.length ? { items } : {}),
        ...(f.battlepassPremium ? { battlepassPremium: true } : {}),
      },
      discountPercent: discount ?? 0,
      discountEndsAt: discountEndsAt ?? null,
      minRank: f.minRank,
      isActive: f.isActive,
      sortOrder: sortOrder ?? 0,
      limited,
    },
  };
}
