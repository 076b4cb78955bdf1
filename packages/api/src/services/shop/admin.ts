/**
 * Admin side of the shop: products (with their limited-package fields), the emergency
 * switch and restocking, promo codes, and the purchase listing. Every mutation writes
 * the audit log in its own transaction.
 */
import { type Db, promoCodes, purchases, type ShopProduct, shopProducts, users } from '@casino/db';
import type { TPriceCurrency, TProductGrants, TProductKind, TRank } from '@casino/shared';
import { and, asc, desc, eq, gte, inArray, lt, lte, or, sql } from 'drizzle-orm';
import { type Deps, inTransaction } from '../../deps';
import { DomainError, isUniqueViolation } from '../../errors';
import { writeAudit } from '../audit/audit';
import { pageCursorOf, pageOf, parsePageCursor } from '../shared/page';
import { stockKey } from './catalog';

export type Actor = { id: number; ip: string | null };

export type ProductInput = {
  sku: string;
  name: string;
  description?: string | undefined;
  kind: TProductKind;
  price: { currency: TPriceCurrency; amount: number };
  grants: TProductGrants;
  discountPercent?: number | undefined;
  discountEndsAt?: Date | null | undefined;
  minRank?: TRank | undefined;
  isActive?: boolean | undefined;
  sortOrder?: number | undefined;
  limited?:
    | { stock: number; perUserLimit?: number | null | undefined; startsAt?: Date | null | undefined; endsAt?: Date | null | undefined }
    | null
    | undefined;
};

export type ProductUpdate = Partial<Omit<ProductInput, 'sku'>> & { sku: string };

function columnsOf(input: Partial<ProductInput>): Partial<typeof shopProducts.$inferInsert> {
  const c: Partial<typeof shopProducts.$inferInsert> = {};
  if (input.name !== undefined) c.name = input.name;
  if (input.description !== undefined) c.description = input.description;
  if (input.kind !== undefined) c.kind = input.kind;
  if (input.price !== undefined) {
    c.priceCurrency = input.price.currency;
    c.priceAmount = input.price.amount;
  }
  if (input.grants !== undefined) c.grants = input.grants;
  if (input.discountPercent !== undefined) c.discountPercent = input.discountPercent;
  if (input.discountEndsAt !== undefined) c.discountEndsAt = input.discountEndsAt;
  if (input.minRank !== undefined) c.minRank = input.minRank;
  if (input.isActive !== undefined) c.isActive = input.isActive;
  if (input.sortOrder !== undefined) c.sortOrder = input.sortOrder;
  if (input.limited === null) {
    c.stockTotal = null;
    c.perUserLimit = null;
    c.startsAt = null;
    c.endsAt = null;
  } else if (input.limited !== undefined) {
    c.stockTotal = input.limited.stock;
    if (input.limited.perUserLimit !== undefined) c.perUserLimit = input.limited.perUserLimit;
    if (input.limited.startsAt !== undefined) c.startsAt = input.limited.startsAt;
    if (input.limited.endsAt !== undefined) c.endsAt = input.limited.endsAt;
  }
  return c;
}

function checkProduct(p: Pick<ShopProduct, 'kind' | 'grants' | 'stockTotal' | 'stockSold' | 'startsAt' | 'endsAt'>) {
  if (p.kind === 'battlepass_premium' && !p.grants.battlepassPremium) {
    throw new DomainError('invalid_amount', {}, 'A battle-pass product must grant battlepassPremium.');
  }
  if (p.stockTotal !== null && p.stockTotal < p.stockSold) {
    throw new DomainError('invalid_amount', { stockSold: p.stockSold }, `Stock cannot go below the ${p.stockSold} already sold.`);
  }
  if (p.startsAt && p.endsAt && p.startsAt >= p.endsAt) throw new DomainError('invalid_expiry', {}, 'The sale must end after it starts.');
}

export async function listProducts(db: Db) {
  return db.select().from(shopProducts).orderBy(asc(shopProducts.sortOrder), asc(shopProducts.sku));
}

