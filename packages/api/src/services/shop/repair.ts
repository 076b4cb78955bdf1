/**
 * The purchase sweeper: a cash purchase left pending or authorized (its process died,
 * or the gateway did not answer) is settled by asking the gateway what happened —
 * captured → complete it (grant once), anything else → void what is authorized and fail
 * it (stock and promo use given back). Runs on every instance; the conditional status
 * updates in completePurchase / failPurchase let only one of them settle a purchase.
 */
import { purchases } from '@casino/db';
import { and, asc, eq, inArray, lt } from 'drizzle-orm';
import type { Deps } from '../../deps';
import { pruneWebhookEvents } from '../payments/webhook-retention';
import { completePurchase, failPurchase } from './buy';
import { pruneIdempotencyKeys } from './idempotency';

export type RepairOutcome = 'completed' | 'failed' | 'skipped';

export async function repairPurchase(deps: Deps, purchaseId: string, opts: { force?: boolean } = {}): Promise<RepairOutcome> {
  const [p] = await deps.db.select().from(purchases).where(eq(purchases.id, purchaseId));
  if (!p || (p.status !== 'pending' && p.status !== 'authorized')) return 'skipped';
  if (!opts.force && p.updatedAt.getTime() > deps.clock.now().getTime() - deps.config.shop.staleAfterMs) return 'skipped';
  const captured = async () => (await deps.payments.lookup(purchaseId)).find((c) => c.status === 'captured');
  let charge = await captured();
  if (!charge) {
    for (const c of await deps.payments.lookup(purchaseId)) if (c.status === 'authorized') await deps.payments.void(c.id);
    // A capture may have won the race against the void: look again.
    charge = await captured();
  }
  if (charge) return (await completePurchase(deps, purchaseId, charge.id)) ? 'completed' : 'skipped';
  return (await failPurchase(deps, purchaseId, 'PAYMENT_FAILED')) ? 'failed' : 'skipped';
}

/** One pass: settles stale in-flight purchases, prunes old idempotency keys and settled webhook events. */
export async function sweepOnce(
  deps: Deps,
  limit = 50,
): Promise<{ completed: number; failed: number; pruned: number; prunedWebhooks: number }> {
  const staleBefore = new Date(deps.clock.now().getTime() - deps.config.shop.staleAfterMs);
  const stale = await deps.db
    .select({ id: purchases.id })
    .from(purchases)
    .where(and(inArray(purchases.status, ['pending', 'authorized']), lt(purchases.updatedAt, staleBefore)))
    .orderBy(asc(purchases.updatedAt))
    .limit(limit);
  let completed = 0;
  let failed = 0;
  for (const { id } of stale) {
    const outcome = await repairPurchase(deps, id);
    if (outcome === 'completed') completed++;
    if (outcome === 'failed') failed++;
  }
  const pruned = await pruneIdempotencyKeys(deps.db, deps.clock.now());
  const prunedWebhooks = await pruneWebhookEvents(deps);
  return { completed, failed, pruned, prunedWebhooks };
}

/** Runs the sweeper every `intervalMs` until stopped (started by the host on every instance). */
export function startShopSweeper(deps: Deps, opts: { intervalMs?: number } = {}): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    running = sweepOnce(deps).catch((err) => deps.logger.warn({ err }, 'shop sweeper pass failed'));
  };
  const timer = setInterval(() => void running.then(tick), opts.intervalMs ?? 15_000);
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
