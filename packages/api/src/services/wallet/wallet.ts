/**
 * The one wallet writer: every balance change goes through applyChanges — a list of
 * entries for one user in one statement (statement.ts), inside the caller's
 * transaction, with a token_update event per ledger entry. With idempotency keys, a
 * repeated change returns the first entries unchanged.
 */
import { type Db, queryRows, walletLedger } from '@casino/db';
import type { TCurrency } from '@casino/shared';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Outbox } from '../../deps';
import { DomainError } from '../../errors';
import { getBalance } from './queries';
import { changesStatement } from './statement';

export type WalletEntry = {
  currency: TCurrency;
  /** Signed integer; negative debits. 0 is allowed and writes nothing (e.g. a lost round's payout). */
  delta: number;
  reason: string;
  refType?: string | null;
  refId?: string | null;
  idempotencyKey?: string | null;
};

export type WalletChanges = {
  userId: number;
  entries: readonly WalletEntry[];
  /**
   * The keys are new by construction (derived from an id this transaction owns): skip the
   * lookup for earlier entries; the unique index still refuses a duplicate.
   */
  freshKeys?: boolean;
};

export type AppliedEntry = { ledgerId: number; currency: TCurrency; delta: number; balance: number };
export type WalletChangesResult = { entries: AppliedEntry[]; balances: Partial<Record<TCurrency, number>>; idempotent: boolean };

export async function applyChanges(tx: Db, outbox: Outbox, c: WalletChanges): Promise<WalletChangesResult> {
  if (c.entries.length === 0 || c.entries.some((e) => !Number.isSafeInteger(e.delta)) || c.entries.every((e) => e.delta === 0)) {
    throw new DomainError('invalid_amount', {}, 'Amounts are non-zero whole numbers.');
  }
  const keys = c.entries.flatMap((e) => (e.idempotencyKey && e.delta !== 0 ? [e.idempotencyKey] : []));
  if (keys.length && !c.freshKeys) {
    const prior = await priorEntries(tx, c, keys);
    if (prior) return prior;
  }
  const rows = await queryRows<{
    id: string | number;
    currency: TCurrency;
    delta: string | number;
    balance_after: string | number;
    reason: string;
  }>(
    tx,
    changesStatement(
      c.userId,
      c.entries.map((e) => ({
        currency: e.currency,
        delta: e.delta,
        reason: e.reason,
        refType: e.refType ?? null,
        refId: e.refId ?? null,
        key: e.idempotencyKey ?? null,
      })),
    ),
  );
  if (rows.length === 0) throw await refusal(tx, c);
  const sorted = rows.map((r) => ({ ...r, id: Number(r.id) })).sort((a, b) => a.id - b.id);
  const entries = sorted.map((r) => ({ ledgerId: r.id, currency: r.currency, delta: Number(r.delta), balance: Number(r.balance_after) }));
  for (const [i, e] of entries.entries()) {
    outbox.push({
      userId: c.userId,
      type: 'token_update',
      data: { currency: e.currency, delta: e.delta, balance: e.balance, reason: sorted[i]?.reason ?? '', ledgerId: e.ledgerId },
    });
  }
  return { entries, balances: finalBalances(entries), idempotent: false };
}

/** One entry: the common case (grants, debits, admin adjustments). */
export async function applyChange(tx: Db, outbox: Outbox, change: WalletEntry & { userId: number; freshKey?: boolean }) {
  if (change.delta === 0) throw new DomainError('invalid_amount', {}, 'Amounts are non-zero whole numbers.');
  const { userId, freshKey, ...entry } = change;
  const res = await applyChanges(tx, outbox, { userId, entries: [entry], freshKeys: freshKey ?? false });
  const [first] = res.entries as [AppliedEntry];
  return { ledgerId: first.ledgerId, balance: first.balance, delta: first.delta, idempotent: res.idempotent };
}

/** Earlier entries under the same keys: the same change again → its result; another change → conflict. */
async function priorEntries(tx: Db, c: WalletChanges, keys: string[]): Promise<WalletChangesResult | null> {
  // Serialises concurrent requests carrying the same keys; the unique index is the backstop.
  for (const key of [...keys].sort()) await tx.execute(sql`SELECT pg_advisory_xact_lock(${c.userId}, hashtext(${key}))`);
  const prior = await tx
    .select()
    .from(walletLedger)
    .where(and(eq(walletLedger.userId, c.userId), inArray(walletLedger.idempotencyKey, keys)))
    .orderBy(walletLedger.id);
  if (prior.length === 0) return null;
  const wanted = c.entries.filter((e) => e.idempotencyKey && e.delta !== 0);
  const same =
    prior.length === wanted.length &&
    wanted.every((w) =>
      prior.some((p) => p.idempotencyKey === w.idempotencyKey && p.currency === w.currency && p.delta === w.delta && p.reason === w.reason),
    );
  if (!same) throw new DomainError('idempotency_conflict', {}, 'This idempotency key was used for a different change.');
  const entries = prior.map((p) => ({ ledgerId: p.id, currency: p.currency, delta: p.delta, balance: p.balanceAfter }));
  return { entries, balances: finalBalances(entries), idempotent: true };
}

/** Why a change was refused: the currency it could not afford, with the balance and what it needed. */
export async function refusal(tx: Db, c: WalletChanges): Promise<DomainError> {
  const balance = await getBalance(tx, c.userId); // throws user_not_found
  for (const currency of ['gold', 'gems'] as const) {
    let running = balance[currency];
    for (const e of c.entries) {
      if (e.currency !== currency) continue;
      running += e.delta;
      if (running < 0) {
        // What the change needs available up to this entry (a single debit: its amount; a round: the stake).
        return new DomainError('insufficient_funds', { currency, balance: balance[currency], required: balance[currency] - running });
      }
    }
  }
  return new DomainError('insufficient_funds');
}

function finalBalances(entries: AppliedEntry[]): Partial<Record<TCurrency, number>> {
  const out: Partial<Record<TCurrency, number>> = {};
  for (const e of entries) out[e.currency] = e.balance;
  return out;
}
