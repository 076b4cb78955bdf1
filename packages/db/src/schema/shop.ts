/**
 * Shop and payments: the catalog (with limited-package fields), promo codes, purchases,
 * stored idempotent responses, the sandbox gateway's charges, payment webhooks and the
 * fraud rules with their decisions. PostgreSQL is the truth for stock and promo uses;
 * Redis only holds short reservations in front of them.
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { userRank, users } from './users';

export const productKind = pgEnum('product_kind', ['gold_pack', 'gem_pack', 'item', 'bundle', 'battlepass_premium']);
export const priceCurrency = pgEnum('price_currency', ['gold', 'gems', 'cash']);

/** What a product grants per unit bought. */
export type ProductGrants = {
  gold?: number;
  gems?: number;
  items?: { itemId: string; quantity: number }[];
  battlepassPremium?: boolean;
};

export const shopProducts = pgTable(
  'shop_products',
  {
    sku: text().primaryKey(),
    name: text().notNull(),
    description: text().notNull().default(''),
    kind: productKind().notNull(),
    priceCurrency: priceCurrency().notNull(),
    /** Per unit: gold, gems, or cents for cash. */
    priceAmount: bigint({ mode: 'number' }).notNull(),
    grants: jsonb().$type<ProductGrants>().notNull(),
    discountPercent: integer().notNull().default(0),
    discountEndsAt: timestamp({ withTimezone: true }),
    minRank: userRank().notNull().default('STANDARD'),
    isActive: boolean().notNull().default(true),
    sortOrder: integer().notNull().default(0),
    /** Limited packages: null = unlimited. stockSold is the truth; Redis only reserves. */
    stockTotal: integer(),
    stockSold: integer().notNull().default(0),
    perUserLimit: integer(),
    startsAt: timestamp({ withTimezone: true }),
    endsAt: timestamp({ withTimezone: true }),
    /** Emergency switch of a limited package. */
    disabled: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('shop_products_price_pos', sql`${t.priceAmount} > 0`),
    check('shop_products_discount_range', sql`${t.discountPercent} BETWEEN 0 AND 100`),
    check('shop_products_stock_nonneg', sql`${t.stockSold} >= 0`),
    check('shop_products_stock_cap', sql`${t.stockTotal} IS NULL OR ${t.stockSold} <= ${t.stockTotal}`),
    check('shop_products_per_user_pos', sql`${t.perUserLimit} IS NULL OR ${t.perUserLimit} > 0`),
  ],
);

export const promoKind = pgEnum('promo_kind', ['percent', 'fixed']);

/** Codes are stored upper-case; usedCount never passes maxUses (CHECK). */
export const promoCodes = pgTable(
  'promo_codes',
  {
    code: text().primaryKey(),
    kind: promoKind().notNull(),
    /** percent: 1–100; fixed: an amount in the product's price currency. */
    value: integer().notNull(),
    maxUses: integer(),
    usedCount: integer().notNull().default(0),
    perUserOnce: boolean().notNull().default(false),
    startsAt: timestamp({ withTimezone: true }),
    endsAt: timestamp({ withTimezone: true }),
    isActive: boolean().notNull().default(true),
    createdBy: integer().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('promo_codes_value_pos', sql`${t.value} > 0`),
    check('promo_codes_used_nonneg', sql`${t.usedCount} >= 0`),
    check('promo_codes_used_cap', sql`${t.maxUses} IS NULL OR ${t.usedCount} <= ${t.maxUses}`),
  ],
);

export const purchaseStatus = pgEnum('purchase_status', ['pending', 'authorized', 'completed', 'failed', 'refunded']);

/** What a purchase granted (and what a refund took back). */
export type PurchaseGranted = { gold?: number; gems?: number; items?: { itemId: string; quantity: number }[]; battlepassPremium?: boolean };

export const purchases = pgTable(
  'purchases',
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: integer()
      .notNull()
      .references(() => users.id),
    sku: text()
      .notNull()
      .references(() => shopProducts.sku),
    quantity: integer().notNull(),
    status: purchaseStatus().notNull(),
    priceCurrency: priceCurrency().notNull(),
    unitPrice: bigint({ mode: 'number' }).notNull(),
    discountPercent: integer().notNull().default(0),
    promoCode: text().references(() => promoCodes.code),
    promoDiscount: bigint({ mode: 'number' }).notNull().default(0),
    /** What the buyer pays: gold, gems or cents. */
    amount: bigint({ mode: 'number' }).notNull(),
    granted: jsonb().$type<PurchaseGranted>().notNull(),
    /** Gateway ids (cash): the authorization, then the captured charge. */
    authorizationId: text(),
    chargeId: text(),
    /** sha256 of the payment token: fraud features (distinct cards), never the token itself. */
    paymentFingerprint: text(),
    idempotencyKey: text().notNull(),
    fraudDecisionId: bigint({ mode: 'number' }),
    failureReason: text(),
    /** Refund: what was taken back, and what could not be (the player had spent it). */
    refundedAt: timestamp({ withTimezone: true }),
    refundReason: text(),
    clawedBack: jsonb().$type<PurchaseGranted>(),
    debt: jsonb().$type<PurchaseGranted>(),
    flaggedForReview: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex('purchases_user_idem_uq').on(t.userId, t.idempotencyKey),
    uniqueIndex('purchases_charge_uq').on(t.chargeId),
    index('purchases_user_created_idx').on(t.userId, t.createdAt),
    index('purchases_user_sku_idx').on(t.userId, t.sku),
    index('purchases_status_idx').on(t.status, t.updatedAt),
    index('purchases_created_idx').on(t.createdAt),
    check('purchases_quantity_pos', sql`${t.quantity} > 0`),
    check('purchases_amount_nonneg', sql`${t.amount} >= 0`),
  ],
);

