import { promoCodes, purchases, shopProducts, users, walletLedger } from '@casino/db';
import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { seedCatalog } from '../../services/shop/catalog';
import { createTestEnv, editUser, newAdmin, newPlayer, type TestEnv, uniqueName } from '../../test/harness';
import { expectRefused } from '../../test/reference';

let env: TestEnv;
let admin: Awaited<ReturnType<typeof newAdmin>>;
beforeAll(async () => {
  env = await createTestEnv({ maxConnections: 40 });
  admin = await newAdmin(env.deps);
  await seedCatalog(env.deps);
});
afterEach(async () => {
  expect((await admin.caller.admin.economy.reconcile()).violations).toEqual([]);
});
afterAll(() => env.close());

let keySeq = 0;
const key = () => `key-${process.pid}-${++keySeq}-${Math.random().toString(36).slice(2)}`;
const sku = () => uniqueName('sku').replace(/[^a-z0-9_]/g, '');

async function fund(userId: number, currency: 'gold' | 'gems', delta: number) {
  await admin.caller.admin.users.adjustBalance({ userId, currency, delta, reason: 'test funding' });
}

async function product(overrides: Record<string, unknown> = {}) {
  const s = sku();
  await admin.caller.admin.shop.products.create({
    sku: s,
    name: `Test ${s}`,
    kind: 'gold_pack',
    price: { currency: 'gems', amount: 10 },
    grants: { gold: 1000 },
    ...overrides,
  } as Parameters<typeof admin.caller.admin.shop.products.create>[0]);
  return s;
}

const stockOf = async (s: string) => (await env.deps.db.select().from(shopProducts).where(eq(shopProducts.sku, s)))[0];
const balanceOf = async (userId: number) =>
  (await env.deps.db.select({ gold: users.gold, gems: users.gems }).from(users).where(eq(users.id, userId)))[0];

describe('economy.shop.catalog', () => {
  it('lists the seeded starter catalog with the effective price, limited fields and the rank refusal', async () => {
    const p = await newPlayer(env.deps);
    const { products } = await p.caller.economy.shop.catalog();
    const bySku = new Map(products.map((x) => [x.sku, x]));
    expect(bySku.get('gold_1000')?.price).toEqual({ currency: 'gems', amount: 10, effective: 10 });
    // 25% off 100 gems while the discount runs.
    expect(bySku.get('gold_12000')?.price.effective).toBe(75);
    expect(bySku.get('gold_12000')?.discountPercent).toBe(25);
    expect(bySku.get('gems_100')?.price.currency).toBe('cash');
    expect(bySku.get('vip_bundle')).toMatchObject({ available: false, unavailableReason: 'RANK_REQUIRED', minRank: 'VIP' });
    expect(bySku.get('launch_pack')?.limited).toMatchObject({ stockTotal: 1000, perUserLimit: 1, userRemaining: 1, disabled: false });
    expect(bySku.get('launch_pack')?.available).toBe(true);
    // Seeding again adds nothing and keeps admin edits.
    await admin.caller.admin.shop.products.update({ sku: 'gold_1000', name: 'Edited by admin' });
    expect(await seedCatalog(env.deps)).toBe(0);
    expect((await stockOf('gold_1000'))?.name).toBe('Edited by admin');
  });
});

