/**
 * The one place balances change. Each change is a conditional UPDATE on the user
 * row (never below zero) plus one ledger entry, inside the caller's transaction.
 * With an idempotency key, a repeated change returns the first entry unchanged.
 */
import { type Db, queryRows, users, walletLedger } from '@casino/db';
import type { TCurrency } from '@casino/shared';
import { and, eq, sql } from 'drizzle-orm';
import type { Outbox } from '../../deps';
import { DomainError } from '../../errors';

export type WalletChange = {
  userId: number;
  currency: TCurrency;
  /** Signed integer; negative debits. */
  delta: number;
  reason: string;
  refType?: string | null;
  refId?: string | null;
  idempotencyKey?: string | null;
  /**
   * The key is new by construction (derived from an id this transaction owns): skip the
   * lookup for an earlier entry; the unique index still refuses a duplicate.
   */
  freshKey?: boolean;
};

export type WalletResult = { ledgerId: number; balance: number; delta: number; idempotent: boolean };

const column = { gold: users.gold, gems: users.gems } as const;

export async function applyChange(tx: Db, outbox: Outbox, change: WalletChange): Promise<WalletResult> {
  if (!Number.isSafeInteger(change.delta) || change.delta === 0) {
    throw new DomainError('invalid_amount', {}, 'Amounts are non-zero whole numbers.');
  }
  const key = change.idempotencyKey ?? null;
  if (key && !change.freshKey) {
    // Serialises concurrent requests carrying the same key; the unique index is the backstop.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${change.userId}, hashtext(${key}))`);
    const [prior] = await tx
      .select()
      .from(walletLedger)
      .where(and(eq(walletLedger.userId, change.userId), eq(walletLedger.idempotencyKey, key)))
      .limit(1);
    if (prior) {
      if (prior.currency !== change.currency || prior.delta !== change.delta || prior.reason !== change.reason) {
        throw new DomainError('idempotency_conflict', {}, 'This idempotency key was used for a different change.');
      }
      return { ledgerId: prior.id, balance: prior.balanceAfter, delta: prior.delta, idempotent: true };
    }
  }
  // One statement, one round trip: the conditional debit and its ledger entry. No row = refused.
  const col = sql.raw(change.currency === 'gold' ? 'gold' : 'gems');
  const [entry] = await queryRows<{ id: string | number; balance_after: string | number }>(
    tx,
    sql`WITH u AS (
          UPDATE users SET ${col} = ${col} + ${change.delta}::bigint, updated_at = now()
          WHERE id = ${change.userId}::int AND ${col} + ${change.delta}::bigint >= 0
          RETURNING ${col} AS balance)
        INSERT INTO wallet_ledger (user_id, currency, delta, balance_after, reason, ref_type, ref_id, idempotency_key)
        SELECT ${change.userId}::int, ${change.currency}::currency, ${change.delta}::bigint, u.balance, ${change.reason}::text,
          ${change.refType ?? null}::text, ${change.refId ?? null}::text, ${key}::text
        FROM u
        RETURNING id, balance_after`,
  );
  if (!entry) {
    const [exists] = await tx
      .select({ id: users.id, balance: column[change.currency] })
      .from(users)
      .where(eq(users.id, change.userId))
      .limit(1);
    if (!exists) throw new DomainError('user_not_found');
    throw new DomainError('insufficient_funds', { currency: change.currency, balance: exists.balance, required: -change.delta });
  }
  const ledgerId = Number(entry.id);
  const updated = { balance: Number(entry.balance_after) };
  outbox.push({
    userId: change.userId,
    type: 'token_update',
    data: { currency: change.currency, delta: change.delta, balance: updated.balance, reason: change.reason, ledgerId },
  });
  return { ledgerId, balance: updated.balance, delta: change.delta, idempotent: false };
}
