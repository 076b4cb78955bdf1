/**
 * Test fixture for refunds and webhooks, standing in for `economy.shop.buy` on branches
 * that do not have it: inserts a product and a purchase, and for a completed one pays the
 * price and credits the grant in one transaction through applyChanges (the only ledger
 * writer) and the inventory, as a purchase does. A cash purchase is charged for real on
 * the sandbox gateway (authorize + capture with `tok_visa`), so a refund can be asked of it.
 *
 * Once the shop lands, tests may buy through it instead; this stays valid as a fixture for
 * states buy cannot reach on purpose (an authorized purchase whose process died, a failed one
 * with a captured charge).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { type ProductGrants, type Purchase, purchases, shopProducts, userItems } from '@casino/db';
import { sql } from 'drizzle-orm';
import { type Deps, inTransaction } from '../deps';
import { SANDBOX_TOKENS } from '../services/payments/sandbox';
import { applyChanges, type WalletEntry } from '../services/wallet/wallet';

export type FixturePurchase = {
  userId: number;
  price: { currency: 'gold' | 'gems' | 'cash'; amount: number };
  grants: ProductGrants;
  /** completed (default): paid and granted. authorized: charge authorized, nothing granted. failed: nothing granted. */
  status?: 'completed' | 'authorized' | 'failed';
};

export async function fixturePurchase(deps: Deps, f: FixturePurchase): Promise<Purchase> {
  const status = f.status ?? 'completed';
  const sku = `test_${randomBytes(5).toString('hex')}`;
  const id = randomUUID();
  await deps.db.insert(shopProducts).values({
    sku,
    name: `Test ${sku}`,
    kind: f.grants.items?.length ? 'bundle' : f.grants.gems ? 'gem_pack' : 'gold_pack',
    priceCurrency: f.price.currency,
    priceAmount: f.price.amount,
    grants: f.grants,
  });
  let authorizationId: string | null = null;
  let chargeId: string | null = null;
  if (f.price.currency === 'cash') {
    const auth = await deps.payments.authorize({ token: SANDBOX_TOKENS.success, amountCents: f.price.amount, reference: id });
    if (!auth.ok) throw new Error('sandbox authorize failed');
    authorizationId = auth.authorizationId;
    if (status === 'completed') {
      const cap = await deps.payments.capture(auth.authorizationId);
      if (!cap.ok) throw new Error('sandbox capture failed');
      chargeId = cap.chargeId;
    }
  }
  return inTransaction(deps, async (tx, outbox) => {
    const [row] = await tx
      .insert(purchases)
      .values({
        id,
        userId: f.userId,
        sku,
        quantity: 1,
        status,
        priceCurrency: f.price.currency,
        unitPrice: f.price.amount,
        amount: f.price.amount,
        // What the purchase grants once completed (as buy stores it from the start).
        granted: f.grants,
        authorizationId,
        chargeId,
        idempotencyKey: `fixture-${id}`,
        completedAt: status === 'completed' ? deps.clock.now() : null,
      })
      .returning();
    if (!row) throw new Error('purchase insert returned nothing');
    if (status !== 'completed') return row;
    const entries: WalletEntry[] = [];
    const ref = { refType: 'purchase', refId: id };
    if (f.price.currency !== 'cash') {
      entries.push({
        currency: f.price.currency,
        delta: -f.price.amount,
        reason: 'shop_purchase',
        ...ref,
        idempotencyKey: `purchase:${id}:price`,
      });
    }
    for (const currency of ['gold', 'gems'] as const) {
      const n = f.grants[currency] ?? 0;
      if (n > 0) entries.push({ currency, delta: n, reason: 'shop_grant', ...ref, idempotencyKey: `purchase:${id}:${currency}` });
    }
    if (entries.length) await applyChanges(tx, outbox, { userId: f.userId, entries });
    for (const item of f.grants.items ?? []) {
      await tx
        .insert(userItems)
        .values({ userId: f.userId, itemId: item.itemId, rarity: 'shop', quantity: item.quantity })
        .onConflictDoUpdate({
          target: [userItems.userId, userItems.itemId],
          set: { quantity: sql`${userItems.quantity} + ${item.quantity}` },
        });
    }
    return row;
  });
}
