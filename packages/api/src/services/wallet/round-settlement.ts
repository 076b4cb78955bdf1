/**
 * A round's stake and payout as one statement: one conditional update of the
 * balance (the stake must be affordable before the payout) and its two ledger
 * entries, so the ledger reads exactly as two applyChange calls would have
 * written it: stake entry balanceAfter = final − payout, payout entry = final.
 */
import { type Db, queryRows } from '@casino/db';
import type { TCurrency } from '@casino/shared';
import { sql } from 'drizzle-orm';
import type { Outbox } from '../../deps';
import { DomainError } from '../../errors';
import { getBalance } from './queries';

export type RoundMoney = { userId: number; currency: TCurrency; stake: number; payout: number; game: string; roundId: string };

export async function settleRoundMoney(tx: Db, outbox: Outbox, r: RoundMoney): Promise<{ balance: number }> {
  if (!Number.isSafeInteger(r.stake) || r.stake <= 0 || !Number.isSafeInteger(r.payout) || r.payout < 0) {
    throw new DomainError('invalid_amount');
  }
  const col = sql.raw(r.currency === 'gold' ? 'gold' : 'gems');
  // Keys are derived from a fresh round id: unique by construction, the unique index is the backstop.
  const rows = await queryRows<{ id: string | number; delta: string | number; balance_after: string | number; reason: string }>(
    tx,
    sql`WITH u AS (
          UPDATE users SET ${col} = ${col} - ${r.stake}::bigint + ${r.payout}::bigint, updated_at = now()
          WHERE id = ${r.userId}::int AND ${col} - ${r.stake}::bigint >= 0
          RETURNING ${col} AS balance)
        INSERT INTO wallet_ledger (user_id, currency, delta, balance_after, reason, ref_type, ref_id, idempotency_key)
        SELECT ${r.userId}::int, ${r.currency}::currency, v.delta, u.balance - v.later, v.reason, 'round', ${r.roundId}::text, v.key
        FROM u, (VALUES
          (-${r.stake}::bigint, ${r.payout}::bigint, ${`${r.game}_bet`}::text, ${`round:${r.roundId}:bet`}::text, 1),
          (${r.payout}::bigint, 0::bigint, ${`${r.game}_win`}::text, ${`round:${r.roundId}:win`}::text, 2)
        ) AS v(delta, later, reason, key, ord)
        WHERE v.delta <> 0
        ORDER BY v.ord
        RETURNING id, delta, balance_after, reason`,
  );
  if (rows.length === 0) {
    const balance = (await getBalance(tx, r.userId))[r.currency];
    throw new DomainError('insufficient_funds', { currency: r.currency, balance, required: r.stake });
  }
  for (const e of [...rows].sort((a, b) => Number(a.id) - Number(b.id))) {
    outbox.push({
      userId: r.userId,
      type: 'token_update',
      data: { currency: r.currency, delta: Number(e.delta), balance: Number(e.balance_after), reason: e.reason, ledgerId: Number(e.id) },
    });
  }
  return { balance: Number(rows.reduce((a, b) => (Number(a.id) > Number(b.id) ? a : b)).balance_after) };
}
