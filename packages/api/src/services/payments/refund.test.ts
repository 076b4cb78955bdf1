/**
 * Refunds: the money back (gateway for cash, ledger for a gold/gems price), the grant taken
 * back through the ledger and the inventory never below zero (the rest a debt flagged for
 * review), once — under concurrent refunds and while the player spends.
 */
import { adminAuditLog, purchases, sandboxCharges, userItems, users, walletLedger } from '@casino/db';
import { TRPCError } from '@trpc/server';
import { and, asc, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../deps';
import { isDomainError } from '../../errors';
import { createTestEnv, newAdmin, newPlayer, type TestEnv } from '../../test/harness';
import { expectRefused } from '../../test/reference';
import { fixturePurchase } from '../../test/shop-fixture';
import { applyChange } from '../wallet/wallet';
import { refundPurchase } from './refund';

let env: TestEnv;
let admin: Awaited<ReturnType<typeof newAdmin>>;
beforeAll(async () => {
  env = await createTestEnv({ maxConnections: 40 });
  admin = await newAdmin(env.deps);
});
afterAll(async () => {
  expect((await admin.caller.admin.economy.reconcile()).violations).toEqual([]);
  await env.close();
});

const balanceOf = async (userId: number) => {
  const [u] = await env.deps.db.select({ gold: users.gold, gems: users.gems }).from(users).where(eq(users.id, userId));
  return u;
};
const refundLedger = (userId: number) =>
  env.deps.db
    .select()
    .from(walletLedger)
    .where(and(eq(walletLedger.userId, userId), like(walletLedger.idempotencyKey, 'refund:%')))
    .orderBy(asc(walletLedger.id));
const itemsOf = async (userId: number, itemId: string) => {
  const [row] = await env.deps.db
    .select({ quantity: userItems.quantity })
    .from(userItems)
    .where(and(eq(userItems.userId, userId), eq(userItems.itemId, itemId)));
  return row?.quantity ?? 0;
};
const purchaseRow = async (id: string) => (await env.deps.db.select().from(purchases).where(eq(purchases.id, id)))[0];
const chargeStatus = async (id: string | null) =>
  (
    await env.deps.db
      .select({ status: sandboxCharges.status })
      .from(sandboxCharges)
      .where(eq(sandboxCharges.id, id ?? ''))
  )[0]?.status;
const spend = (userId: number, gold: number) =>
  inTransaction(env.deps, (tx, o) => applyChange(tx, o, { userId, currency: 'gold', delta: -gold, reason: 'test_spend' }));

describe('admin.shop.refund', () => {
  it('refunds a cash purchase at the gateway and takes back gold, gems and items in full, audited', async () => {
    const p = await newPlayer(env.deps); // 1000 gold, 0 gems
    const purchase = await fixturePurchase(env.deps, {
      userId: p.user.id,
      price: { currency: 'cash', amount: 499 },
      grants: { gold: 500, gems: 100, items: [{ itemId: 'refund_sword', quantity: 2 }] },
    });
    expect(await balanceOf(p.user.id)).toEqual({ gold: 1500, gems: 100 });
    expect(await chargeStatus(purchase.chargeId)).toBe('captured');

    const res = await admin.caller.admin.shop.refund({ purchaseId: purchase.id, reason: 'customer asked' });
    expect(res).toMatchObject({
      purchaseId: purchase.id,
      status: 'refunded',
      refundReason: 'customer asked',
      returned: null,
      clawedBack: { gold: 500, gems: 100, items: [{ itemId: 'refund_sword', quantity: 2 }] },
      debt: null,
      flaggedForReview: false,
      idempotent: false,
    });
    expect(await chargeStatus(purchase.chargeId)).toBe('refunded');
    expect(await balanceOf(p.user.id)).toEqual({ gold: 1000, gems: 0 });
    expect(await itemsOf(p.user.id, 'refund_sword')).toBe(0);
    const ledger = await refundLedger(p.user.id);
    expect(ledger.map((l) => [l.currency, l.delta, l.reason, l.idempotencyKey, l.refId])).toEqual([
      ['gold', -500, 'shop_refund_clawback', `refund:${purchase.id}:gold`, purchase.id],
      ['gems', -100, 'shop_refund_clawback', `refund:${purchase.id}:gems`, purchase.id],
    ]);
    expect(await purchaseRow(purchase.id)).toMatchObject({
      status: 'refunded',
      refundReason: 'customer asked',
      clawedBack: { gold: 500, gems: 100, items: [{ itemId: 'refund_sword', quantity: 2 }] },
      debt: null,
      flaggedForReview: false,
    });
    const audit = await env.deps.db.select().from(adminAuditLog).where(eq(adminAuditLog.targetId, purchase.id));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      adminId: admin.user.id,
      action: 'shop.refund',
      targetType: 'purchase',
      meta: { reason: 'customer asked' },
    });
  });

  it('takes back only what is left and records the rest as a debt flagged for review', async () => {
    const p = await newPlayer(env.deps);
    const purchase = await fixturePurchase(env.deps, {
      userId: p.user.id,
      price: { currency: 'cash', amount: 999 },
      grants: { gold: 500, items: [{ itemId: 'refund_potion', quantity: 3 }], battlepassPremium: true },
    });
    await spend(p.user.id, 1300); // 1500 → 200
    await env.deps.db
      .update(userItems)
      .set({ quantity: 1 })
      .where(and(eq(userItems.userId, p.user.id), eq(userItems.itemId, 'refund_potion'))); // two potions used

    const res = await admin.caller.admin.shop.refund({ purchaseId: purchase.id, reason: 'chargeback' });
    expect(res.clawedBack).toEqual({ gold: 200, items: [{ itemId: 'refund_potion', quantity: 1 }] });
    expect(res.debt).toEqual({ gold: 300, items: [{ itemId: 'refund_potion', quantity: 2 }], battlepassPremium: true });
    expect(res.flaggedForReview).toBe(true);
    expect(await balanceOf(p.user.id)).toEqual({ gold: 0, gems: 0 });
    expect(await itemsOf(p.user.id, 'refund_potion')).toBe(0);
    const ledger = await refundLedger(p.user.id);
    expect(ledger.map((l) => [l.currency, l.delta, l.balanceAfter])).toEqual([['gold', -200, 0]]);
    expect(await purchaseRow(purchase.id)).toMatchObject({ status: 'refunded', debt: res.debt, flaggedForReview: true });
  });

  it('gives a gold/gems price back through the ledger before taking the grant back', async () => {
    const p = await newPlayer(env.deps);
    await inTransaction(env.deps, (tx, o) => applyChange(tx, o, { userId: p.user.id, currency: 'gems', delta: 50, reason: 'test_gift' }));
    const purchase = await fixturePurchase(env.deps, {
      userId: p.user.id,
      price: { currency: 'gems', amount: 50 },
      grants: { gold: 2000 },
    });
    expect(await balanceOf(p.user.id)).toEqual({ gold: 3000, gems: 0 });
    const res = await admin.caller.admin.shop.refund({ purchaseId: purchase.id, reason: 'wrong pack' });
    expect(res).toMatchObject({ returned: { currency: 'gems', amount: 50 }, clawedBack: { gold: 2000 }, debt: null });
    expect(await balanceOf(p.user.id)).toEqual({ gold: 1000, gems: 50 });
    const ledger = await refundLedger(p.user.id);
    expect(ledger.map((l) => [l.currency, l.delta, l.reason])).toEqual([
      ['gems', 50, 'shop_refund'],
      ['gold', -2000, 'shop_refund_clawback'],
    ]);
    // Asked again: the stored result, nothing new.
    const again = await admin.caller.admin.shop.refund({ purchaseId: purchase.id, reason: 'wrong pack' });
    expect(again).toEqual({ ...res, idempotent: true });
    expect(await refundLedger(p.user.id)).toHaveLength(2);
  });

  it('is idempotent: a webhook after the admin, and the admin again, change nothing', async () => {
    const p = await newPlayer(env.deps);
    const purchase = await fixturePurchase(env.deps, { userId: p.user.id, price: { currency: 'cash', amount: 199 }, grants: { gems: 40 } });
    const first = await admin.caller.admin.shop.refund({ purchaseId: purchase.id, reason: 'first' });
    const viaWebhook = await refundPurchase(env.deps, {
      purchaseId: purchase.id,
      reason: 'gateway event',
      source: { kind: 'webhook', eventId: 'evt_after_admin' },
    });
    const again = await admin.caller.admin.shop.refund({ purchaseId: purchase.id, reason: 'second' });
    expect(viaWebhook).toMatchObject({ idempotent: true, refundReason: 'first', clawedBack: { gems: 40 } });
    expect(again).toMatchObject({ idempotent: true, refundReason: 'first', refundedAt: first.refundedAt });
    expect(await refundLedger(p.user.id)).toHaveLength(1);
    expect(await env.deps.db.select().from(adminAuditLog).where(eq(adminAuditLog.targetId, purchase.id))).toHaveLength(1);
  });

  it('a webhook refund does not call the gateway (it already refunded) and is not audited as an admin action', async () => {
    const p = await newPlayer(env.deps);
    const purchase = await fixturePurchase(env.deps, {
      userId: p.user.id,
      price: { currency: 'cash', amount: 299 },
      grants: { gold: 100 },
    });
    const res = await refundPurchase(env.deps, {
      purchaseId: purchase.id,
      reason: 'provider refund',
      source: { kind: 'webhook', eventId: 'evt_x' },
    });
    expect(res).toMatchObject({ idempotent: false, clawedBack: { gold: 100 }, returned: null });
    expect(await chargeStatus(purchase.chargeId)).toBe('captured');
    expect(await env.deps.db.select().from(adminAuditLog).where(eq(adminAuditLog.targetId, purchase.id))).toHaveLength(0);
  });

  it('refuses purchases that are not completed, unknown ids and a gateway refusal, changing nothing', async () => {
    const p = await newPlayer(env.deps);
    const authorized = await fixturePurchase(env.deps, {
      userId: p.user.id,
      price: { currency: 'cash', amount: 100 },
      grants: { gold: 10 },
      status: 'authorized',
    });
    const failed = await fixturePurchase(env.deps, {
      userId: p.user.id,
      price: { currency: 'gold', amount: 10 },
      grants: {},
      status: 'failed',
    });
    for (const id of [authorized.id, failed.id]) {
      expectRefused(
        await admin.caller.admin.shop.refund({ purchaseId: id, reason: 'try' }).catch((e: unknown) => e),
        'purchase_not_refundable',
      );
    }
    expectRefused(
      await admin.caller.admin.shop.refund({ purchaseId: crypto.randomUUID(), reason: 'try' }).catch((e: unknown) => e),
      'purchase_not_found',
    );
    expectRefused(
      await refundPurchase(env.deps, { purchaseId: 'not-a-uuid', reason: 'x', source: { kind: 'webhook', eventId: 'e' } }).catch(
        (e: unknown) => e,
      ),
      'purchase_not_found',
    );

    // The gateway will not refund a charge that is no longer captured: refund_failed, nothing taken back.
    const cash = await fixturePurchase(env.deps, { userId: p.user.id, price: { currency: 'cash', amount: 500 }, grants: { gold: 300 } });
    await env.deps.db
      .update(sandboxCharges)
      .set({ status: 'voided' })
      .where(eq(sandboxCharges.id, cash.chargeId ?? ''));
    const before = await balanceOf(p.user.id);
    const err = await admin.caller.admin.shop.refund({ purchaseId: cash.id, reason: 'try' }).catch((e: unknown) => e);
    // refund_failed is SERVICE_UNAVAILABLE (503): the typed reason, retryable, not a server fault.
    expect(err).toBeInstanceOf(TRPCError);
    expect((err as TRPCError).code).toBe('SERVICE_UNAVAILABLE');
    expect(((err as TRPCError).cause as { reason?: string }).reason).toBe('refund_failed');
    expect(await balanceOf(p.user.id)).toEqual(before);
    expect(await purchaseRow(cash.id)).toMatchObject({ status: 'completed', refundedAt: null });
    expect(await refundLedger(p.user.id)).toHaveLength(0);
  });

  it('refuses a non-admin and anonymous callers, changing nothing', async () => {
    const p = await newPlayer(env.deps);
    const purchase = await fixturePurchase(env.deps, { userId: p.user.id, price: { currency: 'cash', amount: 100 }, grants: { gold: 50 } });
    expectRefused(await p.caller.admin.shop.refund({ purchaseId: purchase.id, reason: 'mine' }).catch((e: unknown) => e), 'admin_required');
    const { callerFor } = await import('../../test/harness');
    expectRefused(
      await callerFor(env.deps)
        .admin.shop.refund({ purchaseId: purchase.id, reason: 'mine' })
        .catch((e: unknown) => e),
      'token_missing',
    );
    expect(await purchaseRow(purchase.id)).toMatchObject({ status: 'completed' });
    expect(await chargeStatus(purchase.chargeId)).toBe('captured');
  });
});

