/**
 * Transactional outbox. Live events are inserted in the transaction that causes
 * them (so they commit or vanish with it) and delivered to Redis after commit:
 * at once by the request that wrote them, and by the relay for any the request
 * could not deliver (Redis down, the process died between commit and delivery).
 * Delivery is deduplicated by outbox id, so a retry never doubles an event.
 */
import { type Db, outboxEvents, queryRows } from '@casino/db';
import { type TLiveEvent, ZLiveEvent } from '@casino/shared';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Kv } from '../infra/kv';
import type { Logger } from '../infra/logger';
import type { UserEvent } from './bus';

export type StoredEvent = { id: number; userId: number; body: string };

/** The outbox rows a one-statement round returns (`json_agg` of id and body: an array, or its text). */
export type StatementOutbox = { id: number; body: string }[] | string;

/** A statement's outbox rows as events to deliver after it committed. */
export function statementEvents(userId: number, outbox: StatementOutbox): StoredEvent[] {
  const rows = typeof outbox === 'string' ? (JSON.parse(outbox) as { id: number; body: string }[]) : outbox;
  return rows.map((e) => ({ id: Number(e.id), userId, body: e.body }));
}

const STREAM_MAX = 1000;
const DEDUPE_TTL_MS = 24 * 60 * 60 * 1000;
export const streamKey = (userId: number) => `ev:user:${userId}`;
export const channelKey = (userId: number) => `ch:user:${userId}`;
/** One stream and channel for every admin's onStats (alerts, notable transactions). */
export const ADMIN_FEED = { stream: 'ev:admin', channel: 'ch:admin' } as const;

/**
 * Inserts the events in the caller's transaction; returns them as stored, in order.
 * An event that does not match its schema is a bug: it fails the transaction.
 */
export async function writeOutbox(tx: Db, events: readonly UserEvent[], at: Date): Promise<StoredEvent[]> {
  if (events.length === 0) return [];
  const rows = await tx
    .insert(outboxEvents)
    .values(events.map((e) => ({ userId: e.userId, type: e.type, data: { ...checked(e), at: at.toISOString() } })))
    .returning({ id: outboxEvents.id, userId: outboxEvents.userId, data: outboxEvents.data });
  return rows.map((r) => ({ id: r.id, userId: r.userId, body: JSON.stringify(r.data) }));
}

function checked(e: UserEvent): TLiveEvent {
  const res = ZLiveEvent.safeParse({ type: e.type, data: JSON.parse(JSON.stringify(e.data)) });
  if (!res.success) throw new Error(`live event ${e.type} does not match its schema: ${z.prettifyError(res.error)}`);
  return res.data;
}

/** Appends the events to their users' streams and channels, once per outbox id (a repeat is skipped in Redis). */
export async function publish(kv: Kv, events: readonly StoredEvent[]): Promise<void> {
  if (events.length === 0) return;
  await kv.appendEvents(
    events.map((e) => ({ stream: streamKey(e.userId), channel: channelKey(e.userId), data: e.body, dedupeKey: `ev:out:${e.id}` })),
    { maxLen: STREAM_MAX, dedupeTtlMs: DEDUPE_TTL_MS },
  );
}

/** Deletes published events' outbox rows (rows left behind are published again by the relay: skipped in Redis). */
export async function forget(db: Db, events: readonly StoredEvent[]): Promise<void> {
  if (events.length === 0) return;
  await db.delete(outboxEvents).where(sql`${outboxEvents.id} = ANY(${`{${events.map((e) => e.id).join(',')}}`}::bigint[])`);
}

/** Publishes the events and forgets them. */
export async function deliver(db: Db, kv: Kv, events: readonly StoredEvent[]): Promise<void> {
  await publish(kv, events);
  await forget(db, events);
}

/**
 * One relay pass: delivers events older than `graceMs` (younger ones are still being
 * delivered by their request) whose retry time has come, oldest first, in batches.
 * Rows are claimed with SKIP LOCKED, so relays on several instances never collide;
 * a failed delivery is retried with exponential backoff. Returns how many it delivered.
 */
export async function relayOnce(deps: { db: Db; kv: Kv; logger: Logger }, opts: { graceMs: number; batch?: number }): Promise<number> {
  const batch = opts.batch ?? 500;
  let delivered = 0;
  for (;;) {
    const n = await deps.db.transaction(async (tx) => {
      const rows = await queryRows<{ id: string | number; user_id: number; data: unknown; attempts: number }>(
        tx as unknown as Db,
        sql`SELECT id, user_id, data, attempts FROM outbox_events
            WHERE created_at < now() - make_interval(secs => ${opts.graceMs / 1000}) AND (retry_at IS NULL OR retry_at <= now())
            ORDER BY id LIMIT ${batch} FOR UPDATE SKIP LOCKED`,
      );
      if (rows.length === 0) return 0;
      const events = rows.map((r) => ({
        id: Number(r.id),
        userId: r.user_id,
        body: typeof r.data === 'string' ? r.data : JSON.stringify(r.data),
      }));
      try {
        await deliver(tx as unknown as Db, deps.kv, events);
      } catch (err) {
        deps.logger.warn({ err, events: events.length }, 'outbox relay: delivery failed, will retry');
        await tx.execute(
          sql`UPDATE outbox_events SET attempts = attempts + 1,
                retry_at = now() + make_interval(secs => least(60, 0.5 * power(2, attempts)))
              WHERE id = ANY(${`{${events.map((e) => e.id).join(',')}}`}::bigint[])`,
        );
        return -1;
      }
      return events.length;
    });
    if (n <= 0) return delivered;
    delivered += n;
    if (n < batch) return delivered;
  }
}
