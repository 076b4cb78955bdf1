/**
 * games.crash.bet: one transaction takes the fair nonce (row lock: one user's bets are
 * serialised), fixes the crash point, debits the stake, inserts the active round and, as
 * its last step, writes the live state to Redis — so a Redis failure rolls back the debit.
 * The partial unique index `crash_bets_one_active_uq` is the final word on one active
 * round per user. The crash point is not part of any answer or event until settlement.
 */
import { randomUUID } from 'node:crypto';
import { crashBets } from '@casino/db';
import { crashPoint as deriveCrashPoint } from '@casino/shared';
import { type Deps, inTransaction } from '../../../deps';
import { DomainError, isUniqueViolation } from '../../../errors';
import { activeGameConfig } from '../../game-config/cache';
import { applyChange } from '../../wallet/wallet';
import { takeNonce } from '../fairness';
import { checkBet } from '../play';
import { dueMs } from './outcome';
import { findActiveRound, settleIfDue } from './settle';
import { writeRoundState } from './state';

export type CrashBetInput = { bet: number; autoCashout?: number | null };

/** Two-decimal target in [1.01, maxWinMultiplier], or null. */
function checkTarget(target: number | null | undefined, maxWinMultiplier: number): number | null {
  if (target === null || target === undefined) return null;
  const cents = Math.round(target * 100);
  if (!Number.isFinite(target) || Math.abs(target * 100 - cents) > 1e-6 || cents < 101 || cents > Math.round(maxWinMultiplier * 100)) {
    throw new DomainError(
      'auto_cashout_out_of_range',
      { min: 1.01, max: maxWinMultiplier },
      `Auto cash-out is a multiplier from 1.01 to ${maxWinMultiplier} with at most two decimals.`,
    );
  }
  return cents / 100;
}

export async function placeBet(deps: Deps, userId: number, input: CrashBetInput) {
  const { version, config } = await activeGameConfig(deps);
  // Edge and cap come from the version in force at bet time; the round keeps them across a publish.
  const cfg = { ...config.crash, roundTtlMs: deps.config.games.crash.roundTtlMs };
  checkBet(cfg, input.bet);
  const autoCashout = checkTarget(input.autoCashout, cfg.maxWinMultiplier);
  // A round whose bust or auto-cashout has passed but the worker has not reached yet
  // must not block the next bet: settle it here (exactly-once like every settler).
  const previous = await findActiveRound(deps.db, userId);
  if (previous) await settleIfDue(deps, previous, deps.clock.now());

  const gameId = randomUUID();
  try {
    return await inTransaction(deps, async (tx, outbox) => {
      const seed = await takeNonce(tx, userId);
      const active = await findActiveRound(tx, userId);
      if (active) throw new DomainError('crash_active', { gameId: active.id }, 'You already have a crash round in play.');

      const startedAt = deps.clock.now();
      const round = {
        bet: input.bet,
        autoCashout,
        crashPoint: deriveCrashPoint(seed.serverSeed, seed.clientSeed, seed.nonce, cfg.houseEdgePercent),
        startedAtMs: startedAt.getTime(),
        ttlMs: cfg.roundTtlMs,
        maxWinMultiplier: cfg.maxWinMultiplier,
      };
      const dueAt = new Date(round.startedAtMs + dueMs(round));
      const debit = await applyChange(tx, outbox, {
        userId,
        currency: 'gold',
        delta: -input.bet,
        reason: 'crash_bet',
        refType: 'crash',
        refId: gameId,
        idempotencyKey: `crash:${gameId}:bet`,
        freshKey: true, // gameId was generated for this bet
      });
      await tx.insert(crashBets).values({
        id: gameId,
        userId,
        bet: input.bet,
        autoCashout,
        crashPoint: round.crashPoint,
        seedId: seed.seedId,
        nonce: seed.nonce,
        configVersion: version,
        houseEdgePercent: cfg.houseEdgePercent,
        maxWinMultiplier: cfg.maxWinMultiplier,
        status: 'active',
        startedAt,
        expiresAt: new Date(round.startedAtMs + cfg.roundTtlMs),
        dueAt,
      });
      outbox.push({
        userId,
        type: 'crash',
        data: { kind: 'start', gameId, bet: input.bet, autoCashout, startedAt: startedAt.toISOString() },
      });
      await writeRoundState(deps.kv, { gameId, userId, ...round, dueAtMs: dueAt.getTime() }, deps.logger);
      return {
        gameId,
        startedAt,
        balance: debit.balance,
        autoCashout,
        fairness: { serverSeedHash: seed.serverSeedHash, clientSeed: seed.clientSeed, nonce: seed.nonce },
        configVersion: version,
      };
    });
  } catch (err) {
    if (isUniqueViolation(err, 'crash_bets_one_active_uq'))
      throw new DomainError('crash_active', {}, 'You already have a crash round in play.');
    throw err;
  }
}
