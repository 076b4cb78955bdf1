/**
 * Cash purchases through the sandbox gateway: the documented test tokens, and a process
 * that dies between authorize and capture (or between capture and the grant), repaired by
 * the sweeper without ever granting twice.
 */
import { promoCodes, purchases, sandboxCharges, shopProducts, users } from '@casino/db';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PaymentGateway } from '../../services/payments/gateway';
import { createSandboxGateway } from '../../services/payments/sandbox';
import { repairPurchase, sweepOnce } from '../../services/shop/repair';
import { createTestEnv, newAdmin, newPlayer, type TestEnv, uniqueName } from '../../test/harness';
import { expectRefused } from '../../test/reference';

/** The sandbox with a switch that makes this process "die" at a chosen step. */
const faults: { dieBefore: 'capture' | null; dieAfter: 'capture' | null } = { dieBefore: null, dieAfter: null };
class ProcessDied extends Error {}
function faultyGateway(db: Parameters<typeof createSandboxGateway>[0]): PaymentGateway {
  const real = createSandboxGateway(db);
  return {
    ...real,
    async capture(id) {
      if (faults.dieBefore === 'capture') throw new ProcessDied('died before capture');
      const res = await real.capture(id);
      if (faults.dieAfter === 'capture') throw new ProcessDied('died after capture');
      return res;
    },
  };
}

let env: TestEnv;
let admin: Awaited<ReturnType<typeof newAdmin>>;
let gemPack: string;
let limitedCash: string;
let bpSku: string;
beforeAll(async () => {
  env = await createTestEnv({ maxConnections: 30, payments: faultyGateway });
  admin = await newAdmin(env.deps);
  gemPack = uniqueName('gems').replace(/[^a-z0-9_]/g, '');
  await admin.caller.admin.shop.products.create({
    sku: gemPack,
    name: 'Gems',
    kind: 'gem_pack',
    price: { currency: 'cash', amount: 499 },
    grants: { gems: 550 },
  });
  limitedCash = uniqueName('lim').replace(/[^a-z0-9_]/g, '');
  await admin.caller.admin.shop.products.create({
    sku: limitedCash,
    name: 'Limited',
    kind: 'bundle',
    price: { currency: 'cash', amount: 199 },
    grants: { gold: 5000, gems: 50 },
    limited: { stock: 5, perUserLimit: 5 },
  });
  bpSku = uniqueName('bp').replace(/[^a-z0-9_]/g, '');
  await admin.caller.admin.shop.products.create({
    sku: bpSku,
    name: 'Pass',
    kind: 'battlepass_premium',
    price: { currency: 'cash', amount: 999 },
    grants: { battlepassPremium: true },
  });
  await admin.caller.admin.shop.promos.create({ code: 'CASHPROMO', kind: 'percent', value: 10, maxUses: 100 });
});
afterEach(async () => {
  faults.dieBefore = null;
  faults.dieAfter = null;
  expect((await admin.caller.admin.economy.reconcile()).violations).toEqual([]);
});
afterAll(() => env.close());

let seq = 0;
const key = () => `pay-${process.pid}-${++seq}-${Math.random().toString(36).slice(2)}`;
const balanceOf = async (userId: number) =>
  (await env.deps.db.select({ gold: users.gold, gems: users.gems }).from(users).where(eq(users.id, userId)))[0];
const soldOf = async (sku: string) => (await env.deps.db.select().from(shopProducts).where(eq(shopProducts.sku, sku)))[0]?.stockSold;
const promoUses = async () => (await env.deps.db.select().from(promoCodes).where(eq(promoCodes.code, 'CASHPROMO')))[0]?.usedCount;
const chargesOf = (purchaseId: string) => env.deps.db.select().from(sandboxCharges).where(eq(sandboxCharges.reference, purchaseId));

