/**
 * admin.rewards.grantBulk (SPEC §5): one grant per row, each in its own transaction with its
 * own audit row, so a bad row is reported and the others still go through. The batch is
 * idempotent by its key: `reward_batches` holds the request's hash and the final answer; the
 * same key with the same rows answers that again (`idempotent: true`), with other rows it is
 * `idempotency_conflict`. Rows are keyed `bulk:{key}:{index}`, so even a batch replayed before
 * it finished (a crash, a concurrent call) grants each row once. `dryRun` checks every row
 * and grants nothing (the console's CSV preview).
 */
import { createHash } from 'node:crypto';
import { rewardBatches, users } from '@casino/db';
import type { TReason } from '@casino/shared';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { type Deps, inTransaction } from '../../deps';
import { DomainError, isDomainError } from '../../errors';
import type { Actor } from '../admin/users';
import { writeAudit } from '../audit/audit';
import { activeItemCatalog, type ItemCatalog } from './items';
import { grantReward } from './rewards';

export type BulkRow = {
  userId: number;
  rewardType: 'GOLD' | 'GEMS' | 'ITEM';
  amount: number;
  sourceDescription: string;
  itemId?: string | undefined;
};

export type BulkResult = {
  index: number;
  userId: number;
  status: 'ok' | 'error';
  error?: TReason;
  message?: string;
  nickname?: string;
};

export type BulkAnswer = { success: boolean; results: BulkResult[]; idempotent: boolean; dryRun: boolean };

const MAX_CURRENCY = 1_000_000_000;
const MAX_ITEMS = 10_000;

/** The grant a row asks for, or the reason it cannot be granted. */
function rowGrant(catalog: ItemCatalog, row: BulkRow): { gold?: number; gems?: number; items?: { itemId: string; quantity: number }[] } {
  const max = row.rewardType === 'ITEM' ? MAX_ITEMS : MAX_CURRENCY;
  if (!Number.isSafeInteger(row.amount) || row.amount <= 0 || row.amount > max) {
    throw new DomainError('invalid_amount', { max }, `The amount must be a whole number from 1 to ${max}.`);
  }
  if (row.rewardType === 'GOLD') return { gold: row.amount };
  if (row.rewardType === 'GEMS') return { gems: row.amount };
  if (!row.itemId || !catalog.has(row.itemId)) throw new DomainError('item_unknown', { itemId: row.itemId ?? null });
  return { items: [{ itemId: row.itemId, quantity: row.amount }] };
}

const failed = (index: number, userId: number, e: DomainError): BulkResult => ({
  index,
  userId,
  status: 'error',
  error: e.reason,
  message: e.message,
});

const hashOf = (rows: BulkRow[]) =>
  createHash('sha256')
    .update(JSON.stringify(rows.map((r) => [r.userId, r.rewardType, r.amount, r.sourceDescription, r.itemId ?? null])))
    .digest('hex');

async function preview(deps: Deps, rows: BulkRow[]): Promise<BulkResult[]> {
  const ids = [...new Set(rows.map((r) => r.userId))];
  const found = ids.length
    ? await deps.db.select({ id: users.id, nickname: users.nickname, status: users.status }).from(users).where(inArray(users.id, ids))
    : [];
  const byId = new Map(found.filter((u) => u.status !== 'deleted').map((u) => [u.id, u.nickname]));
  const catalog = await activeItemCatalog(deps);
  return rows.map((row, index) => {
    try {
      rowGrant(catalog, row);
      const nickname = byId.get(row.userId);
      if (nickname === undefined) throw new DomainError('user_not_found');
      return { index, userId: row.userId, status: 'ok', nickname };
    } catch (e) {
      if (!isDomainError(e)) throw e;
      return failed(index, row.userId, e);
    }
  });
}

