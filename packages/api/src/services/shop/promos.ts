/** Promo codes: what one takes off a price, and why one cannot be used. */
import { type Db, promoCodes, promoRedemptions, purchases } from '@casino/db';
import { promoDiscount, type TReason } from '@casino/shared';
import { and, eq, inArray } from 'drizzle-orm';
import { DomainError } from '../../errors';
import { HOLDING_STATUSES } from './catalog';

export type PromoQuote = { code: string; kind: 'percent' | 'fixed'; value: number; discount: number };

type PromoRow = typeof promoCodes.$inferSelect;

/** Why `code` cannot be used by this user now, or null (per-user-once counts holding purchases only). */
export async function promoProblem(
  db: Db,
  code: string,
  userId: number,
  now: Date,
): Promise<{ reason: TReason; promo: PromoRow | null } | null> {
  const [promo] = await db.select().from(promoCodes).where(eq(promoCodes.code, code));
  if (!promo?.isActive) return { reason: 'PROMO_INVALID', promo: promo ?? null };
  if ((promo.startsAt && promo.startsAt > now) || (promo.endsAt && promo.endsAt <= now)) return { reason: 'PROMO_EXPIRED', promo };
  if (promo.maxUses !== null && promo.usedCount >= promo.maxUses) return { reason: 'PROMO_EXHAUSTED', promo };
  if (promo.perUserOnce) {
    const [mine] = await db
      .select({ id: promoRedemptions.purchaseId })
      .from(promoRedemptions)
      .innerJoin(purchases, eq(purchases.id, promoRedemptions.purchaseId))
      .where(and(eq(promoRedemptions.code, code), eq(promoRedemptions.userId, userId), inArray(purchases.status, [...HOLDING_STATUSES])))
      .limit(1);
    if (mine) return { reason: 'PROMO_INVALID', promo };
  }
  return null;
}

/** The promo's discount on `subtotal`; throws the reason the code cannot be used. */
export async function quotePromo(db: Db, code: string, subtotal: number, userId: number, now: Date): Promise<PromoQuote> {
  const problem = await promoProblem(db, code, userId, now);
  if (problem) throw promoError(problem.reason, problem.promo);
  const [promo] = await db.select().from(promoCodes).where(eq(promoCodes.code, code));
  if (!promo) throw new DomainError('PROMO_INVALID');
  return { code, kind: promo.kind, value: promo.value, discount: promoDiscount(subtotal, promo) };
}

export function promoError(reason: TReason, promo: PromoRow | null): DomainError {
  if (reason === 'PROMO_INVALID' && promo?.isActive && promo.perUserOnce) {
    return new DomainError(reason, { usedByYou: true }, 'You have already used this promo code.');
  }
  return new DomainError(reason);
}