describe('sandbox gateway test tokens', () => {
  it('tok_visa: authorized, captured, granted, with the charge id', async () => {
    const p = await newPlayer(env.deps);
    const res = await p.caller.economy.shop.buy({
      sku: gemPack,
      quantity: 1,
      idempotencyKey: key(),
      paymentToken: 'tok_visa',
      promoCode: 'CASHPROMO',
    });
    expect(res).toMatchObject({ status: 'completed', currency: 'cash', amount: 450, granted: { gems: 550 } });
    expect(res.chargeId).toMatch(/^ch_sbx_/);
    expect(res.balance.gems).toBe(550);
    expect((await chargesOf(res.purchaseId)).map((c) => [c.status, c.amountCents])).toEqual([['captured', 450]]);
  });

  it('tok_declined: PAYMENT_DECLINED, and no grant, no stock, no promo use; the same key replays the refusal', async () => {
    const p = await newPlayer(env.deps);
    const [sold, uses] = [await soldOf(limitedCash), await promoUses()];
    const k = key();
    const input = { sku: limitedCash, quantity: 1, idempotencyKey: k, paymentToken: 'tok_declined', promoCode: 'CASHPROMO' };
    expectRefused(await p.caller.economy.shop.buy(input).catch((e) => e), 'PAYMENT_DECLINED');
    expectRefused(await p.caller.economy.shop.buy(input).catch((e) => e), 'PAYMENT_DECLINED');
    expect(await balanceOf(p.user.id)).toEqual({ gold: 1000, gems: 0 });
    expect([await soldOf(limitedCash), await promoUses()]).toEqual([sold, uses]);
    const [row] = await env.deps.db.select().from(purchases).where(eq(purchases.idempotencyKey, k));
    expect(row).toMatchObject({ status: 'failed', failureReason: 'PAYMENT_DECLINED' });
    expect(await env.deps.kv.reserved(`shop:stock:${limitedCash}`)).toBe(0);
  });

  it('tok_capture_fail: authorized then PAYMENT_FAILED at capture; the authorization is released and nothing changes', async () => {
    const p = await newPlayer(env.deps);
    const [sold, uses] = [await soldOf(limitedCash), await promoUses()];
    const k = key();
    expectRefused(
      await p.caller.economy.shop
        .buy({ sku: limitedCash, quantity: 2, idempotencyKey: k, paymentToken: 'tok_capture_fail', promoCode: 'CASHPROMO' })
        .catch((e) => e),
      'PAYMENT_FAILED',
    );
    expect(await balanceOf(p.user.id)).toEqual({ gold: 1000, gems: 0 });
    expect([await soldOf(limitedCash), await promoUses()]).toEqual([sold, uses]);
    const [row] = await env.deps.db.select().from(purchases).where(eq(purchases.idempotencyKey, k));
    expect(row?.status).toBe('failed');
    expect((await chargesOf(row?.id ?? '')).map((c) => c.status)).toEqual(['failed']);
  });
});

