import {
  PURCHASE_STATUSES,
  ZGranted,
  ZItemId,
  ZLimit,
  ZPriceCurrency,
  ZProductGrants,
  ZProductKind,
  ZPromoCode,
  ZRank,
  ZSku,
  ZText,
  ZUserId,
} from '@casino/shared';
import { z } from 'zod';
import { ZPageCursor } from '../../services/shared/page';
import {
  createProduct,
  createPromo,
  listProducts,
  listPromos,
  listPurchases,
  restock,
  setLimitedDisabled,
  setProductActive,
  stockStatus,
  updateProduct,
  updatePromo,
} from '../../services/shop/admin';
import { adminProcedure, router, staffProcedure } from '../../trpc';
import { timePage } from '../shared/outputs';
import { adminShopRefund } from './refunds';

const actor = (ctx: { user: { id: number }; meta: { ip: string | null } }) => ({ id: ctx.user.id, ip: ctx.meta.ip });

const ZMoney = z.number().int().positive().max(1_000_000_000);
const ZWhen = z.coerce.date();
const ZLimitedInput = z.object({
  stock: z.number().int().min(1).max(10_000_000),
  perUserLimit: z.number().int().min(1).max(10_000).nullish(),
  startsAt: ZWhen.nullish(),
  endsAt: ZWhen.nullish(),
});
const productFields = {
  name: ZText.trim().min(2).max(80),
  description: ZText.trim().max(500).optional(),
  kind: ZProductKind,
  price: z.object({ currency: ZPriceCurrency, amount: ZMoney }),
  grants: ZProductGrants,
  discountPercent: z.number().int().min(0).max(100).optional(),
  discountEndsAt: ZWhen.nullish(),
  minRank: ZRank.optional(),
  isActive: z.boolean().optional(),
  sortOrder: z.number().int().min(-10_000).max(10_000).optional(),
  limited: ZLimitedInput.nullish(),
};

const ZProductRow = z.object({
  sku: z.string(),
  name: z.string(),
  description: z.string(),
  kind: ZProductKind,
  priceCurrency: ZPriceCurrency,
  priceAmount: z.number(),
  grants: z.object({
    gold: z.number().optional(),
    gems: z.number().optional(),
    items: z.array(z.object({ itemId: ZItemId, quantity: z.number() })).optional(),
    battlepassPremium: z.boolean().optional(),
  }),
  discountPercent: z.number(),
  discountEndsAt: z.date().nullable(),
  minRank: ZRank,
  isActive: z.boolean(),
  sortOrder: z.number(),
  stockTotal: z.number().nullable(),
  stockSold: z.number(),
  perUserLimit: z.number().nullable(),
  startsAt: z.date().nullable(),
  endsAt: z.date().nullable(),
  disabled: z.boolean(),
  createdAt: z.date(),
  updatedAt: z.date(),
});

const ZPromoRow = z.object({
  code: z.string(),
  kind: z.enum(['percent', 'fixed']),
  value: z.number(),
  maxUses: z.number().nullable(),
  usedCount: z.number(),
  perUserOnce: z.boolean(),
  startsAt: z.date().nullable(),
  endsAt: z.date().nullable(),
  isActive: z.boolean(),
  createdBy: z.number().nullable(),
  createdAt: z.date(),
});

const ZAdminPurchase = z.object({
  id: z.string(),
  userId: z.number(),
  nickname: z.string(),
  sku: z.string(),
  productName: z.string(),
  quantity: z.number(),
  status: z.enum(PURCHASE_STATUSES),
  currency: ZPriceCurrency,
  amount: z.number(),
  promoCode: z.string().nullable(),
  promoDiscount: z.number(),
  granted: ZGranted,
  chargeId: z.string().nullable(),
  failureReason: z.string().nullable(),
  refundedAt: z.date().nullable(),
  refundReason: z.string().nullable(),
  clawedBack: ZGranted.nullable(),
  debt: ZGranted.nullable(),
  flaggedForReview: z.boolean(),
  fraudDecisionId: z.number().nullable(),
  createdAt: z.date(),
  completedAt: z.date().nullable(),
});

const ZSkuInput = z.object({ sku: ZSku });