export async function grantBulk(
  deps: Deps,
  actor: Actor,
  input: { items: BulkRow[]; idempotencyKey: string; dryRun?: boolean | undefined },
): Promise<BulkAnswer> {
  const key = input.idempotencyKey;
  const hash = hashOf(input.items);
  const [prior] = await deps.db.select().from(rewardBatches).where(eq(rewardBatches.idempotencyKey, key));
  if (prior && prior.requestHash !== hash) throw new DomainError('idempotency_conflict', {}, 'This key was used for a different batch.');
  if (input.dryRun) {
    const results = await preview(deps, input.items);
    return { success: results.every((r) => r.status === 'ok'), results, idempotent: prior !== undefined, dryRun: true };
  }
  if (prior?.response) return { ...(prior.response as Omit<BulkAnswer, 'idempotent' | 'dryRun'>), idempotent: true, dryRun: false };
  if (!prior) {
    const [mine] = await deps.db
      .insert(rewardBatches)
      .values({ idempotencyKey: key, adminId: actor.id, requestHash: hash, rows: input.items.length, createdAt: deps.clock.now() })
      .onConflictDoNothing()
      .returning({ key: rewardBatches.idempotencyKey });
    if (!mine) {
      // Another call with this key got in first: its hash decides, then its rows are ours to repeat idempotently.
      const [other] = await deps.db.select().from(rewardBatches).where(eq(rewardBatches.idempotencyKey, key));
      if (other && other.requestHash !== hash)
        throw new DomainError('idempotency_conflict', {}, 'This key was used for a different batch.');
    }
  }

  const results: BulkResult[] = [];
  let transient = false;
  const catalog = await activeItemCatalog(deps);
  for (const [index, row] of input.items.entries()) {
    try {
      const grant = rowGrant(catalog, row);
      const at = deps.clock.now();
      await inTransaction(deps, async (tx, outbox) => {
        const g = await grantReward(
          tx,
          outbox,
          { config: deps.config, at, items: catalog },
          {
            userId: row.userId,
            idempotencyKey: `bulk:${key}:${index}`,
            source: 'admin_grant',
            description: row.sourceDescription,
            ...grant,
            refType: 'admin_bulk',
            refId: key,
          },
        );
        if (!g.idempotent) {
          await writeAudit(tx, {
            adminId: actor.id,
            action: 'reward.grant',
            targetType: 'user',
            targetId: row.userId,
            after: { rewardId: g.rewardId, ...grant },
            meta: { batch: key, row: index, description: row.sourceDescription },
            ip: actor.ip ?? null,
          });
        }
      });
      results.push({ index, userId: row.userId, status: 'ok' });
    } catch (e) {
      if (isDomainError(e)) {
        results.push(failed(index, row.userId, e));
      } else {
        // Not the row's fault (the database went away): report it, and leave the batch open so a replay retries.
        deps.logger.error({ err: e, batch: key, row: index }, 'bulk grant row failed');
        transient = true;
        results.push(failed(index, row.userId, new DomainError('service_unavailable')));
      }
    }
  }
  const answer = { success: results.every((r) => r.status === 'ok'), results };
  if (!transient) {
    await inTransaction(deps, async (tx) => {
      const [done] = await tx
        .update(rewardBatches)
        .set({ response: answer, completedAt: deps.clock.now() })
        .where(and(eq(rewardBatches.idempotencyKey, key), isNull(rewardBatches.completedAt)))
        .returning({ key: rewardBatches.idempotencyKey });
      if (!done) return;
      await writeAudit(tx, {
        adminId: actor.id,
        action: 'reward.grant_bulk',
        targetType: 'reward_batch',
        targetId: key,
        after: { rows: results.length, ok: results.filter((r) => r.status === 'ok').length },
        meta: { errors: results.filter((r) => r.status === 'error').map((r) => ({ index: r.index, userId: r.userId, error: r.error })) },
        ip: actor.ip ?? null,
      });
    });
  }
  return { ...answer, idempotent: false, dryRun: false };
}
