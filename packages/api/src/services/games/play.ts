/** The common frame of an instant round: bet limits, fair seed, stake and payout, record. */
import { randomUUID } from 'node:crypto';
import type { Db } from '@casino/db';
import type { TCurrency, TGameOutcome, TRoundOutcome } from '@casino/shared';
import { type Deps, inTransaction, type Outbox } from '../../deps';
import { DomainError } from '../../errors';
import { getBalance } from '../wallet/queries';
import { settleRoundMoney } from '../wallet/round-settlement';
import type { BetLimits } from './config';
import { type RoundSeed, takeNonce } from './fairness';
import { recordRound, type TGame, type TResult } from './rounds';

export function checkBet(limits: BetLimits, bet: number): void {
  if (!Number.isSafeInteger(bet) || bet < limits.minBet || bet > limits.maxBet) {
    throw new DomainError(
      'bet_out_of_range',
      { minBet: limits.minBet, maxBet: limits.maxBet },
      `Bets are whole numbers from ${limits.minBet} to ${limits.maxBet}.`,
    );
  }
}

export type Settled<T> = { roundId: string; seed: RoundSeed; balance: number; outcome: T };

type Decide<T> = (seed: RoundSeed, tx: Db) => Promise<{ payout: number; result: TResult; outcome: T }>;

/**
 * Runs one instant round in one transaction. `decide` derives the outcome from the
 * round's seed and nonce; `beforeCommit` runs last inside it (e.g. the gacha inventory).
 * Neither may call Redis: the transaction holds the user's seed row and balance locks.
 */
export async function playRound<T extends TRoundOutcome>(
  deps: Deps,
  p: {
    userId: number;
    game: TGame;
    /** The configuration version `decide` derives the outcome with. */
    configVersion: number;
    currency: TCurrency;
    cost: number;
    decide: Decide<T>;
    beforeCommit?: (outcome: T, tx: Db, outbox: Outbox) => Promise<void>;
  },
): Promise<Settled<T>> {
  const roundId = randomUUID();
  return inTransaction(deps, async (tx, outbox) => {
    const seed = await takeNonce(tx, p.userId);
    const { payout, result, outcome } = await p.decide(seed, tx);
    let { balance } = await settleRoundMoney(tx, outbox, {
      userId: p.userId,
      currency: p.currency,
      stake: p.cost,
      payout,
      game: p.game,
      roundId,
    });
    const recorded = await recordRound(
      tx,
      outbox,
      {
        roundId,
        userId: p.userId,
        // recordRound checks the pair at runtime; the generic T cannot name its game here.
        ...({ game: p.game, outcome } as TGameOutcome),
        currency: p.currency,
        bet: p.cost,
        payout,
        result,
        seed,
        configVersion: p.configVersion,
        at: deps.clock.now(),
      },
      deps.config,
    );
    // Achievement and level rewards credit gold after the round's own entries.
    if (recorded.balanceChanged) balance = (await getBalance(tx, p.userId))[p.currency];
    await p.beforeCommit?.(outcome, tx, outbox);
    return { roundId, seed, balance, outcome };
  });
}
