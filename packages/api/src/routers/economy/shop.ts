import { ZBuyInput, ZBuyResult, ZCatalogProduct, ZLimit, ZPromoCheck, ZPromoCode, ZPurchase, ZSku } from '@casino/shared';
import { z } from 'zod';
import { ZPageCursor } from '../../services/shared/page';
import { buy } from '../../services/shop/buy';
import { catalogFor } from '../../services/shop/catalog';
import { purchasePage, quote } from '../../services/shop/queries';
import { protectedProcedure, router } from '../../trpc';
import { timePage } from '../shared/outputs';

export const shopRouter = router({
  catalog: protectedProcedure
    .output(z.object({ products: z.array(ZCatalogProduct) }))
    .query(async ({ ctx }) => ({ products: await catalogFor(ctx.deps, ctx.user) })),

  quote: protectedProcedure
    .input(z.object({ sku: ZSku, quantity: z.number().int().min(1).max(100).default(1), promoCode: ZPromoCode.optional() }))
    .output(ZPromoCheck)
    .query(({ ctx, input }) => quote(ctx.deps, ctx.user, input)),

  buy: protectedProcedure
    .input(ZBuyInput)
    .output(ZBuyResult)
    .mutation(({ ctx, input }) => buy(ctx.deps, ctx.user, { ip: ctx.meta.ip, deviceId: ctx.meta.deviceId }, input)),

  purchases: protectedProcedure
    .input(z.object({ cursor: ZPageCursor.optional(), limit: ZLimit }).default({ limit: 20 }))
    .output(timePage(ZPurchase))
    .query(({ ctx, input }) => purchasePage(ctx.deps.db, ctx.user.id, input)),
});
