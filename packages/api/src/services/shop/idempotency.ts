/**
 * Stored responses with Stripe's idempotency semantics, for any procedure that takes an
 * idempotency key:
 * - the same key with the same request returns the stored first answer, success or
 *   refusal, and does nothing again;
 * - the same key with a different request is CONFLICT `idempotency_conflict`;
 * - concurrent requests under one key run once: the first claims the key, the others wait
 *   for its answer (then replay it) or, after `idempotencyWaitMs`, answer CONFLICT
 *   `request_in_progress`;
 * - a claim whose process died is taken over once its lock lapses — unless it created an
 *   object (`refId`, e.g. a purchase), which the sweeper then settles and answers for.
 * Rows are kept at least 24 h (`pruneIdempotencyKeys`).
 */
import { createHash } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { type Db, idempotencyKeys } from '@casino/db';
import { REASONS, type TReason } from '@casino/shared';
import { and, eq, lt, sql } from 'drizzle-orm';
import type { Deps } from '../../deps';
import { DomainError, isDomainError } from '../../errors';

export type IdempotencyScope = { userId: number; scope: string; key: string };

/** What a claimed request may do with its key while it runs. */
export type IdempotencyClaim = IdempotencyScope & {
  /** Names the object this request created (inside the transaction that creates it). */
  attach(tx: Db, refId: string): Promise<void>;
  /** Stores the successful answer, inside the transaction that makes it true. */
  complete(tx: Db, response: unknown): Promise<void>;
};

type StoredError = { error: { reason: TReason; message: string; details: Record<string, unknown> } };

export const KEEP_KEYS_MS = 48 * 3600_000;

/** Canonical JSON (sorted keys, undefined dropped) hashed: the identity of a request. */
export function requestHash(request: unknown): string {
  const canon = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(canon);
    if (v && typeof v === 'object' && !(v instanceof Date)) {
      return Object.fromEntries(
        Object.keys(v)
          .sort()
          .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
          .map((k) => [k, canon((v as Record<string, unknown>)[k])]),
      );
    }
    return v;
  };
  return createHash('sha256')
    .update(JSON.stringify(canon(request)))
    .digest('hex');
}

export async function runIdempotent<T extends object>(
  deps: Pick<Deps, 'db' | 'clock' | 'config'>,
  scope: IdempotencyScope,
  request: unknown,
  run: (claim: IdempotencyClaim) => Promise<T>,
  settle?: (refId: string) => Promise<void>,
): Promise<T & { idempotent: boolean }> {
  const hash = requestHash(request);
  const lockMs = deps.config.shop.staleAfterMs;
  const deadline = Date.now() + deps.config.shop.idempotencyWaitMs;
  const where = and(eq(idempotencyKeys.userId, scope.userId), eq(idempotencyKeys.scope, scope.scope), eq(idempotencyKeys.key, scope.key));
  let pause = 5;
  for (;;) {
    const now = deps.clock.now();
    const claimed = await deps.db
      .insert(idempotencyKeys)
      .values({ ...scope, requestHash: hash, status: 'in_progress', lockedUntil: new Date(now.getTime() + lockMs) })
      .onConflictDoNothing()
      .returning({ key: idempotencyKeys.key });
    let owned = claimed.length > 0;
    if (!owned) {
      const [row] = await deps.db.select().from(idempotencyKeys).where(where);
      if (!row) continue; // pruned between the two statements: claim again
      if (row.requestHash !== hash) {
        throw new DomainError('idempotency_conflict', {}, 'This idempotency key was already used for a different request.');
      }
      if (row.status === 'completed') return { ...(row.response as T), idempotent: true };
      if (row.status === 'failed') throw replayedError(row.response as StoredError);
      // In progress. A lapsed claim: its object is settled by the sweeper; without one, take it over.
      if (row.lockedUntil && row.lockedUntil <= now) {
        if (row.refId && settle) {
          await settle(row.refId);
          continue;
        }
        if (!row.refId) {
          const taken = await deps.db
            .update(idempotencyKeys)
            .set({ lockedUntil: new Date(now.getTime() + lockMs), updatedAt: now })
            .where(and(where, eq(idempotencyKeys.status, 'in_progress'), lt(idempotencyKeys.lockedUntil, now)))
            .returning({ key: idempotencyKeys.key });
          owned = taken.length > 0;
        }
      }
      if (!owned) {
        if (Date.now() >= deadline) throw new DomainError('request_in_progress');
        await delay(pause);
        pause = Math.min(pause * 2, 100);
        continue;
      }
    }
    return runClaimed(deps.db, scope, where, run);
  }
}

async function runClaimed<T extends object>(
  db: Db,
  scope: IdempotencyScope,
  where: ReturnType<typeof and>,
  run: (claim: IdempotencyClaim) => Promise<T>,
): Promise<T & { idempotent: boolean }> {
  const claim: IdempotencyClaim = {
    ...scope,
    async attach(tx, refId) {
      await tx.update(idempotencyKeys).set({ refId, updatedAt: new Date() }).where(where);
    },
    async complete(tx, response) {
      await tx.update(idempotencyKeys).set({ status: 'completed', response, updatedAt: new Date() }).where(where);
    },
  };
  try {
    const result = await run(claim);
    return { ...result, idempotent: false };
  } catch (e) {
    if (isDomainError(e) && e.reason !== 'service_unavailable') {
      // A refusal is an answer too: stored, so a retry gets the same one.
      await db
        .update(idempotencyKeys)
        .set({ status: 'failed', response: storedError(e), updatedAt: new Date() })
        .where(and(where, eq(idempotencyKeys.status, 'in_progress')));
    } else {
      // Nothing to answer yet (e.g. the database went away): release the claim so a retry runs,
      // unless the request created an object — then the sweeper settles it.
      await db
        .update(idempotencyKeys)
        .set({ lockedUntil: new Date(0), updatedAt: new Date() })
        .where(and(where, eq(idempotencyKeys.status, 'in_progress')))
        .catch(() => {});
    }
    throw e;
  }
}

/** Writes the final answer of a claim settled outside its request (the sweeper). */
export async function settleClaim(tx: Db, scope: IdempotencyScope, outcome: { response: unknown } | { error: DomainError }) {
  await tx
    .update(idempotencyKeys)
    .set(
      'response' in outcome
        ? { status: 'completed', response: outcome.response, updatedAt: new Date() }
        : { status: 'failed', response: storedError(outcome.error), updatedAt: new Date() },
    )
    .where(
      and(
        eq(idempotencyKeys.userId, scope.userId),
        eq(idempotencyKeys.scope, scope.scope),
        eq(idempotencyKeys.key, scope.key),
        eq(idempotencyKeys.status, 'in_progress'),
      ),
    );
}

export function storedError(e: DomainError): StoredError {
  return { error: { reason: e.reason, message: e.message, details: e.details } };
}

function replayedError(stored: StoredError): DomainError {
  const reason = stored?.error?.reason;
  if (!reason || !(reason in REASONS)) return new DomainError('idempotency_conflict');
  return new DomainError(reason, { ...stored.error.details, idempotent: true }, stored.error.message);
}

/** Deletes finished keys older than the retention (at least 24 h). */
export async function pruneIdempotencyKeys(db: Db, now: Date): Promise<number> {
  const rows = await db
    .delete(idempotencyKeys)
    .where(and(lt(idempotencyKeys.createdAt, new Date(now.getTime() - KEEP_KEYS_MS)), sql`${idempotencyKeys.status} <> 'in_progress'`))
    .returning({ key: idempotencyKeys.key });
  return rows.length;
}
