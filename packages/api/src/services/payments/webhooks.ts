/**
 * POST /webhooks/payments, behind the host's route: verify (webhook-signature.ts), remember the
 * nonce (Redis SET NX, 24 h), store the event once by id, process it at once; a failed attempt
 * stays PENDING with exponential backoff and a retrier on every instance takes it again
 * (claims are leases taken with FOR UPDATE SKIP LOCKED); after `maxAttempts` it is FAILED and
 * an admin may replay it (success → REPLAYED).
 *
 * Order: nothing is remembered or stored for a request that fails verification or whose body
 * is malformed. The nonce is taken before the event is stored; if storing fails the nonce is
 * given back (the gateway's retry of that very request must not be refused as a replay) and
 * the answer is 503, so the gateway retries.
 */
import { type Db, transaction, type WebhookEvent, webhookEvents } from '@casino/db';
import { and, asc, desc, eq, inArray, lt, lte, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Deps } from '../../deps';
import { DomainError } from '../../errors';
import type { Actor } from '../admin/users';
import { writeAudit } from '../audit/audit';
import { pageOf } from '../shared/page';
import { handleWebhookEvent, type WebhookHandlers, webhookHandlers } from './webhook-handlers';
import { parseWebhookBody, verifyWebhookSignature, type WebhookBody, type WebhookRejection, ZWebhookBody } from './webhook-signature';

export type WebhookPolicy = {
  /** Attempts before an event is FAILED (the first one is made as it arrives). */
  maxAttempts: number;
  /** Delay after the first failed attempt; doubled after each further one, up to maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** How long a claimed attempt may run before another instance may take the event again. */
  leaseMs: number;
};

export const defaultWebhookPolicy: WebhookPolicy = { maxAttempts: 8, baseDelayMs: 10_000, maxDelayMs: 3_600_000, leaseMs: 60_000 };

export type WebhookOptions = { handlers?: WebhookHandlers; policy?: Partial<WebhookPolicy> };

/** Seen nonces are remembered this long (CONTRACT: "a nonce seen in the last 24 h"). */
export const NONCE_TTL_MS = 24 * 60 * 60 * 1000;
export const nonceKey = (nonce: string) => `webhook:nonce:${nonce}`;

/** Delay before the attempt after `attempts` failed ones: base · 2^(attempts−1), capped. */
export function backoffMs(attempts: number, policy: WebhookPolicy = defaultWebhookPolicy): number {
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempts - 1));
}

export type WebhookAnswer =
  | { status: 200; body: { received: true; duplicate: boolean } }
  | { status: 400; body: { error: WebhookRejection } }
  | { status: 503; body: { error: 'service_unavailable' } };

const refuse = (error: WebhookRejection): WebhookAnswer => ({ status: 400, body: { error } });
const unavailable: WebhookAnswer = { status: 503, body: { error: 'service_unavailable' } };

export async function receivePaymentWebhook(
  deps: Deps,
  req: { signature: string | undefined; rawBody: Uint8Array | undefined },
  opts: WebhookOptions = {},
): Promise<WebhookAnswer> {
  const policy = { ...defaultWebhookPolicy, ...opts.policy };
  const rawBody = req.rawBody ?? new Uint8Array();
  const now = deps.clock.now();
  const check = verifyWebhookSignature({
    header: req.signature,
    rawBody,
    keys: deps.config.payments.webhookKeys,
    nowSec: Math.floor(now.getTime() / 1000),
    toleranceSec: deps.config.payments.webhookToleranceSec,
  });
  if (!check.ok) {
    deps.logger.warn({ reason: check.reason }, 'payment webhook refused');
    return refuse(check.reason);
  }
  const body = parseWebhookBody(rawBody);
  if (!body) {
    deps.logger.warn({ kid: check.kid }, 'payment webhook refused: malformed body');
    return refuse('malformed_body');
  }

  let fresh: boolean;
  try {
    fresh = await deps.kv.set(nonceKey(check.nonce), body.id, { nx: true, ttlMs: NONCE_TTL_MS });
  } catch (err) {
    deps.logger.error({ err, eventId: body.id }, 'payment webhook: nonce store unavailable');
    return unavailable;
  }
  if (!fresh) {
    deps.logger.warn({ eventId: body.id, kid: check.kid }, 'payment webhook refused: nonce replayed');
    return refuse('nonce_replayed');
  }

  let stored: WebhookEvent | undefined;
  try {
    [stored] = await deps.db
      .insert(webhookEvents)
      .values({
        id: body.id,
        type: body.type,
        keyId: check.kid,
        payload: body,
        status: 'PENDING',
        // The first attempt is this request's: it holds the lease, the retrier takes over if it dies.
        attempts: 1,
        nextAttemptAt: new Date(now.getTime() + policy.leaseMs),
        receivedAt: now,
      })
      .onConflictDoNothing({ target: webhookEvents.id })
      .returning();
  } catch (err) {
    deps.logger.error({ err, eventId: body.id }, 'payment webhook: storing the event failed; nonce released for the retry');
    await deps.kv.del(nonceKey(check.nonce)).catch(() => {});
    return unavailable;
  }
  if (!stored) return { status: 200, body: { received: true, duplicate: true } };

  await attempt(deps, stored, 'normal', opts).catch((err: unknown) =>
    deps.logger.error({ err, eventId: stored.id }, 'payment webhook: recording the attempt failed; the retrier takes it over'),
  );
  return { status: 200, body: { received: true, duplicate: false } };
}

