/**
 * The catalog as one buyer sees it: effective price (running discount), limited stock
 * left, how many the buyer may still buy, and whether (and why not) they can buy now.
 * Also the starter catalog seeded at start.
 */
import { type Db, purchases, type ShopProduct, shopProducts } from '@casino/db';
import type { TReason } from '@casino/shared';
import { discountedTotal, rankAtLeast, type TCatalogProduct, type TRank } from '@casino/shared';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Deps } from '../../deps';

/** Purchases that hold stock and count toward a per-user limit. */
export const HOLDING_STATUSES = ['pending', 'authorized', 'completed'] as const;

export const stockKey = (sku: string) => `shop:stock:${sku}`;

export function discountRunning(p: Pick<ShopProduct, 'discountPercent' | 'discountEndsAt'>, now: Date): number {
  if (p.discountPercent <= 0) return 0;
  if (p.discountEndsAt && p.discountEndsAt <= now) return 0;
  return p.discountPercent;
}

export function isLimited(p: ShopProduct): p is ShopProduct & { stockTotal: number } {
  return p.stockTotal !== null;
}

/** Why the buyer cannot buy `quantity` now (stock aside, which Redis and the database decide), or null. */
export function refusalFor(
  p: ShopProduct,
  buyer: { rank: TRank },
  now: Date,
  opts: { quantity: number; userBought: number },
): TReason | null {
  if (!p.isActive || p.disabled) return 'DISABLED';
  if ((p.startsAt && p.startsAt > now) || (p.endsAt && p.endsAt <= now)) return 'WINDOW_CLOSED';
  if (!rankAtLeast(buyer.rank, p.minRank)) return 'RANK_REQUIRED';
  if (p.perUserLimit !== null && opts.userBought + opts.quantity > p.perUserLimit) return 'USER_LIMIT';
  if (isLimited(p) && p.stockSold + opts.quantity > p.stockTotal) return 'OUT_OF_STOCK';
  return null;
}

/** Units of each sku the user holds in pending, authorized or completed purchases. */
export async function unitsBought(db: Db, userId: number, skus: string[]): Promise<Map<string, number>> {
  if (skus.length === 0) return new Map();
  const rows = await db
    .select({ sku: purchases.sku, units: sql<string>`sum(${purchases.quantity})` })
    .from(purchases)
    .where(and(eq(purchases.userId, userId), inArray(purchases.sku, skus), inArray(purchases.status, [...HOLDING_STATUSES])))
    .groupBy(purchases.sku);
  return new Map(rows.map((r) => [r.sku, Number(r.units)]));
}

export async function catalogFor(deps: Pick<Deps, 'db' | 'kv' | 'clock'>, buyer: { id: number; rank: TRank }): Promise<TCatalogProduct[]> {
  const now = deps.clock.now();
  const rows = await deps.db
    .select()
    .from(shopProducts)
    .where(eq(shopProducts.isActive, true))
    .orderBy(asc(shopProducts.sortOrder), asc(shopProducts.sku));
  const perUser = rows.filter((p) => p.perUserLimit !== null).map((p) => p.sku);
  const bought = await unitsBought(deps.db, buyer.id, perUser);
  return Promise.all(
    rows.map(async (p) => {
      const userBought = bought.get(p.sku) ?? 0;
      // Reservations in flight make the stock shown honest; a Redis hiccup only loses that refinement.
      const reserved = isLimited(p) ? await deps.kv.reserved(stockKey(p.sku)).catch(() => 0) : 0;
      const stockLeft = isLimited(p) ? Math.max(0, p.stockTotal - p.stockSold - reserved) : null;
      let reason = refusalFor(p, buyer, now, { quantity: 1, userBought });
      if (!reason && stockLeft === 0) reason = 'OUT_OF_STOCK';
      return toCatalogProduct(p, now, {
        stockLeft,
        userRemaining: p.perUserLimit === null ? null : Math.max(0, p.perUserLimit - userBought),
        reason,
      });
    }),
  );
}

export function toCatalogProduct(
  p: ShopProduct,
  now: Date,
  o: { stockLeft: number | null; userRemaining: number | null; reason: TReason | null },
): TCatalogProduct {
  const discount = discountRunning(p, now);
  return {
    sku: p.sku,
    name: p.name,
    description: p.description,
    kind: p.kind,
    price: { currency: p.priceCurrency, amount: p.priceAmount, effective: discountedTotal(p.priceAmount, 1, discount) },
    grants: p.grants,
    discountPercent: discount,
    discountEndsAt: discount ? p.discountEndsAt : null,
    minRank: p.minRank,
    limited: isLimited(p)
      ? {
          stockTotal: p.stockTotal,
          stockLeft: o.stockLeft ?? 0,
          perUserLimit: p.perUserLimit,
          userRemaining: o.userRemaining,
          startsAt: p.startsAt,
          endsAt: p.endsAt,
          disabled: p.disabled,
        }
      : null,
    available: o.reason === null,
    ...(o.reason ? { unavailableReason: o.reason } : {}),
  };
}

