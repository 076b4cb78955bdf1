/**
 * economy.shop.buy — one purchase, exactly once per idempotency key.
 *
 * Gold/gems products settle in one transaction: stock and promo use claimed in the
 * database, the purchase row, the debit and the grants (one applyChanges statement),
 * items, the stored answer.
 *
 * Cash products go through the gateway, never inside an open transaction:
 *   1. hold   — stock and promo use claimed, purchase `pending` (committed);
 *   2. authorize → `authorized` (a decline releases the hold: PAYMENT_DECLINED);
 *   3. capture  → one transaction grants and completes (a failed capture voids and
 *      releases: PAYMENT_FAILED).
 * A process that dies anywhere in between leaves a pending/authorized purchase the
 * sweeper (repair.ts) completes or voids by asking the gateway; the conditional status
 * updates make "granted twice" impossible. Limited stock is reserved in Redis first
 * (cheap refusals under a rush); the database's conditional update stays the truth.
 */
import { randomUUID } from 'node:crypto';
import {
  battlepassProgress,
  type Db,
  type PurchaseGranted,
  promoCodes,
  promoRedemptions,
  purchases,
  type ShopProduct,
  shopProducts,
  userItems,
  users,
} from '@casino/db';
import { discountedTotal, type TBuyInput, type TBuyResult, type TRank } from '@casino/shared';
import { and, eq, gt, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import { type Deps, inTransaction, type Outbox } from '../../deps';
import { DomainError, isDomainError } from '../../errors';
import { assessPurchase, enforceDecision } from '../fraud';
import { tokenFingerprint } from '../payments/sandbox';
import { runningSeason, unlockBattlepassPremium } from '../progression/battlepass';
import { getBalance } from '../wallet/queries';
import { applyChanges, type WalletEntry } from '../wallet/wallet';
import { discountRunning, HOLDING_STATUSES, isLimited, refusalFor, stockKey, unitsBought } from './catalog';
import { type IdempotencyClaim, runIdempotent, settleClaim } from './idempotency';
import { type PromoQuote, promoError, promoProblem, quotePromo } from './promos';
import { repairPurchase } from './repair';

export type Buyer = { id: number; rank: TRank };
export type BuyMeta = { ip: string | null; deviceId?: string | null };

export const BUY_SCOPE = 'shop.buy';

export async function buy(deps: Deps, buyer: Buyer, meta: BuyMeta, input: TBuyInput): Promise<TBuyResult> {
  const request = {
    sku: input.sku,
    quantity: input.quantity,
    promoCode: input.promoCode ?? null,
    card: input.paymentToken ? tokenFingerprint(input.paymentToken) : null,
  };
  return runIdempotent(
    deps,
    { userId: buyer.id, scope: BUY_SCOPE, key: input.idempotencyKey },
    request,
    (claim) => purchase(deps, buyer, meta, input, claim),
    async (purchaseId) => {
      await repairPurchase(deps, purchaseId, { force: true });
    },
  );
}

type Quote = {
  product: ShopProduct;
  quantity: number;
  unitPrice: number;
  discountPercent: number;
  promo: PromoQuote | null;
  total: number;
  granted: PurchaseGranted;
  fraudDecisionId?: number;
};

async function purchase(deps: Deps, buyer: Buyer, meta: BuyMeta, input: TBuyInput, claim: IdempotencyClaim): Promise<TBuyResult> {
  const now = deps.clock.now();
  const [product] = await deps.db.select().from(shopProducts).where(eq(shopProducts.sku, input.sku));
  if (!product) throw new DomainError('product_not_found');
  const cash = product.priceCurrency === 'cash';
  if (cash && !input.paymentToken) throw new DomainError('payment_token_required');
  if (!cash && input.paymentToken) throw new DomainError('payment_token_not_allowed');
  if (product.kind === 'battlepass_premium' && input.quantity !== 1) {
    throw new DomainError('quantity_not_allowed', {}, 'The battle pass is bought one at a time.');
  }
  if (product.grants.battlepassPremium) await checkBattlepassPremium(deps.db, buyer.id, now);
  const bought = (await unitsBought(deps.db, buyer.id, [product.sku])).get(product.sku) ?? 0;
  const refusal = refusalFor(product, buyer, now, { quantity: input.quantity, userBought: bought });
  if (refusal) throw refusalError(refusal, product, bought);

  const quote = await priceOf(deps.db, product, input.quantity, input.promoCode ?? null, buyer.id, now);
  const [account] = await deps.db
    .select({ gold: users.gold, gems: users.gems, createdAt: users.createdAt })
    .from(users)
    .where(eq(users.id, buyer.id));
  if (!account) throw new DomainError('user_not_found');
  if (!cash) {
    const have = product.priceCurrency === 'gold' ? account.gold : account.gems;
    if (have < quote.total) {
      throw new DomainError('INSUFFICIENT_FUNDS', { currency: product.priceCurrency, balance: have, required: quote.total });
    }
  }
  // Scored once per fresh claim (replays never get here), outside any transaction; a block refuses here.
  const decision = await assessPurchase(deps, {
    userId: buyer.id,
    sku: product.sku,
    currency: product.priceCurrency,
    amount: quote.total,
    ip: meta.ip,
    deviceId: meta.deviceId ?? null,
    paymentFingerprint: cash ? tokenFingerprint(input.paymentToken as string) : null,
    accountCreatedAt: account.createdAt,
  });
  enforceDecision(decision);
  quote.fraudDecisionId = decision.decisionId;

  const purchaseId = randomUUID();
  const limited = isLimited(product);
  if (limited) {
    const capacity = product.stockTotal - product.stockSold;
    const ok = await deps.kv.reserve(stockKey(product.sku), purchaseId, input.quantity, capacity, deps.config.shop.reservationTtlMs);
    if (!ok) throw new DomainError('OUT_OF_STOCK', { stockLeft: 0 });
  }
  try {
    if (!cash) return await settleInGame(deps, buyer, quote, purchaseId, claim);
    return await settleCash(deps, buyer, quote, purchaseId, input.paymentToken as string, claim);
  } finally {
    // Sold units are counted by the database now; failed ones are free again. Either way the reservation is done.
    if (limited) await deps.kv.unreserve(stockKey(product.sku), purchaseId).catch(() => {});
  }
}

/** Price for `quantity` with the running discount and the promo code (validated, not yet used). */
export async function priceOf(
  db: Db,
  product: ShopProduct,
  quantity: number,
  code: string | null,
  userId: number,
  now: Date,
): Promise<Quote> {
  const discountPercent = discountRunning(product, now);
  const subtotal = discountedTotal(product.priceAmount, quantity, discountPercent);
  const promo = code ? await quotePromo(db, code, subtotal, userId, now) : null;
  const g = product.grants;
  const granted: PurchaseGranted = {
    ...(g.gold ? { gold: g.gold * quantity } : {}),
    ...(g.gems ? { gems: g.gems * quantity } : {}),
    ...(g.items?.length ? { items: g.items.map((i) => ({ itemId: i.itemId, quantity: i.quantity * quantity })) } : {}),
    ...(g.battlepassPremium ? { battlepassPremium: true } : {}),
  };
  return { product, quantity, unitPrice: product.priceAmount, discountPercent, promo, total: subtotal - (promo?.discount ?? 0), granted };
}

async function settleInGame(deps: Deps, buyer: Buyer, q: Quote, purchaseId: string, claim: IdempotencyClaim): Promise<TBuyResult> {
  return inTransaction(deps, async (tx, outbox) => {
    await holdInDb(tx, buyer.id, q, deps.clock.now());
    const [row] = await tx
      .insert(purchases)
      .values({ ...purchaseValues(buyer.id, q, purchaseId, claim.key), status: 'completed', completedAt: deps.clock.now() })
      .returning();
    if (!row) throw new Error('purchase insert returned nothing');
    if (q.promo) await tx.insert(promoRedemptions).values({ purchaseId, code: q.promo.code, userId: buyer.id });
    await grant(tx, outbox, row, true);
    const response = buyResponse(row, await getBalance(tx, buyer.id));
    await claim.attach(tx, purchaseId);
    await claim.complete(tx, response);
    return response;
  });
}

async function settleCash(
  deps: Deps,
  buyer: Buyer,
  q: Quote,
  purchaseId: string,
  token: string,
  claim: IdempotencyClaim,
): Promise<TBuyResult> {
  // 1. Hold stock and the promo use, and leave a pending purchase the sweeper can always find.
  await inTransaction(deps, async (tx) => {
    await holdInDb(tx, buyer.id, q, deps.clock.now());
    await tx.insert(purchases).values({
      ...purchaseValues(buyer.id, q, purchaseId, claim.key),
      status: 'pending',
      paymentFingerprint: tokenFingerprint(token),
    });
    if (q.promo) await tx.insert(promoRedemptions).values({ purchaseId, code: q.promo.code, userId: buyer.id });
    await claim.attach(tx, purchaseId);
  });
  // 2. Authorize.
  const auth = await deps.payments.authorize({ token, amountCents: q.total, reference: purchaseId });
  if (!auth.ok) {
    await failPurchase(deps, purchaseId, 'PAYMENT_DECLINED');
    throw new DomainError('PAYMENT_DECLINED');
  }
  const [moved] = await deps.db
    .update(purchases)
    .set({ status: 'authorized', authorizationId: auth.authorizationId, updatedAt: deps.clock.now() })
    .where(and(eq(purchases.id, purchaseId), eq(purchases.status, 'pending')))
    .returning({ id: purchases.id });
  if (!moved) {
    // The sweeper settled it meanwhile (this request was very slow): its answer stands.
    await deps.payments.void(auth.authorizationId);
    return answerOf(deps, purchaseId);
  }
  // 3. Capture, then grant in one transaction.
  const capture = await deps.payments.capture(auth.authorizationId);
  if (!capture.ok) {
    await deps.payments.void(auth.authorizationId);
    await failPurchase(deps, purchaseId, 'PAYMENT_FAILED');
    throw new DomainError('PAYMENT_FAILED');
  }
  return (await completePurchase(deps, purchaseId, capture.chargeId)) ?? answerOf(deps, purchaseId);
}

/**
 * Claims stock and the promo use in the database (the truth) for this buyer, serialised
 * per buyer and product so a per-user limit cannot be raced.
 */
async function holdInDb(tx: Db, userId: number, q: Quote, now: Date): Promise<void> {
  const p = q.product;
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${userId}, hashtext(${`shop:${p.sku}`}))`);
  if (p.perUserLimit !== null) {
    const bought = (await unitsBought(tx, userId, [p.sku])).get(p.sku) ?? 0;
    if (bought + q.quantity > p.perUserLimit) throw refusalError('USER_LIMIT', p, bought);
  }
  if (isLimited(p)) {
    const claimed = await tx
      .update(shopProducts)
      .set({ stockSold: sql`${shopProducts.stockSold} + ${q.quantity}`, updatedAt: now })
      .where(
        and(
          eq(shopProducts.sku, p.sku),
          eq(shopProducts.isActive, true),
          eq(shopProducts.disabled, false),
          sql`${shopProducts.stockTotal} IS NOT NULL AND ${shopProducts.stockSold} + ${q.quantity} <= ${shopProducts.stockTotal}`,
        ),
      )
      .returning({ sku: shopProducts.sku });
    if (claimed.length === 0) {
      const [fresh] = await tx.select().from(shopProducts).where(eq(shopProducts.sku, p.sku));
      throw new DomainError(!fresh?.isActive || fresh.disabled ? 'DISABLED' : 'OUT_OF_STOCK');
    }
  }
  if (q.promo) {
    const used = await tx
      .update(promoCodes)
      .set({ usedCount: sql`${promoCodes.usedCount} + 1` })
      .where(
        and(
          eq(promoCodes.code, q.promo.code),
          eq(promoCodes.isActive, true),
          or(isNull(promoCodes.maxUses), sql`${promoCodes.usedCount} < ${promoCodes.maxUses}`),
          or(isNull(promoCodes.startsAt), lte(promoCodes.startsAt, now)),
          or(isNull(promoCodes.endsAt), gt(promoCodes.endsAt, now)),
        ),
      )
      .returning({ perUserOnce: promoCodes.perUserOnce });
    if (used.length === 0) {
      // Lost the race for the last use (or the code changed meanwhile): say why, from the row as it is now.
      const problem = await promoProblem(tx, q.promo.code, userId, now);
      throw promoError(problem?.reason ?? 'PROMO_EXHAUSTED', problem?.promo ?? null);
    }
    if (used[0]?.perUserOnce) {
      // The promo row is locked by the update above: this check cannot be raced.
      const [mine] = await tx
        .select({ id: promoRedemptions.purchaseId })
        .from(promoRedemptions)
        .innerJoin(purchases, eq(purchases.id, promoRedemptions.purchaseId))
        .where(
          and(
            eq(promoRedemptions.code, q.promo.code),
            eq(promoRedemptions.userId, userId),
            inArray(purchases.status, [...HOLDING_STATUSES]),
          ),
        )
        .limit(1);
      if (mine) throw new DomainError('PROMO_INVALID', { usedByYou: true }, 'You have already used this promo code.');
    }
  }
}

function purchaseValues(userId: number, q: Quote, id: string, key: string) {
  return {
    id,
    userId,
    sku: q.product.sku,
    quantity: q.quantity,
    priceCurrency: q.product.priceCurrency,
    unitPrice: q.unitPrice,
    discountPercent: q.discountPercent,
    promoCode: q.promo?.code ?? null,
    promoDiscount: q.promo?.discount ?? 0,
    amount: q.total,
    granted: q.granted,
    idempotencyKey: key,
    fraudDecisionId: q.fraudDecisionId ?? null,
  };
}

type PurchaseRow = typeof purchases.$inferSelect;

/** The grants (and, for gold/gems prices, the debit) of a purchase: one wallet statement, items, premium pass. */
async function grant(tx: Db, outbox: Outbox, p: PurchaseRow, debit: boolean): Promise<void> {
  const entries: WalletEntry[] = [];
  const ref = { refType: 'purchase', refId: p.id };
  if (debit && p.amount > 0 && p.priceCurrency !== 'cash') {
    entries.push({ currency: p.priceCurrency, delta: -p.amount, reason: 'shop_purchase', ...ref, idempotencyKey: `purchase:${p.id}:pay` });
  }
  if (p.granted.gold)
    entries.push({ currency: 'gold', delta: p.granted.gold, reason: 'shop_grant', ...ref, idempotencyKey: `purchase:${p.id}:gold` });
  if (p.granted.gems)
    entries.push({ currency: 'gems', delta: p.granted.gems, reason: 'shop_grant', ...ref, idempotencyKey: `purchase:${p.id}:gems` });
  if (entries.length) {
    try {
      await applyChanges(tx, outbox, { userId: p.userId, entries, freshKeys: true });
    } catch (e) {
      if (isDomainError(e) && e.reason === 'insufficient_funds') throw new DomainError('INSUFFICIENT_FUNDS', e.details);
      throw e;
    }
  }
  for (const item of p.granted.items ?? []) {
    await tx
      .insert(userItems)
      .values({ userId: p.userId, itemId: item.itemId, rarity: 'shop', quantity: item.quantity })
      .onConflictDoUpdate({
        target: [userItems.userId, userItems.itemId],
        set: { quantity: sql`${userItems.quantity} + ${item.quantity}` },
      });
  }
  if (p.granted.battlepassPremium) {
    try {
      await unlockBattlepassPremium(tx, outbox, { userId: p.userId, source: 'shop', purchaseId: p.id });
    } catch (e) {
      // Paid in game: the transaction rolls back and nothing is charged. Paid by card and
      // captured already (the season ended between the check and the capture): complete the
      // purchase and flag it so support refunds it, instead of leaving it stuck.
      if (debit || !isDomainError(e) || e.reason !== 'battlepass_no_season') throw e;
      await tx.update(purchases).set({ flaggedForReview: true }).where(eq(purchases.id, p.id));
    }
  }
}

/** A premium pass needs a running season the buyer does not already have premium in: refused before any charge. */
async function checkBattlepassPremium(db: Db, userId: number, now: Date): Promise<void> {
  const season = await runningSeason(db, now);
  if (!season) throw new DomainError('battlepass_no_season');
  const [mine] = await db
    .select({ premium: battlepassProgress.premium })
    .from(battlepassProgress)
    .where(and(eq(battlepassProgress.userId, userId), eq(battlepassProgress.seasonId, season.id)));
  if (mine?.premium) throw new DomainError('already_owned', { seasonId: season.id });
}

/** Completes a pending/authorized purchase whose charge was captured. Null when it was not in flight any more. */
export async function completePurchase(deps: Deps, purchaseId: string, chargeId: string): Promise<TBuyResult | null> {
  return inTransaction(deps, async (tx, outbox) => {
    const [row] = await tx
      .update(purchases)
      .set({ status: 'completed', chargeId, completedAt: deps.clock.now(), updatedAt: deps.clock.now() })
      .where(and(eq(purchases.id, purchaseId), inArray(purchases.status, ['pending', 'authorized'])))
      .returning();
    if (!row) return null;
    await grant(tx, outbox, row, false);
    const response = buyResponse(row, await getBalance(tx, row.userId));
    await settleClaim(tx, { userId: row.userId, scope: BUY_SCOPE, key: row.idempotencyKey }, { response });
    return response;
  });
}

/** Fails a pending/authorized purchase and gives back what it held (stock, promo use). False when it was not in flight. */
export async function failPurchase(deps: Deps, purchaseId: string, reason: 'PAYMENT_DECLINED' | 'PAYMENT_FAILED'): Promise<boolean> {
  return inTransaction(deps, async (tx) => {
    const [row] = await tx
      .update(purchases)
      .set({ status: 'failed', failureReason: reason, updatedAt: deps.clock.now() })
      .where(and(eq(purchases.id, purchaseId), inArray(purchases.status, ['pending', 'authorized'])))
      .returning();
    if (!row) return false;
    const [product] = await tx.select().from(shopProducts).where(eq(shopProducts.sku, row.sku));
    if (product && isLimited(product)) {
      await tx
        .update(shopProducts)
        .set({ stockSold: sql`greatest(${shopProducts.stockSold} - ${row.quantity}, 0)`, updatedAt: deps.clock.now() })
        .where(eq(shopProducts.sku, row.sku));
    }
    if (row.promoCode) {
      const released = await tx
        .delete(promoRedemptions)
        .where(eq(promoRedemptions.purchaseId, row.id))
        .returning({ id: promoRedemptions.purchaseId });
      if (released.length) {
        await tx
          .update(promoCodes)
          .set({ usedCount: sql`greatest(${promoCodes.usedCount} - 1, 0)` })
          .where(eq(promoCodes.code, row.promoCode));
      }
    }
    await settleClaim(tx, { userId: row.userId, scope: BUY_SCOPE, key: row.idempotencyKey }, { error: new DomainError(reason) });
    return true;
  });
}

/** The answer for a purchase settled elsewhere (by the sweeper or a webhook). */
async function answerOf(deps: Deps, purchaseId: string): Promise<TBuyResult> {
  const [row] = await deps.db.select().from(purchases).where(eq(purchases.id, purchaseId));
  if (row?.status === 'completed') return buyResponse(row, await getBalance(deps.db, row.userId));
  if (row?.status === 'failed') throw new DomainError(row.failureReason === 'PAYMENT_DECLINED' ? 'PAYMENT_DECLINED' : 'PAYMENT_FAILED');
  throw new DomainError('request_in_progress');
}

function buyResponse(p: PurchaseRow, balance: { gold: number; gems: number }): TBuyResult {
  return {
    purchaseId: p.id,
    status: 'completed',
    chargeId: p.chargeId,
    amount: p.amount,
    currency: p.priceCurrency,
    granted: p.granted,
    balance: { gold: balance.gold, gems: balance.gems },
    idempotent: false,
  };
}

function refusalError(reason: NonNullable<ReturnType<typeof refusalFor>>, p: ShopProduct, bought: number): DomainError {
  if (reason === 'USER_LIMIT') return new DomainError(reason, { perUserLimit: p.perUserLimit, bought });
  if (reason === 'RANK_REQUIRED') return new DomainError(reason, { minRank: p.minRank });
  if (reason === 'WINDOW_CLOSED')
    return new DomainError(reason, { startsAt: p.startsAt?.toISOString() ?? null, endsAt: p.endsAt?.toISOString() ?? null });
  return new DomainError(reason);
}
