/**
 * What a verified, stored payment webhook does. The purchase is found by the charge the
 * event names (or by its purchaseId while the purchase has no charge yet):
 * - `payment.refunded` → refundPurchase (idempotent: a purchase already refunded is a no-op);
 * - `payment.captured` / `payment.failed` for a purchase already completed / failed → no-op;
 *   for a purchase still pending/authorized → `handlers.repairPurchase` (the shop's sweeper logic);
 * - a purchase the event contradicts (captured but failed here, failed but completed here, a
 *   partial refund) is FAILED at once for an admin to look at;
 * - no such purchase yet (a capture webhook may beat our own commit) → retried with backoff.
 */
import { type Purchase, purchases } from '@casino/db';
import { and, eq, isNull, or } from 'drizzle-orm';
import type { Deps } from '../../deps';
import { repairPurchase } from '../shop/repair';
import { refundPurchase } from './refund';
import type { WebhookBody } from './webhook-signature';

/** Handlers the webhook processing calls into other domains through; deps are passed per call. */
export type WebhookHandlers = {
  /**
   * Brings a purchase still `pending`/`authorized` to its final state from the gateway's
   * truth (complete or void), idempotently. Resolving counts as handled only once the
   * purchase is no longer pending; throwing leaves the event PENDING for a retry.
   */
  repairPurchase(deps: Deps, purchaseId: string): Promise<unknown>;
};

/**
 * The shop's repair: the gateway has told us this charge's outcome, so settle the purchase now
 * from the gateway's truth (complete a captured charge, fail one that is not), without waiting
 * for the purchase to go stale.
 */
export const webhookHandlers: WebhookHandlers = {
  repairPurchase: (deps, purchaseId) => repairPurchase(deps, purchaseId, { force: true }),
};

/** A processing failure; `permanent` ones go to FAILED at once instead of being retried. */
export class WebhookRetry extends Error {
  readonly permanent: boolean;
  constructor(message: string, opts: { permanent?: boolean } = {}) {
    super(message);
    this.name = 'WebhookRetry';
    this.permanent = opts.permanent ?? false;
  }
}

const permanent = (message: string) => new WebhookRetry(message, { permanent: true });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const IN_FLIGHT = new Set<Purchase['status']>(['pending', 'authorized']);

export async function findPurchaseForCharge(deps: Pick<Deps, 'db'>, data: WebhookBody['data']): Promise<Purchase | null> {
  const [byCharge] = await deps.db
    .select()
    .from(purchases)
    .where(or(eq(purchases.chargeId, data.chargeId), eq(purchases.authorizationId, data.chargeId)))
    .limit(1);
  if (byCharge) return byCharge;
  if (!data.purchaseId || !UUID.test(data.purchaseId)) return null;
  // By our id only for a cash purchase with no gateway id yet: another charge's purchase, or one
  // paid in gold or gems, is not this charge's.
  const [byId] = await deps.db
    .select()
    .from(purchases)
    .where(
      and(
        eq(purchases.id, data.purchaseId),
        eq(purchases.priceCurrency, 'cash'),
        isNull(purchases.chargeId),
        isNull(purchases.authorizationId),
      ),
    );
  return byId ?? null;
}

/** Handles one event; resolves when it is done, throws WebhookRetry (or anything) when it is not. */
export async function handleWebhookEvent(deps: Deps, event: WebhookBody, handlers: WebhookHandlers): Promise<void> {
  let purchase = await findPurchaseForCharge(deps, event.data);
  if (!purchase) throw new WebhookRetry(`no purchase for charge ${event.data.chargeId} (yet)`);
  if (IN_FLIGHT.has(purchase.status)) {
    await handlers.repairPurchase(deps, purchase.id);
    purchase = await findPurchaseForCharge(deps, event.data);
    if (!purchase) throw new WebhookRetry(`no purchase for charge ${event.data.chargeId} after repair`);
    if (IN_FLIGHT.has(purchase.status)) throw new WebhookRetry(`purchase ${purchase.id} is still ${purchase.status}`);
  }
  const p = purchase;
  switch (event.type) {
    case 'payment.refunded': {
      if (p.status === 'failed') return; // nothing was granted; the gateway gave the money back
      if (event.data.amountCents != null && p.priceCurrency === 'cash' && event.data.amountCents !== p.amount) {
        throw permanent(`partial refund of ${event.data.amountCents} of ${p.amount} cents: review purchase ${p.id} by hand`);
      }
      await refundPurchase(deps, {
        purchaseId: p.id,
        reason: `refunded at the payment provider (event ${event.id})`,
        source: { kind: 'webhook', eventId: event.id },
      });
      return;
    }
    case 'payment.captured':
      if (p.status === 'failed')
        throw permanent(`charge ${event.data.chargeId} was captured but purchase ${p.id} failed: the player paid and got nothing`);
      return; // completed (or since refunded): already accounted for
    case 'payment.failed':
      if (p.status === 'completed') throw permanent(`charge ${event.data.chargeId} failed but purchase ${p.id} was completed and granted`);
      return; // failed (or refunded): already accounted for
  }
}