describe('economy.shop.buy — gold and gems', () => {
  it('buys a gold pack with gems: one debit, one grant, the purchase recorded and paged', async () => {
    const p = await newPlayer(env.deps);
    await fund(p.user.id, 'gems', 25);
    const res = await p.caller.economy.shop.buy({ sku: 'gold_1000', quantity: 2, idempotencyKey: key() });
    expect(res).toMatchObject({
      status: 'completed',
      amount: 20,
      currency: 'gems',
      granted: { gold: 2000 },
      idempotent: false,
      chargeId: null,
    });
    expect(res.balance).toEqual({ gold: 3000, gems: 5 });
    const ledger = await env.deps.db
      .select()
      .from(walletLedger)
      .where(and(eq(walletLedger.userId, p.user.id), eq(walletLedger.refId, res.purchaseId)));
    expect(ledger.map((l) => [l.reason, l.currency, l.delta]).sort()).toEqual([
      ['shop_grant', 'gold', 2000],
      ['shop_purchase', 'gems', -20],
    ]);
    const page = await p.caller.economy.shop.purchases({ limit: 10 });
    expect(page.items[0]).toMatchObject({ id: res.purchaseId, sku: 'gold_1000', status: 'completed', amount: 20, quantity: 2 });
  });

  it('the same key 50 times at once charges once and every answer is the first one', async () => {
    const p = await newPlayer(env.deps);
    await fund(p.user.id, 'gems', 100);
    const k = key();
    const results = await Promise.all(
      Array.from({ length: 50 }, () => p.caller.economy.shop.buy({ sku: 'gold_1000', quantity: 1, idempotencyKey: k })),
    );
    expect(new Set(results.map((r) => r.purchaseId)).size).toBe(1);
    expect(results.filter((r) => !r.idempotent)).toHaveLength(1);
    const strip = ({ idempotent: _, ...r }: (typeof results)[number]) => r;
    for (const r of results) expect(strip(r)).toEqual(strip(results[0] as (typeof results)[number]));
    expect(await balanceOf(p.user.id)).toEqual({ gold: 2000, gems: 90 });
    expect(await env.deps.db.select().from(purchases).where(eq(purchases.userId, p.user.id))).toHaveLength(1);
  });

  it('the same key with a different request is CONFLICT idempotency_conflict and changes nothing', async () => {
    const p = await newPlayer(env.deps);
    await fund(p.user.id, 'gems', 100);
    const k = key();
    await p.caller.economy.shop.buy({ sku: 'gold_1000', quantity: 1, idempotencyKey: k });
    await expect(p.caller.economy.shop.buy({ sku: 'gold_1000', quantity: 2, idempotencyKey: k })).rejects.toSatisfy((e) => {
      expectRefused(e, 'idempotency_conflict');
      return true;
    });
    await expect(p.caller.economy.shop.buy({ sku: 'gold_5500', quantity: 1, idempotencyKey: k })).rejects.toThrow();
    expect(await balanceOf(p.user.id)).toEqual({ gold: 2000, gems: 90 });
    // Another player may use the same key text: keys are per user.
    const q = await newPlayer(env.deps);
    await fund(q.user.id, 'gems', 10);
    expect((await q.caller.economy.shop.buy({ sku: 'gold_1000', quantity: 1, idempotencyKey: k })).idempotent).toBe(false);
  });

  it('a refusal is stored: the same key answers the same refusal even once the buyer could afford it', async () => {
    const p = await newPlayer(env.deps);
    const k = key();
    const first = await p.caller.economy.shop.buy({ sku: 'gold_1000', quantity: 1, idempotencyKey: k }).catch((e) => e);
    expectRefused(first, 'INSUFFICIENT_FUNDS');
    await fund(p.user.id, 'gems', 50);
    const again = await p.caller.economy.shop.buy({ sku: 'gold_1000', quantity: 1, idempotencyKey: k }).catch((e) => e);
    expectRefused(again, 'INSUFFICIENT_FUNDS');
    expect(await balanceOf(p.user.id)).toEqual({ gold: 1000, gems: 50 });
    // A fresh key buys.
    await p.caller.economy.shop.buy({ sku: 'gold_1000', quantity: 1, idempotencyKey: key() });
    expect(await balanceOf(p.user.id)).toEqual({ gold: 2000, gems: 40 });
  });

  it('overspend race: 100 gems, 20 purchases of 10 at once → exactly 10, the rest INSUFFICIENT_FUNDS, none a 5xx', async () => {
    const p = await newPlayer(env.deps);
    await fund(p.user.id, 'gems', 100);
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => p.caller.economy.shop.buy({ sku: 'gold_1000', quantity: 1, idempotencyKey: key() })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(10);
    for (const r of results) if (r.status === 'rejected') expectRefused(r.reason, 'INSUFFICIENT_FUNDS');
    expect(await balanceOf(p.user.id)).toEqual({ gold: 11_000, gems: 0 });
  });

  it('grants items to the inventory', async () => {
    const s = await product({
      kind: 'item',
      price: { currency: 'gold', amount: 100 },
      grants: { items: [{ itemId: 'test_charm', quantity: 2 }] },
    });
    const p = await newPlayer(env.deps);
    const res = await p.caller.economy.shop.buy({ sku: s, quantity: 3, idempotencyKey: key() });
    expect(res.granted).toEqual({ items: [{ itemId: 'test_charm', quantity: 6 }] });
    expect(res.balance.gold).toBe(700);
    const { userItems } = await import('@casino/db');
    const [item] = await env.deps.db
      .select()
      .from(userItems)
      .where(and(eq(userItems.userId, p.user.id), eq(userItems.itemId, 'test_charm')));
    expect(item?.quantity).toBe(6);
  });
});

