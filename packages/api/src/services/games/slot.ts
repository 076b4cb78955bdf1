/** Slot: weighted reels from the fair stream; the win streak is carried by the player's slot rounds (slot-state.ts). */
import { randomUUID } from 'node:crypto';
import { type Db, transaction } from '@casino/db';
import { hmacStream, maxExperienceFor, slotRtp, spinSlot, type TSlotOutcome, ZGameOutcome } from '@casino/shared';
import { type Deps, inTransaction } from '../../deps';
import { DomainError } from '../../errors';
import { statementEvents } from '../../realtime/outbox';
import { activeGameConfig, gameConfigAt } from '../game-config/cache';
import { settleLevel } from '../progression/levels';
import { roundProgressParams } from '../progression/round-progress';
import { refusal } from '../wallet/wallet';
import { awardAchievements, earnedAchievements } from './achievements';
import { fairnessRef } from './fairness';
import { checkBet } from './play';
import { multiplierOf, type RoundRecord } from './rounds';
import { runSlotRound, type SlotRoundRow } from './slot-round';
import { loadSlotState, type SlotState, slotStates, streakAt } from './slot-state';

type SlotConfig = Awaited<ReturnType<typeof activeGameConfig>>['config']['slot'];
type Spun = { state: SlotState; row: SlotRoundRow; record: RoundRecord & { game: 'slot'; outcome: TSlotOutcome } };

/**
 * One spin: the outcome derived from the cached state, written by one statement. If the seed
 * moved on since (or nothing is cached), the state is loaded under the seed row's lock and the
 * statement runs again inside that transaction, where it cannot miss. Follow-ups that are rare
 * (a level reached, an achievement unlocked) run after it in their own transaction.
 */
export async function spin(deps: Deps, userId: number, bet: number, sessionId: string | null = null) {
  const { version, config } = await activeGameConfig(deps);
  const cfg = config.slot;
  checkBet(cfg, bet);
  const states = slotStates(deps.db);
  const round = { roundId: randomUUID(), at: deps.clock.now(), version, bet, userId, sessionId };
  const cached = states.get(userId);
  let spun = cached ? await attempt(deps, deps.db, cfg, cached, round) : null;
  spun ??= await transaction(deps.db, async (tx) => {
    const state = await loadSlotState(tx, userId, { lock: true });
    const again = await attempt(deps, tx, cfg, state, round);
    if (!again) throw new Error('the seed row moved while locked');
    return again;
  });
  const { state, row, record } = spun;
  const o = record.outcome;
  states.set(userId, {
    ...state,
    nonce: state.nonce + 1,
    streak: o.streakAfter,
    streakStake: o.streakStakeAfter,
    streakAt: round.at.getTime(),
  });
  await deps.bus.afterCommit(statementEvents(userId, row.outbox));
  let balance = Number(row.gold);
  balance = (await afterSpin(deps, state, record, row)) ?? balance;
  return {
    roundId: round.roundId,
    reels: o.reels,
    win: o.win,
    kind: o.kind,
    payout: o.payout,
    bonusPercent: o.bonusPercent,
    bonusStake: o.bonusStake,
    streak: o.streakAfter,
    streakStake: o.streakStakeAfter,
    balance,
    fairness: fairnessRef(state),
    configVersion: version,
  };
}

type RoundInput = { roundId: string; at: Date; version: number; bet: number; userId: number; sessionId: string | null };

