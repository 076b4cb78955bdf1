/**
 * Exactly-once settlement. `UPDATE crash_bets SET status=… WHERE id=$1 AND status='active'
 * RETURNING` decides which settler wins (a cashout, the worker, the sweeper, on any
 * instance); only the winner credits (idempotency key crash:{id}:win), records the round
 * and publishes the `crash` event, all in that one transaction. The losers change nothing.
 * This is the one-round path (cash-out, a bet settling its due predecessor); the worker
 * settles many rounds per transaction with the same writes (settle-batch.ts).
 */
import type { CrashBet, Db } from '@casino/db';
import { ZGameOutcome } from '@casino/shared';
import { type Deps, inTransaction, type Outbox } from '../../../deps';
import { afterRoundProgress, roundProgressParams } from '../../progression/round-progress';
import { jsonColumn } from '../../shared/prepared';
import { awardAchievements } from '../achievements';
import { multiplierOf } from '../rounds';
import { type CrashFinal, type CrashRound, resolveAt, resultOf } from './outcome';
import { readBalance } from './reads';
import { runDecidedSettlement, runDecidingSettlement } from './settle-statement';
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
 * Everything a settlement writes, in one statement (settle-statement.ts): the payout (if any),
 * the round record with its progression; then the live events of what it wrote and the rare
 * follow-ups (a level reached, achievements unlocked) in the same transaction.
 * `deciding`: the statement first settles the round if it is still active (a cash-out);
 * otherwise the caller's batch already won it and holds the player's row. Null when the round
 * was no longer active. The balance is the player's gold after everything written here.
 */
export async function writeSettlement(
  deps: Pick<Deps, 'config'>,
  tx: Db,
  outbox: Outbox,
  row: CrashBet,
  fin: CrashFinal,
  at: Date,
  deciding: boolean,
): Promise<{ balance: number } | null> {
  const r = {
    roundId: row.id,
    userId: row.userId,
    game: 'crash' as const,
    currency: 'gold' as const,
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
  };
  ZGameOutcome.parse({ game: r.game, outcome: r.outcome });
  const multiplier = multiplierOf(r.bet, r.payout);
  const run = deciding ? runDecidingSettlement : runDecidedSettlement;
  const res = await run(tx, {
    user: r.userId,
    roundId: r.roundId,
    status: fin.status,
    payout: fin.payout,
    cashoutMultiplier: r.outcome.cashoutMultiplier,
    winKey: `crash:${row.id}:win`,
    bet: r.bet,
    multiplier,
    result: r.result,
    seed: r.seed.seedId,
    nonce: r.seed.nonce,
    outcome: JSON.stringify(r.outcome),
    duration: r.durationMs,
    configVersion: r.configVersion,
    at: at.toISOString(),
    win: r.result === 'win' ? 1 : 0,
    loss: r.result === 'loss' ? 1 : 0,
    ...roundProgressParams(r, deps.config),
  });
  if (!res.applied) {
    if (deciding) return null;
    throw new Error(`crash settlement of ${row.id} wrote nothing (no player ${row.userId})`);
  }
  const ledger = jsonColumn(res.ledger);
  if (ledger) {
    outbox.push({
      userId: r.userId,
      type: 'token_update',
      data: {
        currency: 'gold',
        delta: Number(ledger.delta),
        balance: Number(ledger.balance),
        reason: 'crash_win',
        ledgerId: Number(ledger.id),
      },
    });
  }
  const levelUp = await afterRoundProgress(tx, outbox, deps.config, r, res);
  const known = new Set(jsonColumn(res.achievements) ?? []);
  const achievements = await awardAchievements(tx, outbox, { ...r, multiplier, totalBets: Number(res.total_bets) }, known);
  // Achievements or a level reward credited after the statement: read the balance they left.
  return { balance: levelUp || achievements ? await readBalance(tx, r.userId) : Number(res.gold) };
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
    const written = await writeSettlement(deps, tx, outbox, row, fin, at, true);
    return written && announceSettlement(outbox, row, fin, written.balance);
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