describe('limited packages', () => {
  it('50 buyers race for 10 units: exactly 10 sales, 40 OUT_OF_STOCK, stock reconciled', async () => {
    const s = await product({ price: { currency: 'gold', amount: 100 }, limited: { stock: 10 } });
    const buyers = await Promise.all(Array.from({ length: 50 }, () => newPlayer(env.deps)));
    const results = await Promise.allSettled(buyers.map((b) => b.caller.economy.shop.buy({ sku: s, quantity: 1, idempotencyKey: key() })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(10);
    for (const r of results) if (r.status === 'rejected') expectRefused(r.reason, 'OUT_OF_STOCK');
    expect((await stockOf(s))?.stockSold).toBe(10);
    const [status] = (await admin.caller.admin.shop.limited.status()).filter((x) => x.sku === s);
    expect(status).toMatchObject({ stockTotal: 10, stockSold: 10, unitsInPurchases: 10, reserved: 0 });
    const { products } = await (buyers[0] as (typeof buyers)[number]).caller.economy.shop.catalog();
    expect(products.find((x) => x.sku === s)).toMatchObject({ available: false, limited: { stockLeft: 0 } });
  });

  it('per-user limit raced: one buyer, 10 purchases at once of a limit-2 package → exactly 2', async () => {
    const s = await product({ price: { currency: 'gold', amount: 10 }, limited: { stock: 100, perUserLimit: 2 } });
    const p = await newPlayer(env.deps);
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, () => p.caller.economy.shop.buy({ sku: s, quantity: 1, idempotencyKey: key() })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(2);
    for (const r of results) if (r.status === 'rejected') expectRefused(r.reason, 'USER_LIMIT');
    // Each limited product counts its own purchases (one grouped query for all of them).
    const bySku = new Map((await admin.caller.admin.shop.limited.status()).map((x) => [x.sku, x]));
    expect(bySku.get(s)).toMatchObject({ stockTotal: 100, stockSold: 2, unitsInPurchases: 2 });
    expect(bySku.get('launch_pack')).toMatchObject({ stockTotal: 1000, unitsInPurchases: 0 });
    const { products } = await p.caller.economy.shop.catalog();
    expect(products.find((x) => x.sku === s)).toMatchObject({
      available: false,
      unavailableReason: 'USER_LIMIT',
      limited: { userRemaining: 0 },
    });
  });

  it('a Redis flush between reserve and finalize never oversells', async () => {
    const s = await product({ price: { currency: 'gold', amount: 10 }, limited: { stock: 3 } });
    const buyers = await Promise.all(Array.from({ length: 6 }, () => newPlayer(env.deps)));
    // Two buyers hold reservations, then Redis loses them.
    expect(await env.deps.kv.reserve(`shop:stock:${s}`, 'ghost-a', 1, 3, 60_000)).toBe(true);
    await env.kv.flush();
    const results = await Promise.allSettled(buyers.map((b) => b.caller.economy.shop.buy({ sku: s, quantity: 1, idempotencyKey: key() })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    for (const r of results) if (r.status === 'rejected') expectRefused(r.reason, 'OUT_OF_STOCK');
    expect((await stockOf(s))?.stockSold).toBe(3);
  });

  it('emergency disable, sale window and restock', async () => {
    const s = await product({ price: { currency: 'gold', amount: 10 }, limited: { stock: 1 } });
    const p = await newPlayer(env.deps);
    await admin.caller.admin.shop.limited.disable({ sku: s, reason: 'pricing error' });
    expectRefused(await p.caller.economy.shop.buy({ sku: s, quantity: 1, idempotencyKey: key() }).catch((e) => e), 'DISABLED');
    await admin.caller.admin.shop.limited.enable({ sku: s });
    await p.caller.economy.shop.buy({ sku: s, quantity: 1, idempotencyKey: key() });
    expectRefused(await p.caller.economy.shop.buy({ sku: s, quantity: 1, idempotencyKey: key() }).catch((e) => e), 'OUT_OF_STOCK');
    expect(await admin.caller.admin.shop.limited.restock({ sku: s, add: 2 })).toEqual({ sku: s, stockTotal: 3, stockSold: 1 });
    await p.caller.economy.shop.buy({ sku: s, quantity: 2, idempotencyKey: key() });

    const later = await product({
      price: { currency: 'gold', amount: 10 },
      limited: { stock: 5, startsAt: new Date(Date.now() + 3600_000) },
    });
    expectRefused(await p.caller.economy.shop.buy({ sku: later, quantity: 1, idempotencyKey: key() }).catch((e) => e), 'WINDOW_CLOSED');
    const over = await product({
      price: { currency: 'gold', amount: 10 },
      limited: { stock: 5, endsAt: new Date(Date.now() - 1000), startsAt: new Date(Date.now() - 3600_000) },
    });
    expectRefused(await p.caller.economy.shop.buy({ sku: over, quantity: 1, idempotencyKey: key() }).catch((e) => e), 'WINDOW_CLOSED');
    expectRefused(await admin.caller.admin.shop.limited.disable({ sku: 'gold_1000' }).catch((e) => e), 'not_limited');
    // 3 units sold at 10 gold, each granting 1,000.
    expect(await balanceOf(p.user.id)).toEqual({ gold: 1000 - 30 + 3000, gems: 0 });
  });
});

describe('promo codes', () => {
  const code = () => `P${Math.random().toString(36).slice(2, 10).toUpperCase()}`;

  it('percent and fixed codes, quoted live, applied once each, case-insensitive', async () => {
    const pct = code();
    const fixed = code();
    await admin.caller.admin.shop.promos.create({ code: pct, kind: 'percent', value: 20 });
    await admin.caller.admin.shop.promos.create({ code: fixed, kind: 'fixed', value: 3 });
    const p = await newPlayer(env.deps);
    await fund(p.user.id, 'gems', 100);
    expect(await p.caller.economy.shop.quote({ sku: 'gold_5500', quantity: 1, promoCode: pct.toLowerCase() })).toMatchObject({
      valid: true,
      amount: 50,
      discount: 10,
      total: 40,
    });
    expect(await p.caller.economy.shop.quote({ sku: 'gold_5500', quantity: 1, promoCode: 'NOPE_NOPE' })).toMatchObject({
      valid: false,
      reason: 'PROMO_INVALID',
      total: 50,
    });
    const a = await p.caller.economy.shop.buy({ sku: 'gold_5500', quantity: 1, idempotencyKey: key(), promoCode: pct });
    expect(a.amount).toBe(40);
    const b = await p.caller.economy.shop.buy({ sku: 'gold_1000', quantity: 1, idempotencyKey: key(), promoCode: fixed });
    expect(b.amount).toBe(7);
    const [row] = await env.deps.db.select().from(promoCodes).where(eq(promoCodes.code, pct));
    expect(row?.usedCount).toBe(1);
  });

  it('the last use raced by 20 buyers is used exactly once', async () => {
    const c = code();
    await admin.caller.admin.shop.promos.create({ code: c, kind: 'percent', value: 50, maxUses: 1 });
    const buyers = await Promise.all(Array.from({ length: 20 }, () => newPlayer(env.deps)));
    const s = await product({ price: { currency: 'gold', amount: 100 } });
    const results = await Promise.allSettled(
      buyers.map((b) => b.caller.economy.shop.buy({ sku: s, quantity: 1, idempotencyKey: key(), promoCode: c })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expectRefused(r.reason, 'PROMO_EXHAUSTED');
    const [row] = await env.deps.db.select().from(promoCodes).where(eq(promoCodes.code, c));
    expect(row?.usedCount).toBe(1);
  });

  it('per-user-once, expired, inactive and unknown codes refuse and change nothing', async () => {
    const once = code();
    const expired = code();
    const inactive = code();
    await admin.caller.admin.shop.promos.create({ code: once, kind: 'fixed', value: 1, perUserOnce: true });
    await admin.caller.admin.shop.promos.create({
      code: expired,
      kind: 'fixed',
      value: 1,
      startsAt: new Date(Date.now() - 7200_000),
      endsAt: new Date(Date.now() - 3600_000),
    });
    await admin.caller.admin.shop.promos.create({ code: inactive, kind: 'fixed', value: 1, isActive: false });
    const p = await newPlayer(env.deps);
    const s = await product({ price: { currency: 'gold', amount: 10 } });
    await p.caller.economy.shop.buy({ sku: s, quantity: 1, idempotencyKey: key(), promoCode: once });
    const results = await Promise.allSettled(
      [once, once, expired, inactive, 'UNKNOWN_CODE'].map((c) =>
        p.caller.economy.shop.buy({ sku: s, quantity: 1, idempotencyKey: key(), promoCode: c }),
      ),
    );
    const reasons = results.map((r) => (r.status === 'rejected' ? (r.reason.cause?.reason as string) : 'ok'));
    expect(reasons).toEqual(['PROMO_INVALID', 'PROMO_INVALID', 'PROMO_EXPIRED', 'PROMO_INVALID', 'PROMO_INVALID']);
    expect(await balanceOf(p.user.id)).toEqual({ gold: 1000 - 9 + 1000, gems: 0 });
  });
});

describe('refusals', () => {
  it('rank, inactive product, unknown sku, token rules: each a typed refusal that changes nothing', async () => {
    const p = await newPlayer(env.deps);
    const vip = await product({ minRank: 'VIP', price: { currency: 'gold', amount: 10 } });
    const off = await product({ isActive: false, price: { currency: 'gold', amount: 10 } });
    const cash = await product({ kind: 'gem_pack', price: { currency: 'cash', amount: 99 }, grants: { gems: 100 } });
    const cases: [() => Promise<unknown>, string][] = [
      [() => p.caller.economy.shop.buy({ sku: vip, quantity: 1, idempotencyKey: key() }), 'RANK_REQUIRED'],
      [() => p.caller.economy.shop.buy({ sku: off, quantity: 1, idempotencyKey: key() }), 'DISABLED'],
      [() => p.caller.economy.shop.buy({ sku: 'no_such_sku', quantity: 1, idempotencyKey: key() }), 'product_not_found'],
      [() => p.caller.economy.shop.buy({ sku: cash, quantity: 1, idempotencyKey: key() }), 'payment_token_required'],
      [
        () => p.caller.economy.shop.buy({ sku: vip, quantity: 1, idempotencyKey: key(), paymentToken: 'tok_visa' }),
        'payment_token_not_allowed',
      ],
    ];
    for (const [call, reason] of cases) expectRefused(await call().catch((e) => e), reason);
    expect(await balanceOf(p.user.id)).toEqual({ gold: 1000, gems: 0 });
    await editUser(env.deps, p.user.id, { rank: 'VIP' });
    const vipPlayer = await p.caller.auth.me();
    expect(vipPlayer.rank).toBe('VIP');
  });

  it('admin procedures refuse players; admin mutations are audited', async () => {
    const p = await newPlayer(env.deps);
    expectRefused(await p.caller.admin.shop.products.list().catch((e) => e), 'admin_required');
    expectRefused(
      await p.caller.admin.shop.products
        .create({ sku: sku(), name: 'Hack', kind: 'gold_pack', price: { currency: 'gems', amount: 1 }, grants: { gold: 1 } })
        .catch((e) => e),
      'admin_required',
    );
    const s = await product();
    await admin.caller.admin.shop.products.update({ sku: s, price: { currency: 'gems', amount: 12 } });
    const audit = await admin.caller.admin.audit.list({ targetType: 'product', targetId: s, limit: 10 });
    expect(audit.items.map((a) => a.action).sort()).toEqual(['shop.product.create', 'shop.product.update']);
    expectRefused(
      await admin.caller.admin.shop.products
        .create({ sku: s, name: 'Dup', kind: 'gold_pack', price: { currency: 'gems', amount: 1 }, grants: { gold: 1 } })
        .catch((e) => e),
      'sku_taken',
    );
    const page = await admin.caller.admin.shop.purchases({ userId: admin.user.id, limit: 5 });
    expect(page.items).toEqual([]);
  });
});

describe('idempotency keys', () => {
  it('are kept at least 24 h: the prune removes finished keys older than 48 h only', async () => {
    const { idempotencyKeys } = await import('@casino/db');
    const { pruneIdempotencyKeys } = await import('../../services/shop/idempotency');
    const p = await newPlayer(env.deps);
    await fund(p.user.id, 'gems', 20);
    const young = key();
    const old = key();
    await p.caller.economy.shop.buy({ sku: 'gold_1000', quantity: 1, idempotencyKey: young });
    await p.caller.economy.shop.buy({ sku: 'gold_1000', quantity: 1, idempotencyKey: old });
    const hours = (h: number) => new Date(Date.now() - h * 3600_000);
    await env.deps.db
      .update(idempotencyKeys)
      .set({ createdAt: hours(30) })
      .where(eq(idempotencyKeys.key, young));
    await env.deps.db
      .update(idempotencyKeys)
      .set({ createdAt: hours(49) })
      .where(eq(idempotencyKeys.key, old));
    expect(await pruneIdempotencyKeys(env.deps.db, new Date())).toBeGreaterThanOrEqual(1);
    const left = await env.deps.db.select().from(idempotencyKeys).where(eq(idempotencyKeys.userId, p.user.id));
    expect(left.map((k) => k.key)).toEqual([young]);
    // 30 hours later the young key still replays the purchase instead of buying again.
    expect((await p.caller.economy.shop.buy({ sku: 'gold_1000', quantity: 1, idempotencyKey: young })).idempotent).toBe(true);
    expect(await balanceOf(p.user.id)).toEqual({ gold: 3000, gems: 0 });
  });
});
