/** Read side of the shop: a buyer's purchases, price quotes with a promo code. */
import { type Db, purchases, shopProducts } from '@casino/db';
import { REASONS, type TRank } from '@casino/shared';
import { and, desc, eq, lt, or } from 'drizzle-orm';
import type { Deps } from '../../deps';
import { DomainError, isDomainError } from '../../errors';
import { pageCursorOf, pageOf, parsePageCursor } from '../shared/page';
import { priceOf } from './buy';
import { quotePromo } from './promos';

export async function purchasePage(db: Db, userId: number, opts: { cursor?: string | undefined; limit: number }) {
  const at = opts.cursor ? parsePageCursor(opts.cursor) : null;
  const rows = await db
    .select({
      id: purchases.id,
      sku: purchases.sku,
      productName: shopProducts.name,
      quantity: purchases.quantity,
      status: purchases.status,
      currency: purchases.priceCurrency,
      amount: purchases.amount,
      promoCode: purchases.promoCode,
      promoDiscount: purchases.promoDiscount,
      granted: purchases.granted,
      chargeId: purchases.chargeId,
      failureReason: purchases.failureReason,
      refundedAt: purchases.refundedAt,
      createdAt: purchases.createdAt,
      completedAt: purchases.completedAt,
    })
    .from(purchases)
    .innerJoin(shopProducts, eq(shopProducts.sku, purchases.sku))
    .where(
      and(
        eq(purchases.userId, userId),
        at ? or(lt(purchases.createdAt, at.at), and(eq(purchases.createdAt, at.at), lt(purchases.id, at.id))) : undefined,
      ),
    )
    .orderBy(desc(purchases.createdAt), desc(purchases.id))
    .limit(opts.limit + 1);
  return pageOf(rows, opts.limit, pageCursorOf);
}

/** What `quantity` of `sku` costs this buyer with `promoCode`; an unusable code answers why (live validation). */
export async function quote(
  deps: Pick<Deps, 'db' | 'clock'>,
  buyer: { id: number; rank: TRank },
  input: { sku: string; quantity: number; promoCode?: string | undefined },
) {
  const now = deps.clock.now();
  const [product] = await deps.db.select().from(shopProducts).where(eq(shopProducts.sku, input.sku));
  if (!product?.isActive) throw new DomainError('product_not_found');
  const base = await priceOf(deps.db, product, input.quantity, null, buyer.id, now);
  if (!input.promoCode) {
    return {
      valid: true,
      reason: null,
      message: null,
      amount: base.total,
      discount: 0,
      total: base.total,
      currency: product.priceCurrency,
    };
  }
  try {
    // The promo applies to the discounted subtotal already computed: one price computation, one promo read.
    const promo = await quotePromo(deps.db, input.promoCode, base.total, buyer.id, now);
    const total = base.total - promo.discount;
    return {
      valid: true,
      reason: null,
      message: null,
      amount: base.total,
      discount: promo.discount,
      total,
      currency: product.priceCurrency,
    };
  } catch (e) {
    if (!isDomainError(e)) throw e;
    return {
      valid: false,
      reason: e.reason,
      message: e.message ?? REASONS[e.reason].message,
      amount: base.total,
      discount: 0,
      total: base.total,
      currency: product.priceCurrency,
    };
  }
}