type Finish = { ok: true } | { ok: false; error: string; permanent: boolean };

/** Runs the handler for a claimed event and records the outcome (if the claim is still ours). */
async function attempt(deps: Deps, claimed: WebhookEvent, mode: 'normal' | 'replay', opts: WebhookOptions, actor?: Actor) {
  const policy = { ...defaultWebhookPolicy, ...opts.policy };
  const handlers = opts.handlers ?? webhookHandlers;
  let outcome: Finish;
  try {
    const event = ZWebhookBody.parse(claimed.payload) as WebhookBody;
    await handleWebhookEvent(deps, event, handlers);
    outcome = { ok: true };
  } catch (err) {
    const permanent = (err as { permanent?: unknown }).permanent === true || err instanceof z.ZodError;
    outcome = { ok: false, error: errorText(err), permanent };
  }
  const now = deps.clock.now();
  const ours = and(
    eq(webhookEvents.id, claimed.id),
    eq(webhookEvents.status, claimed.status),
    eq(webhookEvents.attempts, claimed.attempts),
  );
  if (mode === 'replay') {
    return transaction(deps.db, async (tx) => {
      const [row] = await tx
        .update(webhookEvents)
        .set(
          outcome.ok
            ? { status: 'REPLAYED', processedAt: now, nextAttemptAt: null, lastError: null }
            : { status: 'FAILED', nextAttemptAt: null, lastError: outcome.error },
        )
        .where(ours)
        .returning();
      if (!row) throw new Error(`webhook event ${claimed.id} changed during its replay`);
      if (actor) {
        await writeAudit(tx, {
          adminId: actor.id,
          action: 'webhook.replay',
          targetType: 'webhook_event',
          targetId: claimed.id,
          before: { status: 'FAILED', attempts: claimed.attempts - 1, lastError: claimed.lastError },
          after: { status: row.status, attempts: row.attempts, lastError: row.lastError },
          ip: actor.ip ?? null,
        });
      }
      if (!outcome.ok) deps.logger.error({ eventId: claimed.id, error: outcome.error }, 'payment webhook replay failed');
      return row;
    });
  }
  let set: Partial<WebhookEvent>;
  if (outcome.ok) set = { status: 'DELIVERED', processedAt: now, nextAttemptAt: null, lastError: null };
  else if (outcome.permanent || claimed.attempts >= policy.maxAttempts)
    set = { status: 'FAILED', nextAttemptAt: null, lastError: outcome.error };
  else set = { nextAttemptAt: new Date(now.getTime() + backoffMs(claimed.attempts, policy)), lastError: outcome.error };
  const [row] = await deps.db.update(webhookEvents).set(set).where(ours).returning();
  if (!row) {
    deps.logger.warn({ eventId: claimed.id }, 'payment webhook: attempt outlived its lease; another took the event over');
    return null;
  }
  if (row.status === 'FAILED') {
    // The alert: an operator has to look at this event (admin.webhooks.list { status: 'FAILED' }).
    deps.logger.error(
      { eventId: row.id, type: row.type, attempts: row.attempts, error: row.lastError, alert: 'payment_webhook_failed' },
      'payment webhook FAILED: needs an admin',
    );
  } else if (!outcome.ok) {
    deps.logger.warn(
      { eventId: row.id, attempts: row.attempts, nextAttemptAt: row.nextAttemptAt, error: row.lastError },
      'payment webhook attempt failed; will retry',
    );
  }
  return row;
}

function errorText(err: unknown): string {
  const e = err as { message?: unknown; reason?: unknown };
  const text =
    typeof e?.reason === 'string' ? `${e.reason}: ${String(e.message)}` : typeof e?.message === 'string' ? e.message : String(err);
  return text.slice(0, 500);
}

/**
 * One retrier pass: claims due PENDING events (SKIP LOCKED, so instances never take the same
 * one; the claim is a lease that also counts the attempt), then attempts each. Returns how many it attempted.
 */
