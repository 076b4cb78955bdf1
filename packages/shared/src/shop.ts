/**
 * Shop: product kinds and prices, the buy input, the catalog and purchase shapes, and the
 * price arithmetic (used by the server; the SPAs show the server's figures).
 */
import { z } from 'zod';
import { ZItemId } from './progression';
import { ZIdempotencyKey, ZRank, ZText } from './schemas';

export const PRODUCT_KINDS = ['gold_pack', 'gem_pack', 'item', 'bundle', 'battlepass_premium'] as const;
export type TProductKind = (typeof PRODUCT_KINDS)[number];
export const PRICE_CURRENCIES = ['gold', 'gems', 'cash'] as const;
export type TPriceCurrency = (typeof PRICE_CURRENCIES)[number];
export const PURCHASE_STATUSES = ['pending', 'authorized', 'completed', 'failed', 'refunded'] as const;

export const ZProductKind = z.enum(PRODUCT_KINDS);
export const ZPriceCurrency = z.enum(PRICE_CURRENCIES);
export const ZPurchaseStatus = z.enum(PURCHASE_STATUSES);

export const ZSku = ZText.trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9_.-]{1,63}$/, 'sku: 2–64 characters of a–z, 0–9, _ . -');
export const ZPromoCode = ZText.trim()
  .toUpperCase()
  .regex(/^[A-Z0-9_-]{3,32}$/, 'promo code: 3–32 letters, digits, _ or -');
/** A gateway token (the sandbox's are documented in CONTRACT.md: tok_visa, tok_declined, tok_capture_fail). */
export const ZPaymentToken = ZText.trim().regex(/^[A-Za-z0-9_-]{3,128}$/, 'payment token: 3–128 letters, digits, _ or -');

const ZPositive = z.number().int().positive().max(1_000_000_000);

export const ZProductGrants = z
  .object({
    gold: ZPositive.optional(),
    gems: ZPositive.optional(),
    items: z
      .array(z.object({ itemId: ZItemId, quantity: z.number().int().min(1).max(1000) }))
      .max(20)
      .optional(),
    battlepassPremium: z.boolean().optional(),
  })
  .refine((g) => Boolean(g.gold || g.gems || g.items?.length || g.battlepassPremium), 'a product grants something');
export type TProductGrants = z.infer<typeof ZProductGrants>;

export const MAX_QUANTITY = 100;

export const ZBuyInput = z.object({
  sku: ZSku,
  quantity: z.number().int().min(1).max(MAX_QUANTITY).default(1),
  idempotencyKey: ZIdempotencyKey,
  promoCode: ZPromoCode.optional(),
  paymentToken: ZPaymentToken.optional(),
});
export type TBuyInput = z.infer<typeof ZBuyInput>;

export const ZPrice = z.object({ currency: ZPriceCurrency, amount: z.number().int(), effective: z.number().int() });

export const ZCatalogProduct = z.object({
  sku: z.string(),
  name: z.string(),
  description: z.string(),
  kind: ZProductKind,
  price: ZPrice,
  grants: z.object({
    gold: z.number().int().optional(),
    gems: z.number().int().optional(),
    items: z.array(z.object({ itemId: z.string(), quantity: z.number().int() })).optional(),
    battlepassPremium: z.boolean().optional(),
  }),
  discountPercent: z.number().int(),
  discountEndsAt: z.date().nullable(),
  minRank: ZRank,
  limited: z
    .object({
      stockTotal: z.number().int(),
      stockLeft: z.number().int(),
      perUserLimit: z.number().int().nullable(),
      userRemaining: z.number().int().nullable(),
      startsAt: z.date().nullable(),
      endsAt: z.date().nullable(),
      disabled: z.boolean(),
    })
    .nullable(),
  available: z.boolean(),
  unavailableReason: z.string().optional(),
});
export type TCatalogProduct = z.infer<typeof ZCatalogProduct>;

export const ZGranted = z.object({
  gold: z.number().int().optional(),
  gems: z.number().int().optional(),
  items: z.array(z.object({ itemId: z.string(), quantity: z.number().int() })).optional(),
  battlepassPremium: z.boolean().optional(),
});

export const ZBuyResult = z.object({
  purchaseId: z.string(),
  status: z.literal('completed'),
  chargeId: z.string().nullable(),
  amount: z.number().int(),
  currency: ZPriceCurrency,
  granted: ZGranted,
  balance: z.object({ gold: z.number().int(), gems: z.number().int() }),
  idempotent: z.boolean(),
});
export type TBuyResult = z.infer<typeof ZBuyResult>;

export const ZPurchase = z.object({
  id: z.string(),
  sku: z.string(),
  productName: z.string(),
  quantity: z.number().int(),
  status: ZPurchaseStatus,
  currency: ZPriceCurrency,
  amount: z.number().int(),
  promoCode: z.string().nullable(),
  promoDiscount: z.number().int(),
  granted: ZGranted,
  chargeId: z.string().nullable(),
  failureReason: z.string().nullable(),
  refundedAt: z.date().nullable(),
  createdAt: z.date(),
  completedAt: z.date().nullable(),
});

export const ZPromoCheck = z.object({
  valid: z.boolean(),
  reason: z.string().nullable(),
  message: z.string().nullable(),
  amount: z.number().int(),
  discount: z.number().int(),
  total: z.number().int(),
  currency: ZPriceCurrency,
});

/** Whole units: unit × quantity less the running discount (the discount rounded down). */
export function discountedTotal(unitPrice: number, quantity: number, discountPercent: number): number {
  const gross = unitPrice * quantity;
  return gross - Math.floor((gross * discountPercent) / 100);
}

/** What a promo code takes off a total (never more than the total). */
export function promoDiscount(total: number, promo: { kind: 'percent' | 'fixed'; value: number }): number {
  const off = promo.kind === 'percent' ? Math.floor((total * Math.min(promo.value, 100)) / 100) : promo.value;
  return Math.max(0, Math.min(total, off));
}

/** Formats a price for people: 1,200 gold, 50 gems, $4.99. */
export function formatPrice(currency: TPriceCurrency, amount: number): string {
  if (currency === 'cash') return `$${(amount / 100).toFixed(2)}`;
  return `${amount.toLocaleString('en-US')} ${currency}`;
}