type Seed = Omit<typeof shopProducts.$inferInsert, 'createdAt' | 'updatedAt'>;

/** The starter catalog (CONTRACT: gold packs for gems, gem packs for cash, a VIP bundle, a limited package). */
export function starterCatalog(now: Date): Seed[] {
  const day = 24 * 3600_000;
  return [
    {
      sku: 'gems_100',
      name: 'Pouch of Gems',
      description: '100 gems.',
      kind: 'gem_pack',
      priceCurrency: 'cash',
      priceAmount: 99,
      grants: { gems: 100 },
      sortOrder: 10,
    },
    {
      sku: 'gems_550',
      name: 'Sack of Gems',
      description: '550 gems — 10% extra.',
      kind: 'gem_pack',
      priceCurrency: 'cash',
      priceAmount: 499,
      grants: { gems: 550 },
      sortOrder: 11,
    },
    {
      sku: 'gems_1200',
      name: 'Chest of Gems',
      description: '1,200 gems — 20% extra.',
      kind: 'gem_pack',
      priceCurrency: 'cash',
      priceAmount: 999,
      grants: { gems: 1200 },
      sortOrder: 12,
    },
    {
      sku: 'gold_1000',
      name: 'Handful of Gold',
      description: '1,000 gold.',
      kind: 'gold_pack',
      priceCurrency: 'gems',
      priceAmount: 10,
      grants: { gold: 1000 },
      sortOrder: 20,
    },
    {
      sku: 'gold_5500',
      name: 'Bag of Gold',
      description: '5,500 gold — 10% extra.',
      kind: 'gold_pack',
      priceCurrency: 'gems',
      priceAmount: 50,
      grants: { gold: 5500 },
      sortOrder: 21,
    },
    {
      sku: 'gold_12000',
      name: 'Vault of Gold',
      description: '12,000 gold — 20% extra, 25% off this week.',
      kind: 'gold_pack',
      priceCurrency: 'gems',
      priceAmount: 100,
      grants: { gold: 12000 },
      discountPercent: 25,
      discountEndsAt: new Date(now.getTime() + 7 * day),
      sortOrder: 22,
    },
    {
      sku: 'lucky_clover',
      name: 'Lucky Clover',
      description: 'A collectible charm for your profile.',
      kind: 'item',
      priceCurrency: 'gold',
      priceAmount: 2500,
      grants: { items: [{ itemId: 'lucky_clover', quantity: 1 }] },
      sortOrder: 30,
    },
    {
      sku: 'vip_bundle',
      name: 'VIP Bundle',
      description: '25,000 gold, 250 gems and the VIP crown. VIP players only.',
      kind: 'bundle',
      priceCurrency: 'cash',
      priceAmount: 1999,
      grants: { gold: 25000, gems: 250, items: [{ itemId: 'vip_crown', quantity: 1 }] },
      minRank: 'VIP',
      sortOrder: 40,
    },
    {
      sku: 'launch_pack',
      name: 'Launch Pack',
      description: '10,000 gold and 100 gems at a launch price. One per player while stock lasts.',
      kind: 'bundle',
      priceCurrency: 'cash',
      priceAmount: 199,
      grants: { gold: 10000, gems: 100 },
      stockTotal: 1000,
      perUserLimit: 1,
      startsAt: now,
      endsAt: new Date(now.getTime() + 30 * day),
      sortOrder: 5,
    },
    {
      sku: 'battlepass_premium',
      name: 'Battle Pass Premium',
      description: 'Unlocks the premium reward track of the current season.',
      kind: 'battlepass_premium',
      priceCurrency: 'cash',
      priceAmount: 999,
      grants: { battlepassPremium: true },
      sortOrder: 50,
    },
  ];
}

/** Idempotent: inserts the starter products that do not exist; never touches an existing sku. */
export async function seedCatalog(deps: Pick<Deps, 'db' | 'clock'>): Promise<number> {
  const rows = await deps.db
    .insert(shopProducts)
    .values(starterCatalog(deps.clock.now()))
    .onConflictDoNothing()
    .returning({ sku: shopProducts.sku });
  return rows.length;
}