export async function createProduct(deps: Pick<Deps, 'db' | 'bus'>, actor: Actor, input: ProductInput) {
  const values = {
    sku: input.sku,
    name: input.name,
    kind: input.kind,
    priceCurrency: input.price.currency,
    priceAmount: input.price.amount,
    grants: input.grants,
    ...columnsOf(input),
  };
  checkProduct({
    kind: values.kind,
    grants: values.grants,
    stockTotal: values.stockTotal ?? null,
    stockSold: 0,
    startsAt: values.startsAt ?? null,
    endsAt: values.endsAt ?? null,
  });
  try {
    return await inTransaction(deps, async (tx) => {
      const [row] = await tx.insert(shopProducts).values(values).returning();
      await writeAudit(tx, {
        adminId: actor.id,
        ip: actor.ip,
        action: 'shop.product.create',
        targetType: 'product',
        targetId: input.sku,
        after: row,
      });
      return { sku: input.sku };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new DomainError('sku_taken');
    throw e;
  }
}

async function changeProduct(
  deps: Pick<Deps, 'db' | 'bus'>,
  actor: Actor,
  sku: string,
  action: string,
  change: (before: ShopProduct) => Partial<typeof shopProducts.$inferInsert>,
  meta?: unknown,
) {
  return inTransaction(deps, async (tx) => {
    const [before] = await tx.select().from(shopProducts).where(eq(shopProducts.sku, sku)).for('update');
    if (!before) throw new DomainError('product_not_found');
    const set = change(before);
    checkProduct({ ...before, ...set } as ShopProduct);
    const [after] = await tx
      .update(shopProducts)
      .set({ ...set, updatedAt: new Date() })
      .where(eq(shopProducts.sku, sku))
      .returning();
    await writeAudit(tx, { adminId: actor.id, ip: actor.ip, action, targetType: 'product', targetId: sku, before, after, meta });
    return after as ShopProduct;
  });
}

export async function updateProduct(deps: Pick<Deps, 'db' | 'bus'>, actor: Actor, input: ProductUpdate) {
  const { sku, ...rest } = input;
  await changeProduct(deps, actor, sku, 'shop.product.update', () => columnsOf(rest));
  return { sku };
}

export async function setProductActive(deps: Pick<Deps, 'db' | 'bus'>, actor: Actor, sku: string, isActive: boolean) {
  await changeProduct(deps, actor, sku, isActive ? 'shop.product.activate' : 'shop.product.deactivate', () => ({ isActive }));
  return { sku, isActive };
}

/** The emergency switch of a limited package: takes effect on the next buy on every instance (the database decides). */
export async function setLimitedDisabled(deps: Pick<Deps, 'db' | 'bus'>, actor: Actor, sku: string, disabled: boolean, reason?: string) {
  await changeProduct(
    deps,
    actor,
    sku,
    disabled ? 'shop.limited.disable' : 'shop.limited.enable',
    (p) => {
      if (p.stockTotal === null) throw new DomainError('not_limited');
      return { disabled };
    },
    reason ? { reason } : undefined,
  );
  return { sku, disabled };
}

/** Adds `add` units to a limited package's total stock (never below what is sold). */
export async function restock(deps: Pick<Deps, 'db' | 'bus' | 'kv'>, actor: Actor, sku: string, add: number) {
  const after = await changeProduct(deps, actor, sku, 'shop.limited.restock', (p) => {
    if (p.stockTotal === null) throw new DomainError('not_limited');
    return { stockTotal: p.stockTotal + add };
  });
  return { sku, stockTotal: after.stockTotal ?? 0, stockSold: after.stockSold };
}

/** Stock as the database has it beside what Redis holds reserved (for the admin screen and reconciliation). */
export async function stockStatus(deps: Pick<Deps, 'db' | 'kv'>) {
  const rows = await deps.db.select().from(shopProducts).where(sql`${shopProducts.stockTotal} IS NOT NULL`).orderBy(asc(shopProducts.sku));
  if (rows.length === 0) return [];
  const skus = rows.map((p) => p.sku);
  // One grouped query for every limited product, and the Redis reservations side by side.
  const [held, reserved] = await Promise.all([
    deps.db
      .select({ sku: purchases.sku, units: sql<string>`coalesce(sum(${purchases.quantity}), 0)` })
      .from(purchases)
      .where(and(inArray(purchases.sku, skus), sql`${purchases.status} IN ('pending', 'authorized', 'completed')`))
      .groupBy(purchases.sku),
    Promise.all(skus.map((sku) => deps.kv.reserved(stockKey(sku)).catch(() => 0))),
  ]);
  const unitsBySku = new Map(held.map((r) => [r.sku, Number(r.units)]));
  return rows.map((p, i) => ({
    sku: p.sku,
    name: p.name,
    stockTotal: p.stockTotal ?? 0,
    stockSold: p.stockSold,
    /** Units held by purchases in the database: equals stockSold unless something is wrong. */
    unitsInPurchases: unitsBySku.get(p.sku) ?? 0,
    reserved: reserved[i] ?? 0,
    perUserLimit: p.perUserLimit,
    startsAt: p.startsAt,
    endsAt: p.endsAt,
    disabled: p.disabled,
    isActive: p.isActive,
  }));
}

export type PromoInput = {
  code: string;
  kind: 'percent' | 'fixed';
  value: number;
  maxUses?: number | null | undefined;
  perUserOnce?: boolean | undefined;
  startsAt?: Date | null | undefined;
  endsAt?: Date | null | undefined;
  isActive?: boolean | undefined;
};

export async function listPromos(db: Db) {
  return db.select().from(promoCodes).orderBy(desc(promoCodes.createdAt));
}

export async function createPromo(deps: Pick<Deps, 'db' | 'bus'>, actor: Actor, input: PromoInput) {
  if (input.kind === 'percent' && input.value > 100) throw new DomainError('invalid_amount', {}, 'A percent promo is at most 100.');
  if (input.startsAt && input.endsAt && input.startsAt >= input.endsAt)
    throw new DomainError('invalid_expiry', {}, 'The code must end after it starts.');
  try {
    return await inTransaction(deps, async (tx) => {
      const [row] = await tx
        .insert(promoCodes)
        .values({ ...input, createdBy: actor.id })
        .returning();
      await writeAudit(tx, {
        adminId: actor.id,
        ip: actor.ip,
        action: 'shop.promo.create',
        targetType: 'promo',
        targetId: input.code,
        after: row,
      });
      return { code: input.code };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new DomainError('promo_code_taken');
    throw e;
  }
}

export async function updatePromo(
  deps: Pick<Deps, 'db' | 'bus'>,
  actor: Actor,
  input: { code: string } & Partial<Omit<PromoInput, 'code' | 'kind' | 'value'>>,
) {
  const { code, ...set } = input;
  return inTransaction(deps, async (tx) => {
    const [before] = await tx.select().from(promoCodes).where(eq(promoCodes.code, code)).for('update');
    if (!before) throw new DomainError('promo_not_found');
    const next = { ...before, ...set };
    if (next.maxUses !== null && next.maxUses < before.usedCount) {
      throw new DomainError('invalid_amount', {}, `maxUses cannot go below the ${before.usedCount} uses already made.`);
    }
    if (next.startsAt && next.endsAt && next.startsAt >= next.endsAt)
      throw new DomainError('invalid_expiry', {}, 'The code must end after it starts.');
    const [after] = await tx.update(promoCodes).set(set).where(eq(promoCodes.code, code)).returning();
    await writeAudit(tx, {
      adminId: actor.id,
      ip: actor.ip,
      action: 'shop.promo.update',
      targetType: 'promo',
      targetId: code,
      before,
      after,
    });
    return { code };
  });
}

export type PurchaseFilter = {
  userId?: number | undefined;
  status?: (typeof purchases.$inferSelect)['status'] | undefined;
  sku?: string | undefined;
  currency?: TPriceCurrency | undefined;
  flagged?: boolean | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  cursor?: string | undefined;
  limit: number;
};

export async function listPurchases(db: Db, f: PurchaseFilter) {
  const at = f.cursor ? parsePageCursor(f.cursor) : null;
  const rows = await db
    .select({
      id: purchases.id,
      userId: purchases.userId,
      nickname: users.nickname,
      sku: purchases.sku,
      productName: shopProducts.name,
      quantity: purchases.quantity,
      status: purchases.status,
      currency: purchases.priceCurrency,
      amount: purchases.amount,
      promoCode: purchases.promoCode,
      promoDiscount: purchases.promoDiscount,
      granted: purchases.granted,
      chargeId: purchases.chargeId,
      failureReason: purchases.failureReason,
      refundedAt: purchases.refundedAt,
      refundReason: purchases.refundReason,
      clawedBack: purchases.clawedBack,
      debt: purchases.debt,
      flaggedForReview: purchases.flaggedForReview,
      fraudDecisionId: purchases.fraudDecisionId,
      createdAt: purchases.createdAt,
      completedAt: purchases.completedAt,
    })
    .from(purchases)
    .innerJoin(users, eq(users.id, purchases.userId))
    .innerJoin(shopProducts, eq(shopProducts.sku, purchases.sku))
    .where(
      and(
        f.userId ? eq(purchases.userId, f.userId) : undefined,
        f.status ? eq(purchases.status, f.status) : undefined,
        f.sku ? eq(purchases.sku, f.sku) : undefined,
        f.currency ? eq(purchases.priceCurrency, f.currency) : undefined,
        f.flagged !== undefined ? eq(purchases.flaggedForReview, f.flagged) : undefined,
        f.from ? gte(purchases.createdAt, f.from) : undefined,
        f.to ? lte(purchases.createdAt, f.to) : undefined,
        at ? or(lt(purchases.createdAt, at.at), and(eq(purchases.createdAt, at.at), lt(purchases.id, at.id))) : undefined,
      ),
    )
    .orderBy(desc(purchases.createdAt), desc(purchases.id))
    .limit(f.limit + 1);
  return pageOf(rows, f.limit, pageCursorOf);
}
