/**
 * A round's stake and payout through the one wallet writer: one statement, the stake
 * affordable before the payout, two ledger entries keyed by the round id.
 */
import type { Db } from '@casino/db';
import type { TCurrency } from '@casino/shared';
import type { Outbox } from '../../deps';
import { DomainError } from '../../errors';
import { applyChanges } from './wallet';

export type RoundMoney = { userId: number; currency: TCurrency; stake: number; payout: number; game: string; roundId: string };

export async function settleRoundMoney(tx: Db, outbox: Outbox, r: RoundMoney): Promise<{ balance: number }> {
  if (!Number.isSafeInteger(r.stake) || r.stake <= 0 || !Number.isSafeInteger(r.payout) || r.payout < 0) {
    throw new DomainError('invalid_amount');
  }
  const ref = { refType: 'round', refId: r.roundId };
  const res = await applyChanges(tx, outbox, {
    userId: r.userId,
    // Keys are derived from a fresh round id: unique by construction, the unique index is the backstop.
    freshKeys: true,
    entries: [
      { currency: r.currency, delta: -r.stake, reason: `${r.game}_bet`, idempotencyKey: `round:${r.roundId}:bet`, ...ref },
      { currency: r.currency, delta: r.payout, reason: `${r.game}_win`, idempotencyKey: `round:${r.roundId}:win`, ...ref },
    ],
  });
  return { balance: res.balances[r.currency] ?? 0 };
}
