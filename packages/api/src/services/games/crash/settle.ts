/**
 * Exactly-once settlement. `UPDATE crash_bets SET status=… WHERE id=$1 AND status='active'
 * RETURNING` decides which settler wins (a cashout, the worker, the sweeper, on any
 * instance); only the winner credits (idempotency key crash:{id}:win), records the round
 * and publishes the `crash` event, all in that one transaction. The losers change nothing.
 * This is the one-round path (cash-out, a bet settling its due predecessor); the worker
 * settles many rounds per transaction with the same writes (settle-batch.ts).
 */
import { type CrashBet, crashBets, type Db } from '@casino/db';
import { and, eq } from 'drizzle-orm';
import { type Deps, inTransaction, type Outbox } from '../../../deps';
import { lockUserRow } from '../../rewards/rewards';
import { applyChange } from '../../wallet/wallet';
import { recordRound } from '../rounds';
import { type CrashFinal, type CrashRound, resolveAt, resultOf } from './outcome';
import { readBalance } from './reads';
import { clearRoundState } from './state';

export type CrashSettlement = {
  gameId: string;
  userId: number;
  status: CrashFinal['status'];
  multiplier: number;
  crashPoint: number;
  payout: number;
  balance: number;
};

const KIND = { cashed: 'cashout', busted: 'bust', expired: 'expired' } as const;

export function toRound(row: CrashBet): CrashRound {
  const startedAtMs = row.startedAt.getTime();
  return {
    bet: row.bet,
    autoCashout: row.autoCashout,
    crashPoint: row.crashPoint,
    startedAtMs,
    ttlMs: row.expiresAt.getTime() - startedAtMs,
    maxWinMultiplier: row.maxWinMultiplier,
  };
}

/**
 * Everything a settlement writes once its conditional update has won, inside the winner's
 * transaction: the payout (if any), the round record with its progression, and the `crash`
 * event that reveals the crash point. `locked`: the caller already holds the player's row.
 * The balance in the answer is read by the caller when `balance` is null (achievements or a
 * level reward credited, or nothing was paid here).
 */
export async function writeSettlement(
  deps: Pick<Deps, 'config'>,
  tx: Db,
  outbox: Outbox,
  row: CrashBet,
  fin: CrashFinal,
  at: Date,
  locked = false,
): Promise<{ balance: number | null }> {
  const ref = { refType: 'crash', refId: row.id };
  let credited: number | null = null;
  // The player's row before their progress rows (recordRound), as every round and claim takes them; a payout takes it below.
  if (fin.payout === 0 && !locked) await lockUserRow(tx, row.userId);
  if (fin.payout > 0) {
    credited = (
      await applyChange(tx, outbox, {
        userId: row.userId,
        currency: 'gold',
        delta: fin.payout,
        reason: 'crash_win',
        ...ref,
        idempotencyKey: `crash:${row.id}:win`,
        // Only the settler that won the conditional update gets here.
        freshKey: true,
      })
    ).balance;
  }
  const recorded = await recordRound(
    tx,
    outbox,
    {
      roundId: row.id,
      userId: row.userId,
      game: 'crash',
      currency: 'gold',
      bet: row.bet,
      payout: fin.payout,
      result: resultOf(row.bet, fin.payout),
      seed: { seedId: row.seedId, nonce: row.nonce },
      configVersion: row.configVersion,
      outcome: {
        crashPoint: row.crashPoint,
        // Needed to re-derive the crash point from the revealed seed (verifyRound).
        houseEdgePercent: row.houseEdgePercent,
        status: fin.status,
        cashoutMultiplier: fin.status === 'cashed' ? fin.multiplier : null,
        autoCashout: row.autoCashout,
        auto: fin.status === 'cashed' && fin.auto,
      },
      durationMs: fin.elapsedMs,
      at,
    },
    deps.config,
  );
  // A lost round changed no balance here; achievements or a level reward may have credited.
  return { balance: credited !== null && !recorded.balanceChanged ? credited : null };
}

/** The settlement's answer and its `crash` event (the crash point is revealed here, once the round is over). */
export function announceSettlement(outbox: Outbox, row: CrashBet, fin: CrashFinal, balance: number): CrashSettlement {
  const s: CrashSettlement = {
    gameId: row.id,
    userId: row.userId,
    status: fin.status,
    multiplier: fin.multiplier,
    crashPoint: row.crashPoint,
    payout: fin.payout,
    balance,
  };
  outbox.push({
    userId: row.userId,
    type: 'crash',
    data: { kind: KIND[fin.status], gameId: row.id, multiplier: s.multiplier, crashPoint: s.crashPoint, payout: s.payout, balance },
  });
  return s;
}

/** Settles `row` as `fin`; null when another settler got there first. */
export async function settleRound(deps: Deps, row: CrashBet, fin: CrashFinal, at: Date): Promise<CrashSettlement | null> {
  const settled = await inTransaction(deps, async (tx, outbox) => {
    const [won] = await tx
      .update(crashBets)
      .set({ status: fin.status, payout: fin.payout, cashoutMultiplier: fin.status === 'cashed' ? fin.multiplier : null, settledAt: at })
      .where(and(eq(crashBets.id, row.id), eq(crashBets.status, 'active')))
      .returning({ id: crashBets.id });
    if (!won) return null;
    const written = await writeSettlement(deps, tx, outbox, row, fin, at);
    return announceSettlement(outbox, row, fin, written.balance ?? (await readBalance(tx, row.userId)));
  });
  await clearRoundState(deps.kv, row.id);
  return settled;
}

/** Settles the round by itself if its auto-cashout, bust or expiry has come by `at`. */
export async function settleIfDue(deps: Deps, row: CrashBet, at: Date): Promise<CrashSettlement | null> {
  if (row.status !== 'active') return null;
  const round = toRound(row);
  const res = resolveAt(round, at.getTime(), round.maxWinMultiplier);
  return res.status === 'active' ? null : settleRound(deps, row, res, at);
}