describe('the sweeper repairs a purchase whose process died', () => {
  it('died between authorize and capture → voided and failed, stock and promo given back, the key answers PAYMENT_FAILED', async () => {
    const p = await newPlayer(env.deps);
    const [sold, uses] = [await soldOf(limitedCash), await promoUses()];
    const k = key();
    const input = { sku: limitedCash, quantity: 1, idempotencyKey: k, paymentToken: 'tok_visa', promoCode: 'CASHPROMO' };
    faults.dieBefore = 'capture';
    await expect(p.caller.economy.shop.buy(input)).rejects.toThrow(/died before capture/);
    const [row] = await env.deps.db.select().from(purchases).where(eq(purchases.idempotencyKey, k));
    expect(row?.status).toBe('authorized');
    // Held while in flight: the stock and the promo use are taken.
    expect([await soldOf(limitedCash), await promoUses()]).toEqual([(sold ?? 0) + 1, (uses ?? 0) + 1]);
    // Not stale yet: a sweep leaves it alone.
    expect(await sweepOnce(env.deps)).toMatchObject({ completed: 0, failed: 0 });
    faults.dieBefore = null;
    expect(await repairPurchase(env.deps, row?.id ?? '', { force: true })).toBe('failed');
    expect((await chargesOf(row?.id ?? '')).map((c) => c.status)).toEqual(['voided']);
    expect([await soldOf(limitedCash), await promoUses()]).toEqual([sold, uses]);
    expect(await balanceOf(p.user.id)).toEqual({ gold: 1000, gems: 0 });
    expectRefused(await p.caller.economy.shop.buy(input).catch((e) => e), 'PAYMENT_FAILED');
  });

  it('died after capture, before the grant → completed once by the sweeper, even with several sweepers at once; the retry gets the purchase', async () => {
    const p = await newPlayer(env.deps);
    const k = key();
    const input = { sku: gemPack, quantity: 1, idempotencyKey: k, paymentToken: 'tok_visa' };
    faults.dieAfter = 'capture';
    await expect(p.caller.economy.shop.buy(input)).rejects.toThrow(/died after capture/);
    faults.dieAfter = null;
    const [row] = await env.deps.db.select().from(purchases).where(eq(purchases.idempotencyKey, k));
    expect(row?.status).toBe('authorized');
    expect(await balanceOf(p.user.id)).toEqual({ gold: 1000, gems: 0 });
    const outcomes = await Promise.all(Array.from({ length: 5 }, () => repairPurchase(env.deps, row?.id ?? '', { force: true })));
    expect(outcomes.filter((o) => o === 'completed')).toHaveLength(1);
    expect(await balanceOf(p.user.id)).toEqual({ gold: 1000, gems: 550 });
    const again = await p.caller.economy.shop.buy(input);
    expect(again).toMatchObject({ purchaseId: row?.id, idempotent: true, granted: { gems: 550 } });
    expect(await balanceOf(p.user.id)).toEqual({ gold: 1000, gems: 550 });
  });

  it('a retry under the same key after the process died settles the purchase itself (no waiting for the sweeper)', async () => {
    const p = await newPlayer(env.deps);
    const input = { sku: gemPack, quantity: 1, idempotencyKey: key(), paymentToken: 'tok_visa' };
    faults.dieAfter = 'capture';
    await expect(p.caller.economy.shop.buy(input)).rejects.toThrow(/died after capture/);
    faults.dieAfter = null;
    const res = await p.caller.economy.shop.buy(input);
    expect(res.granted).toEqual({ gems: 550 });
    expect(await balanceOf(p.user.id)).toEqual({ gold: 1000, gems: 550 });
  });

  it('the periodic sweep picks up stale purchases once they are older than staleAfterMs', async () => {
    const p = await newPlayer(env.deps);
    const k = key();
    faults.dieAfter = 'capture';
    await expect(p.caller.economy.shop.buy({ sku: gemPack, quantity: 2, idempotencyKey: k, paymentToken: 'tok_visa' })).rejects.toThrow(
      /died after capture/,
    );
    faults.dieAfter = null;
    await env.deps.db
      .update(purchases)
      .set({ updatedAt: new Date(Date.now() - env.deps.config.shop.staleAfterMs - 1000) })
      .where(eq(purchases.idempotencyKey, k));
    const swept = await sweepOnce(env.deps);
    expect(swept.completed).toBeGreaterThanOrEqual(1);
    expect(await balanceOf(p.user.id)).toEqual({ gold: 1000, gems: 1100 });
  });
});