export const adminShopRouter = router({
  refund: adminShopRefund,
  products: router({
    list: staffProcedure.output(z.array(ZProductRow)).query(({ ctx }) => listProducts(ctx.deps.db)),
    create: adminProcedure
      .input(z.object({ sku: ZSku, ...productFields }))
      .output(z.object({ sku: z.string() }))
      .mutation(({ ctx, input }) => createProduct(ctx.deps, actor(ctx), input)),
    update: adminProcedure
      .input(
        z
          .object({ sku: ZSku, ...productFields })
          .partial()
          .required({ sku: true }),
      )
      .output(z.object({ sku: z.string() }))
      .mutation(({ ctx, input }) => updateProduct(ctx.deps, actor(ctx), input)),
    deactivate: adminProcedure
      .input(ZSkuInput)
      .output(z.object({ sku: z.string(), isActive: z.boolean() }))
      .mutation(({ ctx, input }) => setProductActive(ctx.deps, actor(ctx), input.sku, false)),
    activate: adminProcedure
      .input(ZSkuInput)
      .output(z.object({ sku: z.string(), isActive: z.boolean() }))
      .mutation(({ ctx, input }) => setProductActive(ctx.deps, actor(ctx), input.sku, true)),
  }),
  limited: router({
    status: staffProcedure
      .output(
        z.array(
          z.object({
            sku: z.string(),
            name: z.string(),
            stockTotal: z.number(),
            stockSold: z.number(),
            unitsInPurchases: z.number(),
            reserved: z.number(),
            perUserLimit: z.number().nullable(),
            startsAt: z.date().nullable(),
            endsAt: z.date().nullable(),
            disabled: z.boolean(),
            isActive: z.boolean(),
          }),
        ),
      )
      .query(({ ctx }) => stockStatus(ctx.deps)),
    disable: adminProcedure
      .input(z.object({ sku: ZSku, reason: ZText.trim().max(500).optional() }))
      .output(z.object({ sku: z.string(), disabled: z.boolean() }))
      .mutation(({ ctx, input }) => setLimitedDisabled(ctx.deps, actor(ctx), input.sku, true, input.reason)),
    enable: adminProcedure
      .input(z.object({ sku: ZSku, reason: ZText.trim().max(500).optional() }))
      .output(z.object({ sku: z.string(), disabled: z.boolean() }))
      .mutation(({ ctx, input }) => setLimitedDisabled(ctx.deps, actor(ctx), input.sku, false, input.reason)),
    restock: adminProcedure
      .input(z.object({ sku: ZSku, add: z.number().int().min(1).max(10_000_000) }))
      .output(z.object({ sku: z.string(), stockTotal: z.number(), stockSold: z.number() }))
      .mutation(({ ctx, input }) => restock(ctx.deps, actor(ctx), input.sku, input.add)),
  }),
  promos: router({
    list: staffProcedure.output(z.array(ZPromoRow)).query(({ ctx }) => listPromos(ctx.deps.db)),
    create: adminProcedure
      .input(
        z.object({
          code: ZPromoCode,
          kind: z.enum(['percent', 'fixed']),
          value: z.number().int().min(1).max(1_000_000_000),
          maxUses: z.number().int().min(1).max(100_000_000).nullish(),
          perUserOnce: z.boolean().optional(),
          startsAt: ZWhen.nullish(),
          endsAt: ZWhen.nullish(),
          isActive: z.boolean().optional(),
        }),
      )
      .output(z.object({ code: z.string() }))
      .mutation(({ ctx, input }) => createPromo(ctx.deps, actor(ctx), input)),
    update: adminProcedure
      .input(
        z.object({
          code: ZPromoCode,
          maxUses: z.number().int().min(1).max(100_000_000).nullish(),
          perUserOnce: z.boolean().optional(),
          startsAt: ZWhen.nullish(),
          endsAt: ZWhen.nullish(),
          isActive: z.boolean().optional(),
        }),
      )
      .output(z.object({ code: z.string() }))
      .mutation(({ ctx, input }) => updatePromo(ctx.deps, actor(ctx), input)),
  }),
  purchases: staffProcedure
    .input(
      z
        .object({
          userId: ZUserId.optional(),
          status: z.enum(PURCHASE_STATUSES).optional(),
          sku: ZSku.optional(),
          currency: ZPriceCurrency.optional(),
          flagged: z.boolean().optional(),
          from: ZWhen.optional(),
          to: ZWhen.optional(),
          cursor: ZPageCursor.optional(),
          limit: ZLimit,
        })
        .default({ limit: 20 }),
    )
    .output(timePage(ZAdminPurchase))
    .query(({ ctx, input }) => listPurchases(ctx.deps.db, input)),
});
