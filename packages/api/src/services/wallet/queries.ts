/** Read side of the wallet: balances, ledger pages, reconciliation. */
import { type Db, queryRows, users, walletLedger } from '@casino/db';
import type { TCurrency } from '@casino/shared';
import { and, desc, eq, lt, sql } from 'drizzle-orm';
import { DomainError } from '../../errors';
import { byId, pageOf } from '../shared/page';

export async function getBalance(db: Db, userId: number) {
  const [row] = await db.select({ gold: users.gold, gems: users.gems, vipPoints: users.vipPoints }).from(users).where(eq(users.id, userId));
  if (!row) throw new DomainError('user_not_found');
  return row;
}

export async function ledgerPage(
  db: Db,
  userId: number,
  opts: { cursor?: number | undefined; limit: number; currency?: TCurrency | undefined; reason?: string | undefined },
) {
  const rows = await db
    .select({
      id: walletLedger.id,
      currency: walletLedger.currency,
      delta: walletLedger.delta,
      balanceAfter: walletLedger.balanceAfter,
      reason: walletLedger.reason,
      refType: walletLedger.refType,
      refId: walletLedger.refId,
      createdAt: walletLedger.createdAt,
    })
    .from(walletLedger)
    .where(
      and(
        eq(walletLedger.userId, userId),
        opts.cursor ? lt(walletLedger.id, opts.cursor) : undefined,
        opts.currency ? eq(walletLedger.currency, opts.currency) : undefined,
        opts.reason ? eq(walletLedger.reason, opts.reason) : undefined,
      ),
    )
    .orderBy(desc(walletLedger.id))
    .limit(opts.limit + 1);
  return pageOf(rows, opts.limit, byId);
}

export type Violation = { userId: number; currency: TCurrency; balance: number; ledgerSum: number };

/** Compares every user's balances with the sum of their ledger entries. */
export async function reconcile(db: Db): Promise<{ checkedUsers: number; violations: Violation[] }> {
  const list = await queryRows<{ id: number; gold: string; gems: string; gold_sum: string; gems_sum: string }>(
    db,
    sql`
    SELECT u.id, u.gold, u.gems,
      COALESCE(SUM(l.delta) FILTER (WHERE l.currency = 'gold'), 0) AS gold_sum,
      COALESCE(SUM(l.delta) FILTER (WHERE l.currency = 'gems'), 0) AS gems_sum
    FROM users u LEFT JOIN wallet_ledger l ON l.user_id = u.id
    GROUP BY u.id ORDER BY u.id`,
  );
  const violations: Violation[] = [];
  for (const r of list) {
    for (const currency of ['gold', 'gems'] as const) {
      const balance = Number(r[currency]);
      const ledgerSum = Number(r[`${currency}_sum`]);
      if (balance !== ledgerSum) violations.push({ userId: Number(r.id), currency, balance, ledgerSum });
    }
  }
  return { checkedUsers: list.length, violations };
}
