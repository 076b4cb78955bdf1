/** Retention of received payment webhooks: settled events are pruned, failed ones kept for the admin's replay. */
import { webhookEvents } from '@casino/db';
import { and, inArray, lt } from 'drizzle-orm';
import type { Deps } from '../../deps';

const DAY_MS = 86_400_000;

/** Deletes DELIVERED and REPLAYED events processed more than `webhookRetentionDays` ago; returns how many. */
export async function pruneWebhookEvents(deps: Pick<Deps, 'db' | 'clock' | 'config'>, batch = 1000): Promise<number> {
  const before = new Date(deps.clock.now().getTime() - deps.config.payments.webhookRetentionDays * DAY_MS);
  const old = deps.db
    .select({ id: webhookEvents.id })
    .from(webhookEvents)
    .where(and(inArray(webhookEvents.status, ['DELIVERED', 'REPLAYED']), lt(webhookEvents.processedAt, before)))
    .limit(batch);
  const rows = await deps.db.delete(webhookEvents).where(inArray(webhookEvents.id, old)).returning({ id: webhookEvents.id });
  return rows.length;
}