export async function retryDueWebhooks(deps: Deps, opts: WebhookOptions & { batch?: number } = {}): Promise<number> {
  const policy = { ...defaultWebhookPolicy, ...opts.policy };
  const now = deps.clock.now();
  const due = deps.db
    .select({ id: webhookEvents.id })
    .from(webhookEvents)
    .where(and(eq(webhookEvents.status, 'PENDING'), lte(webhookEvents.nextAttemptAt, now)))
    .orderBy(asc(webhookEvents.nextAttemptAt))
    .limit(opts.batch ?? 50)
    .for('update', { skipLocked: true });
  const claimed = await deps.db
    .update(webhookEvents)
    .set({ attempts: sql`${webhookEvents.attempts} + 1`, nextAttemptAt: new Date(now.getTime() + policy.leaseMs) })
    .where(and(inArray(webhookEvents.id, due), eq(webhookEvents.status, 'PENDING')))
    .returning();
  for (const row of claimed) {
    await attempt(deps, row, 'normal', opts).catch((err: unknown) =>
      deps.logger.error({ err, eventId: row.id }, 'payment webhook: recording the attempt failed; retried after the lease'),
    );
  }
  return claimed.length;
}

export type WebhookRetrier = { stop(): Promise<void> };

/** Runs retryDueWebhooks every `intervalMs` until stopped (started by the host on every instance). */
export function startWebhookRetrier(deps: Deps, opts: WebhookOptions & { intervalMs?: number } = {}): WebhookRetrier {
  const intervalMs = opts.intervalMs ?? 2000;
  const stopper = new AbortController();
  const running = (async () => {
    while (!stopper.signal.aborted) {
      try {
        await retryDueWebhooks(deps, opts);
      } catch (err) {
        deps.logger.warn({ err }, 'payment webhook retrier pass failed');
      }
      // The abort listener goes with its timer: left behind, one per pass would pile up.
      await new Promise<void>((resolve) => {
        const onAbort = () => {
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          stopper.signal.removeEventListener('abort', onAbort);
          resolve();
        }, intervalMs);
        stopper.signal.addEventListener('abort', onAbort, { once: true });
      });
    }
  })();
  return {
    async stop() {
      stopper.abort();
      await running;
    },
  };
}

// --- Admin ---------------------------------------------------------------------------------

export type WebhookStatus = WebhookEvent['status'];

/** `<receivedAt ms>.<event id>` of the last row shown (event ids are the gateway's, not uuids). */
const CURSOR = /^(\d{1,15})\.([\x21-\x2b\x2d-\x7e]{1,128})$/;
export const ZWebhookCursor = z.string().max(160).regex(CURSOR, 'cursor: pass back a nextCursor this API gave');
const cursorOf = (row: { receivedAt: Date; id: string }) => `${row.receivedAt.getTime()}.${row.id}`;

export async function listWebhookEvents(db: Db, f: { status?: WebhookStatus | undefined; cursor?: string | undefined; limit: number }) {
  const [, ms = '0', id = ''] = f.cursor ? (CURSOR.exec(f.cursor) ?? []) : [];
  const at = new Date(Number(ms));
  const rows = await db
    .select()
    .from(webhookEvents)
    .where(
      and(
        f.status ? eq(webhookEvents.status, f.status) : undefined,
        f.cursor ? or(lt(webhookEvents.receivedAt, at), and(eq(webhookEvents.receivedAt, at), lt(webhookEvents.id, id))) : undefined,
      ),
    )
    .orderBy(desc(webhookEvents.receivedAt), desc(webhookEvents.id))
    .limit(f.limit + 1);
  return pageOf(rows, f.limit, cursorOf);
}

/**
 * Replays a FAILED event now (audited). Success → REPLAYED; failure → stays FAILED with the
 * new error. Two replays at once: the second is refused while the first holds the event.
 */
export async function replayWebhookEvent(deps: Deps, actor: Actor, eventId: string, opts: WebhookOptions = {}): Promise<WebhookEvent> {
  const policy = { ...defaultWebhookPolicy, ...opts.policy };
  const now = deps.clock.now();
  const [claimed] = await deps.db
    .update(webhookEvents)
    .set({ attempts: sql`${webhookEvents.attempts} + 1`, nextAttemptAt: new Date(now.getTime() + policy.leaseMs) })
    .where(
      and(
        eq(webhookEvents.id, eventId),
        eq(webhookEvents.status, 'FAILED'),
        or(sql`${webhookEvents.nextAttemptAt} IS NULL`, lte(webhookEvents.nextAttemptAt, now)),
      ),
    )
    .returning();
  if (!claimed) {
    const [row] = await deps.db.select({ status: webhookEvents.status }).from(webhookEvents).where(eq(webhookEvents.id, eventId));
    if (!row) throw new DomainError('webhook_event_not_found');
    throw new DomainError('webhook_not_replayable', { status: row.status, replaying: row.status === 'FAILED' });
  }
  const row = await attempt(deps, claimed, 'replay', opts, actor);
  if (!row) throw new Error(`webhook event ${eventId} replay was not recorded`);
  return row;
}
