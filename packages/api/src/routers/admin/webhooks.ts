import { ZLimit } from '@casino/shared';
import { z } from 'zod';
import { ZGatewayId } from '../../services/payments/webhook-signature';
import { listWebhookEvents, replayWebhookEvent, ZWebhookCursor } from '../../services/payments/webhooks';
import { adminProcedure, router, staffProcedure } from '../../trpc';

const actor = (ctx: { user: { id: number }; meta: { ip: string | null } }) => ({ id: ctx.user.id, ip: ctx.meta.ip });

export const ZWebhookStatus = z.enum(['PENDING', 'DELIVERED', 'FAILED', 'REPLAYED']);

/** A stored payment webhook event as the console shows it (the payload is the verified body). */
export const ZWebhookEvent = z.object({
  id: z.string(),
  type: z.string(),
  keyId: z.string(),
  payload: z.unknown(),
  status: ZWebhookStatus,
  attempts: z.number(),
  nextAttemptAt: z.date().nullable(),
  lastError: z.string().nullable(),
  receivedAt: z.date(),
  processedAt: z.date().nullable(),
});

export const adminWebhooksRouter = router({
  list: staffProcedure
    .input(z.object({ status: ZWebhookStatus.optional(), cursor: ZWebhookCursor.optional(), limit: ZLimit }).default({ limit: 20 }))
    .output(z.object({ items: z.array(ZWebhookEvent), nextCursor: z.string().nullable() }))
    .query(({ ctx, input }) => listWebhookEvents(ctx.deps.db, input)),

  /** Processes a FAILED event again now; success → REPLAYED, failure → FAILED with the new error. */
  replay: adminProcedure
    .input(z.object({ eventId: ZGatewayId }))
    .output(ZWebhookEvent)
    .mutation(({ ctx, input }) => replayWebhookEvent(ctx.deps, actor(ctx), input.eventId)),
});
