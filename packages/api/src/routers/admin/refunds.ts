import { ZText } from '@casino/shared';
import { z } from 'zod';
import { refundPurchase } from '../../services/payments/refund';
import { adminProcedure } from '../../trpc';

const ZGranted = z.object({
  gold: z.number().optional(),
  gems: z.number().optional(),
  items: z.array(z.object({ itemId: z.string(), quantity: z.number() })).optional(),
  battlepassPremium: z.boolean().optional(),
});

export const ZRefundResult = z.object({
  purchaseId: z.string(),
  status: z.literal('refunded'),
  refundedAt: z.date(),
  refundReason: z.string(),
  returned: z.object({ currency: z.enum(['gold', 'gems']), amount: z.number() }).nullable(),
  clawedBack: ZGranted,
  debt: ZGranted.nullable(),
  flaggedForReview: z.boolean(),
  idempotent: z.boolean(),
});

/**
 * `admin.shop.refund { purchaseId, reason }`: a completed purchase refunded (cash through the
 * gateway, gold/gems price back through the ledger) and its grant taken back; audited.
 */
export const adminShopRefund = adminProcedure
  .input(z.object({ purchaseId: z.uuid(), reason: ZText.trim().min(3).max(500) }))
  .output(ZRefundResult)
  .mutation(({ ctx, input }) =>
    refundPurchase(ctx.deps, {
      purchaseId: input.purchaseId,
      reason: input.reason,
      source: { kind: 'admin', adminId: ctx.user.id, ip: ctx.meta.ip },
    }),
  );
