/**
 * Refunding a completed purchase: the money back (the gateway for cash, the ledger for a
 * gold/gems price), then what the purchase granted taken back through the one wallet
 * writer — never below zero: what the player already spent is recorded as a debt on the
 * purchase and flags it for review. One transaction; a second refund of the same purchase
 * (a webhook after the admin, a replayed event, a double click) changes nothing.
 */
import {
  battlepassClaims,
  battlepassProgress,
  type Db,
  type Purchase,
  type PurchaseGranted,
  purchases,
  userItems,
  users,
  walletLedger,
} from '@casino/db';
import type { TCurrency } from '@casino/shared';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { type Deps, inTransaction } from '../../deps';
import { DomainError } from '../../errors';
import { writeAudit } from '../audit/audit';
import { applyChanges, type WalletEntry } from '../wallet/wallet';

export type RefundSource = { kind: 'admin'; adminId: number; ip?: string | null } | { kind: 'webhook'; eventId: string };

export type RefundInput = { purchaseId: string; reason: string; source: RefundSource };

export type RefundResult = {
  purchaseId: string;
  status: 'refunded';
  refundedAt: Date;
  refundReason: string;
  /** The price given back through the ledger (gold/gems purchases refunded by an admin). */
  returned: { currency: TCurrency; amount: number } | null;
  /** What was taken back of the grant. */
  clawedBack: PurchaseGranted;
  /** What could not be taken back (already spent); null when everything was. */
  debt: PurchaseGranted | null;
  flaggedForReview: boolean;
  /** True when the purchase had already been refunded: nothing changed. */
  idempotent: boolean;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ledger reasons and idempotency keys of a refund (one entry per kind and purchase, ever). */
export const REFUND_LEDGER = {
  returnReason: 'shop_refund',
  clawbackReason: 'shop_refund_clawback',
  key: (purchaseId: string, part: 'price' | TCurrency) => `refund:${purchaseId}:${part}`,
} as const;

export async function refundPurchase(
  deps: Pick<Deps, 'db' | 'bus' | 'clock' | 'payments' | 'logger'>,
  input: RefundInput,
): Promise<RefundResult> {
  if (!UUID.test(input.purchaseId)) throw new DomainError('purchase_not_found');
  const [first] = await deps.db.select().from(purchases).where(eq(purchases.id, input.purchaseId));
  if (!first) throw new DomainError('purchase_not_found');
  if (first.status === 'refunded') return storedResult(deps.db, first);
  if (first.status !== 'completed') throw new DomainError('purchase_not_refundable', { status: first.status });

  // An admin's cash refund asks the gateway first (idempotent there); a webhook reports one it already made.
  if (input.source.kind === 'admin' && first.priceCurrency === 'cash') {
    if (!first.chargeId) throw new DomainError('refund_failed', { detail: 'the purchase has no captured charge' });
    const res = await deps.payments.refund(first.chargeId).catch((err: unknown) => {
      deps.logger.warn({ err, purchaseId: first.id }, 'gateway refund threw');
      return { ok: false as const, message: 'The payment provider could not be reached.' };
    });
    if (!res.ok) throw new DomainError('refund_failed', { detail: res.message });
  }

  return inTransaction(deps, async (tx, outbox) => {
    const [p] = await tx.select().from(purchases).where(eq(purchases.id, input.purchaseId)).for('update');
    if (!p) throw new DomainError('purchase_not_found');
    if (p.status === 'refunded') return storedResult(tx, p);
    if (p.status !== 'completed') throw new DomainError('purchase_not_refundable', { status: p.status });

    // The balance row stays locked until commit: what is taken back is exactly what is there.
    const [balance] = await tx.select({ gold: users.gold, gems: users.gems }).from(users).where(eq(users.id, p.userId)).for('update');
    if (!balance) throw new DomainError('user_not_found');

    const returned =
      input.source.kind === 'admin' && p.priceCurrency !== 'cash' && p.amount > 0 ? { currency: p.priceCurrency, amount: p.amount } : null;
    const entries: WalletEntry[] = [];
    if (returned) {
      entries.push({
        currency: returned.currency,
        delta: returned.amount,
        reason: REFUND_LEDGER.returnReason,
        refType: 'purchase',
        refId: p.id,
        idempotencyKey: REFUND_LEDGER.key(p.id, 'price'),
      });
    }
    const clawedBack: PurchaseGranted = {};
    const debt: PurchaseGranted = {};
    for (const currency of ['gold', 'gems'] as const) {
      const granted = p.granted[currency] ?? 0;
      if (granted <= 0) continue;
      const available = balance[currency] + (returned?.currency === currency ? returned.amount : 0);
      const take = Math.min(granted, available);
      if (take > 0) {
        clawedBack[currency] = take;
        entries.push({
          currency,
          delta: -take,
          reason: REFUND_LEDGER.clawbackReason,
          refType: 'purchase',
          refId: p.id,
          idempotencyKey: REFUND_LEDGER.key(p.id, currency),
        });
      }
      if (granted > take) debt[currency] = granted - take;
    }
    if (entries.length) await applyChanges(tx, outbox, { userId: p.userId, entries });

    const items = await clawBackItems(tx, p.userId, p.granted.items ?? []);
    if (items.taken.length) clawedBack.items = items.taken;
    if (items.missing.length) debt.items = items.missing;
    if (p.granted.battlepassPremium) {
      const pass = await revokeBattlepassPremium(tx, p.userId, p.id, deps.clock.now());
      if (pass.revoked) clawedBack.battlepassPremium = true;
      // Premium rewards already claimed stay with the player (or the pass was not found): for review.
      if (!pass.revoked || pass.premiumClaims > 0) debt.battlepassPremium = true;
    }

    const hasDebt = Object.keys(debt).length > 0;
    const now = deps.clock.now();
    const [updated] = await tx
      .update(purchases)
      .set({
        status: 'refunded',
        refundedAt: now,
        refundReason: input.reason,
        clawedBack,
        debt: hasDebt ? debt : null,
        flaggedForReview: p.flaggedForReview || hasDebt,
        updatedAt: now,
      })
      .where(and(eq(purchases.id, p.id), eq(purchases.status, 'completed')))
      .returning();
    if (!updated) throw new Error(`purchase ${p.id} changed under its row lock`);

    if (input.source.kind === 'admin') {
      await writeAudit(tx, {
        adminId: input.source.adminId,
        action: 'shop.refund',
        targetType: 'purchase',
        targetId: p.id,
        before: { status: p.status, userId: p.userId, sku: p.sku, amount: p.amount, priceCurrency: p.priceCurrency, chargeId: p.chargeId },
        after: { status: 'refunded', returned, clawedBack, debt: hasDebt ? debt : null },
        meta: { reason: input.reason },
        ip: input.source.ip ?? null,
      });
    }
    if (hasDebt) {
      deps.logger.warn({ purchaseId: p.id, userId: p.userId, debt }, 'refund could not take back everything: purchase flagged for review');
    }
    return {
      purchaseId: p.id,
      status: 'refunded' as const,
      refundedAt: now,
      refundReason: input.reason,
      returned,
      clawedBack,
      debt: hasDebt ? debt : null,
      flaggedForReview: updated.flaggedForReview,
      idempotent: false,
    };
  });
}

/** Turns off the premium track this purchase unlocked; counts the premium levels already claimed with it. */
async function revokeBattlepassPremium(tx: Db, userId: number, purchaseId: string, now: Date) {
  const revoked = await tx
    .update(battlepassProgress)
    .set({ premium: false, updatedAt: now })
    .where(
      and(
        eq(battlepassProgress.userId, userId),
        eq(battlepassProgress.premium, true),
        eq(battlepassProgress.premiumSource, 'shop'),
        eq(battlepassProgress.premiumRef, purchaseId),
      ),
    )
    .returning({ seasonId: battlepassProgress.seasonId });
  const seasonIds = revoked.map((r) => r.seasonId);
  const premiumClaims = seasonIds.length
    ? await tx.$count(
        battlepassClaims,
        and(eq(battlepassClaims.userId, userId), eq(battlepassClaims.track, 'premium'), inArray(battlepassClaims.seasonId, seasonIds)),
      )
    : 0;
  return { revoked: seasonIds.length > 0, premiumClaims };
}

/** Takes back granted items, each row locked, never below zero; returns what was taken and what was missing. */
async function clawBackItems(tx: Db, userId: number, granted: readonly { itemId: string; quantity: number }[]) {
  const wanted = new Map<string, number>();
  for (const g of granted) if (g.quantity > 0) wanted.set(g.itemId, (wanted.get(g.itemId) ?? 0) + g.quantity);
  const taken: { itemId: string; quantity: number }[] = [];
  const missing: { itemId: string; quantity: number }[] = [];
  // Sorted, so two refunds of one player lock the rows in the same order.
  for (const [itemId, quantity] of [...wanted].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const [row] = await tx
      .select({ quantity: userItems.quantity })
      .from(userItems)
      .where(and(eq(userItems.userId, userId), eq(userItems.itemId, itemId)))
      .for('update');
    const take = Math.min(quantity, row?.quantity ?? 0);
    if (take > 0) {
      await tx
        .update(userItems)
        .set({ quantity: sql`${userItems.quantity} - ${take}` })
        .where(and(eq(userItems.userId, userId), eq(userItems.itemId, itemId)));
      taken.push({ itemId, quantity: take });
    }
    if (quantity > take) missing.push({ itemId, quantity: quantity - take });
  }
  return { taken, missing };
}

/** The result of an earlier refund, read back (nothing changes). */
async function storedResult(db: Db, p: Purchase): Promise<RefundResult> {
  const [price] = await db
    .select({ currency: walletLedger.currency, delta: walletLedger.delta })
    .from(walletLedger)
    .where(and(eq(walletLedger.userId, p.userId), eq(walletLedger.idempotencyKey, REFUND_LEDGER.key(p.id, 'price'))));
  return {
    purchaseId: p.id,
    status: 'refunded',
    refundedAt: p.refundedAt ?? p.updatedAt,
    refundReason: p.refundReason ?? '',
    returned: price ? { currency: price.currency, amount: price.delta } : null,
    clawedBack: p.clawedBack ?? {},
    debt: p.debt ?? null,
    flaggedForReview: p.flaggedForReview,
    idempotent: true,
  };
}