describe('fraud rules on purchases', () => {
  it('a hard block refuses with FRAUD_BLOCKED and changes nothing; a review lets it through and lists it for an admin', async () => {
    await admin.caller.admin.fraud.thresholds.set({ review: 30, softBlock: 60, hardBlock: 100, softBlockCooldownSeconds: 600 });
    await admin.caller.admin.fraud.rules.upsert({
      id: 'test_block_7777',
      condition: { feature: 'amount', op: 'eq', value: 7777 },
      score: 100,
    });
    await admin.caller.admin.fraud.rules.upsert({
      id: 'test_review_6666',
      condition: { feature: 'amount', op: 'eq', value: 6666 },
      score: 30,
    });
    const blocked = uniqueName('blk').replace(/[^a-z0-9_]/g, '');
    const reviewed = uniqueName('rev').replace(/[^a-z0-9_]/g, '');
    await admin.caller.admin.shop.products.create({
      sku: blocked,
      name: 'Big',
      kind: 'gem_pack',
      price: { currency: 'cash', amount: 7777 },
      grants: { gems: 9000 },
    });
    await admin.caller.admin.shop.products.create({
      sku: reviewed,
      name: 'Mid',
      kind: 'gem_pack',
      price: { currency: 'cash', amount: 6666 },
      grants: { gems: 8000 },
    });
    const p = await newPlayer(env.deps);

    const k = key();
    expectRefused(
      await p.caller.economy.shop.buy({ sku: blocked, quantity: 1, idempotencyKey: k, paymentToken: 'tok_visa' }).catch((e) => e),
      'FRAUD_BLOCKED',
    );
    expect(await balanceOf(p.user.id)).toEqual({ gold: 1000, gems: 0 });
    expect(await env.deps.db.select().from(purchases).where(eq(purchases.userId, p.user.id))).toEqual([]);

    const res = await p.caller.economy.shop.buy({ sku: reviewed, quantity: 1, idempotencyKey: key(), paymentToken: 'tok_visa' });
    expect(res.granted).toEqual({ gems: 8000 });
    const [row] = await env.deps.db.select().from(purchases).where(eq(purchases.id, res.purchaseId));
    const open = await admin.caller.admin.fraud.decisions.list({ userId: p.user.id, reviewStatus: 'open', limit: 10 });
    expect(open.items.map((d) => d.id)).toEqual([row?.fraudDecisionId]);
    const all = await admin.caller.admin.fraud.decisions.list({ userId: p.user.id, limit: 10 });
    expect(all.items.map((d) => d.action).sort()).toEqual(['hard_block', 'review']);
  });
});

describe('battle pass premium from the shop', () => {
  it('refused before any charge without a running season; bought by card unlocks premium once; a second is already_owned', async () => {
    const p = await newPlayer(env.deps);
    const k = key();
    expectRefused(
      await p.caller.economy.shop.buy({ sku: bpSku, quantity: 1, idempotencyKey: k, paymentToken: 'tok_visa' }).catch((e) => e),
      'battlepass_no_season',
    );
    const day = 24 * 3600_000;
    await admin.caller.admin.battlepass.createSeason({
      name: 'Shop season',
      startsAt: new Date(Date.now() - day),
      endsAt: new Date(Date.now() + 30 * day),
      maxLevel: 10,
      xpPerLevel: 100,
      levels: [],
    });
    const res = await p.caller.economy.shop.buy({ sku: bpSku, quantity: 1, idempotencyKey: key(), paymentToken: 'tok_visa' });
    expect(res.granted).toEqual({ battlepassPremium: true });
    expect((await p.caller.economy.battlepass.status()).premium).toBe(true);
    expectRefused(
      await p.caller.economy.shop.buy({ sku: bpSku, quantity: 1, idempotencyKey: key(), paymentToken: 'tok_visa' }).catch((e) => e),
      'already_owned',
    );
    const paid = await env.deps.db.select().from(sandboxCharges);
    expect(paid.filter((c) => c.status === 'captured' && c.amountCents === 999).length).toBeGreaterThanOrEqual(1);
    expect((await env.deps.db.select().from(purchases).where(eq(purchases.userId, p.user.id))).map((r) => r.status)).toEqual(['completed']);

    // Refunded: the premium track it unlocked is turned off (nothing claimed with it, so no debt).
    const refund = await admin.caller.admin.shop.refund({ purchaseId: res.purchaseId, reason: 'chargeback' });
    expect(refund).toMatchObject({ clawedBack: { battlepassPremium: true }, debt: null, flaggedForReview: false });
    expect((await p.caller.economy.battlepass.status()).premium).toBe(false);
  });
});
