/**
 * games.crash.bet. Usually one statement (bet-statement.ts): the crash point is derived from the
 * player's fairness state as this instance last saw it (slot-state.ts, shared with the slot:
 * one nonce sequence per seed pair), the live state is written to Redis — Redis down: refused,
 * nothing charged — and the statement takes the nonce under the seed row's lock, inserts the
 * round, debits the stake and queues the events, or writes nothing if the seed moved on, a round
 * is in play or the balance is short. Then (and for a first bet, or when Redis state must be
 * forgotten) the transaction path: a due round settled first, the nonce taken under the lock,
 * the round, the debit and the Redis state together.
 * The partial unique index `crash_bets_one_active_uq` is the final word on one active
 * round per user. The crash point is not part of any answer or event until settlement.
 */
import { randomUUID } from 'node:crypto';
import { crashBets } from '@casino/db';
import { crashPoint as deriveCrashPoint, type TCrashRoundEvent } from '@casino/shared';
import { type Deps, inTransaction } from '../../../deps';
import { DomainError, isUniqueViolation } from '../../../errors';
import { statementEvents } from '../../../realtime/outbox';
import { activeGameConfig } from '../../game-config/cache';
import { applyChange } from '../../wallet/wallet';
import { takeNonce } from '../fairness';
import { checkBet } from '../play';
import { loadSlotState, slotStates } from '../slot-state';
import { allSettledOrThrow } from './all-settled';
import { runCrashBet } from './bet-statement';
import { throughGate } from './gate';
import { dueMs } from './outcome';
import { findActiveRound } from './reads';
import { settleIfDue } from './settle';
import { clearRoundState, writeRoundState } from './state';

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
  const placed = await openInOneStatement(deps, userId, input.bet, autoCashout, version, cfg);
  if (placed) return placed;
  // The transaction path takes the nonce itself: this instance's view of the seed is stale.
  slotStates(deps.db).delete(userId);
  return throughGate(deps.db, () => open(deps, userId, input.bet, autoCashout, version, cfg));
}

type BetConfig = { houseEdgePercent: number; maxWinMultiplier: number; roundTtlMs: number };

/** The bet in one statement; null when it wrote nothing for a reason the transaction path sorts out. */
async function openInOneStatement(deps: Deps, userId: number, bet: number, autoCashout: number | null, version: number, cfg: BetConfig) {
  const states = slotStates(deps.db);
  const cached = states.get(userId);
  const state = cached ?? (await loadSlotState(deps.db, userId, { lock: false }));
  if (!cached) states.set(userId, state);
  // The round starts once its database work may run (a bet waiting at the gate has not started).
  const { gameId, startedAt, row } = await throughGate(deps.db, async () => {
    const gameId = randomUUID();
    const startedAt = deps.clock.now();
    const round = {
      bet,
      autoCashout,
      crashPoint: deriveCrashPoint(state.serverSeed, state.clientSeed, state.nonce, cfg.houseEdgePercent),
      startedAtMs: startedAt.getTime(),
      ttlMs: cfg.roundTtlMs,
      maxWinMultiplier: cfg.maxWinMultiplier,
    };
    const dueAt = new Date(round.startedAtMs + dueMs(round));
    // First, outside any transaction: Redis unavailable → refused before anything is written.
    await writeRoundState(deps.kv, { gameId, userId, ...round, dueAtMs: dueAt.getTime() }, deps.logger);
    const start = { kind: 'start', gameId, bet, autoCashout, startedAt: startedAt.toISOString() } satisfies TCrashRoundEvent;
    try {
      const row = await runCrashBet(deps.db, {
        user: userId,
        seed: state.seedId,
        nonce: state.nonce,
        clientSeed: state.clientSeed,
        gameId,
        bet,
        autoCashout,
        crashPoint: round.crashPoint,
        configVersion: version,
        edge: cfg.houseEdgePercent,
        maxWin: cfg.maxWinMultiplier,
        startedAt: startedAt.toISOString(),
        expiresAt: new Date(round.startedAtMs + cfg.roundTtlMs).toISOString(),
        dueAt: dueAt.toISOString(),
        betKey: `crash:${gameId}:bet`,
        start: JSON.stringify(start),
        at: startedAt.toISOString(),
      });
      return { gameId, startedAt, row };
    } catch (err) {
      await clearRoundState(deps.kv, gameId);
      throw err;
    }
  });
  if (!row.applied) {
    await clearRoundState(deps.kv, gameId);
    return null;
  }
  states.set(userId, { ...state, nonce: state.nonce + 1 });
  await deps.bus.afterCommit(statementEvents(userId, row.outbox));
  return {
    gameId,
    startedAt,
    balance: Number(row.gold),
    autoCashout,
    fairness: { serverSeedHash: state.serverSeedHash, clientSeed: state.clientSeed, nonce: state.nonce },
    configVersion: version,
  };
}

