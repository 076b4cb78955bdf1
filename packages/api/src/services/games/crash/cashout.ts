/**
 * games.crash.cashout: the multiplier is read from the server clock when the call arrives
 * (database latency never costs the player). The answer depends on the round's fate, not
 * on which settler committed first: a round that busted answers crash_busted whoever
 * settled it, and a cash-out the worker already made at exactly the multiplier this call
 * computes (auto-cashout) answers as success, so retries are safe.
 */
import type { CrashBet } from '@casino/db';
import type { Deps } from '../../../deps';
import { DomainError } from '../../../errors';
import { cashoutAt, sameCashout } from './outcome';
import { findActiveRound, findRound, readBalance } from './reads';
import { settleRound, toRound } from './settle';

export type CashoutResult = { gameId: string; multiplier: number; payout: number; balance: number; crashPoint: number };

const notFound = (gameId: string | null, details: Record<string, unknown> = {}) =>
  new DomainError('crash_not_found', { gameId, ...details }, 'No crash round in play.');

function lost(row: CrashBet): DomainError {
  const details = { gameId: row.id, crashPoint: row.crashPoint };
  return row.status === 'expired'
    ? new DomainError('crash_expired', details, 'The round expired before it was cashed out.')
    : new DomainError('crash_busted', details, `The round crashed at ${row.crashPoint.toFixed(2)}×.`);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Cashes out `gameId` (or, when null, the round in play). */
export async function cashout(deps: Deps, userId: number, requested: string | null): Promise<CashoutResult> {
  const at = deps.clock.now();
  if (requested !== null && !UUID.test(requested)) throw notFound(requested);
  const row = requested ? await findRound(deps.db, requested) : await findActiveRound(deps.db, userId);
  // Another user's round is indistinguishable from none (no IDOR oracle).
  if (!row || row.userId !== userId) throw notFound(requested);
  const gameId = row.id;
  const round = toRound(row);
  const fin = cashoutAt(round, at.getTime(), round.maxWinMultiplier);
  let final: CrashBet | null = row;
  if (row.status === 'active') {
    const settled = await settleRound(deps, row, fin, at);
    if (settled) {
      if (fin.status !== 'cashed') throw lost({ ...row, status: fin.status });
      return { gameId, multiplier: fin.multiplier, payout: fin.payout, balance: settled.balance, crashPoint: row.crashPoint };
    }
    final = await findRound(deps.db, gameId); // a concurrent settler won
  }
  if (!final || final.status === 'active') throw notFound(gameId);
  if (final.status !== 'cashed') throw lost(final);
  if (sameCashout(fin, final)) {
    return {
      gameId,
      multiplier: fin.multiplier,
      payout: fin.payout,
      balance: await readBalance(deps.db, userId),
      crashPoint: final.crashPoint,
    };
  }
  throw notFound(gameId, { status: 'cashed' });
}