describe('refund races', () => {
  it('10 concurrent refunds of one purchase claw back once', async () => {
    const p = await newPlayer(env.deps);
    const purchase = await fixturePurchase(env.deps, {
      userId: p.user.id,
      price: { currency: 'cash', amount: 799 },
      grants: { gold: 700, gems: 70, items: [{ itemId: 'race_gem', quantity: 1 }] },
    });
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        i % 2
          ? admin.caller.admin.shop.refund({ purchaseId: purchase.id, reason: `admin ${i}` })
          : refundPurchase(env.deps, { purchaseId: purchase.id, reason: `webhook ${i}`, source: { kind: 'webhook', eventId: `evt_${i}` } }),
      ),
    );
    expect(results.filter((r) => !r.idempotent)).toHaveLength(1);
    for (const r of results) expect(r.clawedBack).toEqual({ gold: 700, gems: 70, items: [{ itemId: 'race_gem', quantity: 1 }] });
    expect(await refundLedger(p.user.id)).toHaveLength(2);
    expect(await balanceOf(p.user.id)).toEqual({ gold: 1000, gems: 0 });
    expect(await itemsOf(p.user.id, 'race_gem')).toBe(0);
  });

  it('a refund while the player spends: the ledger holds and the debt is exactly what was spent of the grant', async () => {
    for (let round = 0; round < 3; round++) {
      const p = await newPlayer(env.deps); // 1000 gold
      const purchase = await fixturePurchase(env.deps, {
        userId: p.user.id,
        price: { currency: 'cash', amount: 499 },
        grants: { gold: 500 },
      });
      const spends = Array.from({ length: 20 }, () =>
        spend(p.user.id, 100).then(
          () => true,
          (e: unknown) => {
            if (isDomainError(e) && e.reason === 'insufficient_funds') return false;
            throw e;
          },
        ),
      );
      const [refund, ...spent] = await Promise.all([
        admin.caller.admin.shop.refund({ purchaseId: purchase.id, reason: `race ${round}` }),
        ...spends,
      ]);
      const spentGold = spent.filter(Boolean).length * 100;
      const taken = refund.clawedBack.gold ?? 0;
      const debt = refund.debt?.gold ?? 0;
      expect(taken + debt).toBe(500);
      const { gold } = (await balanceOf(p.user.id)) ?? { gold: -1 };
      expect(gold).toBe(1500 - spentGold - taken);
      expect(gold).toBeGreaterThanOrEqual(0);
      const ledger = await refundLedger(p.user.id);
      if (debt > 0) {
        // It took everything there was at that moment (nothing at all if the spends had emptied the balance).
        expect(ledger.map((l) => [l.delta, l.balanceAfter])).toEqual(taken > 0 ? [[-taken, 0]] : []);
        expect(refund.flaggedForReview).toBe(true);
      } else {
        expect(ledger.map((l) => l.delta)).toEqual([-500]);
      }
      expect((await admin.caller.admin.economy.reconcile()).violations).toEqual([]);
    }
  });
});