/** Derives the outcome from `state` and runs the statement: the spin, null if the seed moved on, or insufficient_funds. */
async function attempt(deps: Deps, db: Db, cfg: SlotConfig, state: SlotState, r: RoundInput): Promise<Spun | null> {
  const { streak, stake } = streakAt(state, r.at);
  const s = spinSlot(cfg, hmacStream(state.serverSeed, state.clientSeed, state.nonce), { bet: r.bet, streak, streakStake: stake });
  const outcome: TSlotOutcome = { ...s, bet: r.bet, streakBefore: streak, streakStakeBefore: stake };
  const record = {
    roundId: r.roundId,
    userId: r.userId,
    game: 'slot' as const,
    outcome,
    currency: 'gold' as const,
    bet: r.bet,
    payout: s.payout,
    result: s.win ? ('win' as const) : ('loss' as const),
    seed: { seedId: state.seedId, nonce: state.nonce },
    configVersion: r.version,
    at: r.at,
  };
  ZGameOutcome.parse({ game: 'slot', outcome });
  const row = await runSlotRound(db, {
    user: r.userId,
    session: r.sessionId,
    seed: state.seedId,
    nonce: state.nonce,
    currency: 'gold',
    stake: r.bet,
    payout: s.payout,
    betReason: 'slot_bet',
    winReason: 'slot_win',
    roundId: r.roundId,
    betKey: `round:${r.roundId}:bet`,
    winKey: `round:${r.roundId}:win`,
    game: 'slot',
    multiplier: multiplierOf(r.bet, s.payout),
    result: record.result,
    outcome: JSON.stringify(outcome),
    configVersion: r.version,
    at: r.at.toISOString(),
    win: s.win ? 1 : 0,
    loss: s.win ? 0 : 1,
    ...roundProgressParams(record, deps.config),
  });
  if (row.applied) return { state, row, record };
  if (row.refused) throw new DomainError(row.refused);
  if (!row.seed_ok) return null;
  throw await refusal(db, {
    userId: r.userId,
    entries: [
      { currency: 'gold', delta: -r.bet, reason: 'slot_bet' },
      { currency: 'gold', delta: s.payout, reason: 'slot_win' },
    ],
  });
}

/**
 * A level reached or achievements earned: settled in their own transaction. Returns the gold
 * balance their rewards left — the last gold `token_update` they queued carries it (every
 * balance change goes through the wallet writer, which queues one) — or null if no gold moved.
 */
async function afterSpin(deps: Deps, state: SlotState, record: Spun['record'], row: SlotRoundRow): Promise<number | null> {
  const levelUp = row.level !== null && row.experience !== null && row.experience >= maxExperienceFor(row.level);
  const ctx = { ...record, multiplier: multiplierOf(record.bet, record.payout), totalBets: Number(row.total_bets) };
  const earned = earnedAchievements(ctx, state.achievements);
  if (!levelUp && earned.length === 0) return null;
  const gold = await inTransaction(deps, async (tx, outbox) => {
    // The spin's statement left this level and experience; settleLevel checks them under the row's lock.
    if (levelUp)
      await settleLevel(tx, outbox, { config: deps.config, at: record.at }, record.userId, Number(row.level), Number(row.experience));
    if (earned.length) await awardAchievements(tx, outbox, ctx, state.achievements);
    const last = outbox.findLast((e) => e.type === 'token_update' && e.userId === record.userId && e.data.currency === 'gold');
    return last ? Number(last.data.balance) : null;
  });
  const cached = slotStates(deps.db).get(record.userId);
  for (const a of earned) cached?.achievements.add(a.code);
  return gold;
}

/** The machine in force, or the one of an earlier version (to re-derive that version's rounds). */
export async function slotPublicConfig(deps: Deps, at?: number) {
  const active = at === undefined ? await activeGameConfig(deps) : { version: at, config: await gameConfigAt(deps, at) };
  const cfg = active.config.slot;
  const rtp = slotRtp(cfg);
  return {
    version: active.version,
    symbols: cfg.symbols.map((s) => ({ id: s.id, name: s.name })),
    weights: cfg.symbols.map((s) => s.weights),
    paytable: cfg.paytable,
    streakBonus: cfg.streakBonus,
    maxWinMultiplier: cfg.maxWinMultiplier,
    /** Exact RTP including the streak bonus, as a fraction (0.96 = 96%); no betting strategy returns more. */
    rtp: rtp.rtp,
    rtpBreakdown: rtp,
    minBet: cfg.minBet,
    maxBet: cfg.maxBet,
  };
}