/** One promo use per purchase; the promo row's usedCount counts them. */
export const promoRedemptions = pgTable(
  'promo_redemptions',
  {
    purchaseId: uuid()
      .primaryKey()
      .references(() => purchases.id),
    code: text()
      .notNull()
      .references(() => promoCodes.code),
    userId: integer()
      .notNull()
      .references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('promo_redemptions_code_user_idx').on(t.code, t.userId)],
);

export const idempotencyStatus = pgEnum('idempotency_status', ['in_progress', 'completed', 'failed']);

/**
 * Stored responses of idempotent procedures (Stripe's semantics): the same key and the
 * same request replay the first response (success or failure); another request under
 * the key is a conflict. Kept at least 24 h.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    userId: integer()
      .notNull()
      .references(() => users.id),
    scope: text().notNull(),
    key: text().notNull(),
    requestHash: text().notNull(),
    status: idempotencyStatus().notNull().default('in_progress'),
    /** The stored answer: the result, or the error `{ reason, message, details }`. */
    response: jsonb(),
    /** The object the request created (e.g. the purchase), for the sweeper. */
    refId: text(),
    /** An in-progress claim older than this may be taken over (its process died). */
    lockedUntil: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.scope, t.key] }), index('idempotency_keys_created_idx').on(t.createdAt)],
);

export const sandboxChargeStatus = pgEnum('sandbox_charge_status', ['authorized', 'captured', 'voided', 'refunded', 'failed']);

/** The sandbox gateway's own books (a real gateway keeps these on its side). */
export const sandboxCharges = pgTable(
  'payment_sandbox_charges',
  {
    id: text().primaryKey(),
    amountCents: bigint({ mode: 'number' }).notNull(),
    tokenFingerprint: text().notNull(),
    status: sandboxChargeStatus().notNull(),
    reference: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('payment_sandbox_charges_reference_idx').on(t.reference)],
);

export const webhookStatus = pgEnum('webhook_status', ['PENDING', 'DELIVERED', 'FAILED', 'REPLAYED']);

/** Verified payment webhook events, processed once by event id, retried with backoff. */
export const webhookEvents = pgTable(
  'webhook_events',
  {
    id: text().primaryKey(),
    type: text().notNull(),
    keyId: text().notNull(),
    payload: jsonb().notNull(),
    status: webhookStatus().notNull().default('PENDING'),
    attempts: integer().notNull().default(0),
    nextAttemptAt: timestamp({ withTimezone: true }),
    lastError: text(),
    receivedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index('webhook_events_status_idx').on(t.status, t.nextAttemptAt), index('webhook_events_received_idx').on(t.receivedAt)],
);

export const fraudAction = pgEnum('fraud_action', ['allow', 'review', 'soft_block', 'hard_block']);

/** Admin-edited rules: when `condition` holds over the features, add `score`. */
export const fraudRules = pgTable('fraud_rules', {
  id: text().primaryKey(),
  description: text().notNull().default(''),
  condition: jsonb().notNull(),
  score: integer().notNull(),
  isActive: boolean().notNull().default(true),
  updatedBy: integer().references(() => users.id),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** Thresholds and other fraud settings (one row per name, e.g. 'thresholds'). */
export const fraudSettings = pgTable('fraud_settings', {
  name: text().primaryKey(),
  value: jsonb().notNull(),
  updatedBy: integer().references(() => users.id),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** Every scored purchase attempt: the features seen, the rules matched, the action taken. */
export const fraudDecisions = pgTable(
  'fraud_decisions',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    userId: integer()
      .notNull()
      .references(() => users.id),
    sku: text(),
    action: fraudAction().notNull(),
    score: integer().notNull(),
    features: jsonb().notNull(),
    matchedRules: jsonb().$type<{ id: string; score: number }[]>().notNull(),
    reviewStatus: text({ enum: ['open', 'approved', 'rejected'] }),
    reviewedBy: integer().references(() => users.id),
    reviewedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('fraud_decisions_created_idx').on(t.createdAt),
    index('fraud_decisions_user_idx').on(t.userId, t.createdAt),
    index('fraud_decisions_review_idx').on(t.reviewStatus, t.createdAt),
  ],
);

export type ShopProduct = typeof shopProducts.$inferSelect;
export type PromoCode = typeof promoCodes.$inferSelect;
export type Purchase = typeof purchases.$inferSelect;
export type WebhookEvent = typeof webhookEvents.$inferSelect;
export type FraudRule = typeof fraudRules.$inferSelect;
export type FraudDecision = typeof fraudDecisions.$inferSelect;