async function open(deps: Deps, userId: number, bet: number, autoCashout: number | null, version: number, cfg: BetConfig) {
  // A round whose bust or auto-cashout has passed but the worker has not reached yet
  // must not block the next bet: settle it here (exactly-once like every settler).
  const previous = await findActiveRound(deps.db, userId);
  if (previous && !(await settleIfDue(deps, previous, deps.clock.now())))
    throw new DomainError('crash_active', { gameId: previous.id }, 'You already have a crash round in play.');

  const gameId = randomUUID();
  let stateWrite: Promise<unknown> | null = null;
  try {
    return await inTransaction(deps, async (tx, outbox) => {
      // The seed row lock serialises one user's bets; a bet racing this one past the check
      // above meets the partial unique index below (crash_active).
      const seed = await takeNonce(tx, userId);
      const startedAt = deps.clock.now();
      const round = {
        bet: bet,
        autoCashout,
        crashPoint: deriveCrashPoint(seed.serverSeed, seed.clientSeed, seed.nonce, cfg.houseEdgePercent),
        startedAtMs: startedAt.getTime(),
        ttlMs: cfg.roundTtlMs,
        maxWinMultiplier: cfg.maxWinMultiplier,
      };
      const dueAt = new Date(round.startedAtMs + dueMs(round));
      // The live state is written while the round row is inserted, then the debit; any failure
      // rolls the transaction back and the state is forgotten below. The row goes before the
      // debit: while the user's previous round is being settled (a crash at 1.00 is due at
      // once) the insert waits on the one-active index holding only the seed lock, where a
      // debit would hold the player's row that the settlement locks next (a deadlock).
      stateWrite = writeRoundState(deps.kv, { gameId, userId, ...round, dueAtMs: dueAt.getTime() }, deps.logger);
      const inserted = tx
        .insert(crashBets)
        .values({
          id: gameId,
          userId,
          bet: bet,
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
        })
        .then(() => undefined);
      const [, debit] = await allSettledOrThrow([
        inserted,
        inserted.then(() =>
          applyChange(tx, outbox, {
            userId,
            currency: 'gold',
            delta: -bet,
            reason: 'crash_bet',
            refType: 'crash',
            refId: gameId,
            idempotencyKey: `crash:${gameId}:bet`,
            freshKey: true, // gameId was generated for this bet
          }),
        ),
        stateWrite,
      ] as const);
      outbox.push({
        userId,
        type: 'crash',
        data: { kind: 'start', gameId, bet: bet, autoCashout, startedAt: startedAt.toISOString() },
      });
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
    // Nothing committed: a live state written for this bet is a leftover (best effort; the worker drops ghosts too).
    if (stateWrite) await Promise.allSettled([stateWrite]).then(() => clearRoundState(deps.kv, gameId));
    if (isUniqueViolation(err, 'crash_bets_one_active_uq'))
      throw new DomainError('crash_active', {}, 'You already have a crash round in play.');
    throw err;
  }
}
