/**
 * Pure resolution of a crash round on the server clock. A round's fate is fixed at bet
 * time: an auto-cashout target wins iff it is below the crash point, and the first of
 * auto-cashout, bust and expiry (ms after start) settles the round; ties go
 * auto-cashout → bust → expiry. Everything here is a function of (round, time), so every
 * settler (cashout, worker, sweeper, any instance) reaches the same outcome.
 */
import { cashoutPayout, crashBustMs, crashCashoutWins, msToReach, multiplierAt } from '@casino/shared';

export type CrashRound = {
  bet: number;
  autoCashout: number | null;
  crashPoint: number;
  startedAtMs: number;
  /** Expiry, ms after start (frozen at bet time as expires_at − started_at). */
  ttlMs: number;
  /** Caps the payout at bet × this: the round's own configuration version's cap. */
  maxWinMultiplier: number;
};

export type CrashFinal =
  | { status: 'cashed'; multiplier: number; payout: number; auto: boolean; elapsedMs: number }
  | { status: 'busted'; multiplier: number; payout: 0; elapsedMs: number }
  | { status: 'expired'; multiplier: number; payout: 0; elapsedMs: number };

export type CrashResolution = { status: 'active'; multiplier: number; elapsedMs: number } | CrashFinal;

/** ms after start at which the auto-cashout settles; Infinity when there is none or it loses. */
export function autoCashoutMs(r: Pick<CrashRound, 'autoCashout' | 'crashPoint'>): number {
  return r.autoCashout !== null && crashCashoutWins(r.autoCashout, r.crashPoint) ? msToReach(r.autoCashout) : Number.POSITIVE_INFINITY;
}

/** ms after start by which the server must settle the round by itself. */
export function dueMs(r: CrashRound): number {
  return Math.min(autoCashoutMs(r), crashBustMs(r.crashPoint), r.ttlMs);
}

/** A cash-out at `multiplier`: floor(bet × m), capped at bet × maxWinMultiplier. */
export function cashedAt(r: CrashRound, multiplier: number, maxWinMultiplier: number, auto: boolean, elapsedMs: number): CrashFinal {
  const payout = Math.min(cashoutPayout(r.bet, multiplier), cashoutPayout(r.bet, maxWinMultiplier));
  return { status: 'cashed', multiplier, payout, auto, elapsedMs };
}

/** Where the round stands at server time `atMs`. */
export function resolveAt(r: CrashRound, atMs: number, maxWinMultiplier: number): CrashResolution {
  const elapsed = Math.max(0, atMs - r.startedAtMs);
  const auto = autoCashoutMs(r);
  const bust = crashBustMs(r.crashPoint);
  const first = Math.min(auto, bust, r.ttlMs);
  if (elapsed < first) return { status: 'active', multiplier: multiplierAt(elapsed), elapsedMs: elapsed };
  if (auto === first && r.autoCashout !== null) return cashedAt(r, r.autoCashout, maxWinMultiplier, true, auto);
  if (bust === first) return { status: 'busted', multiplier: r.crashPoint, payout: 0, elapsedMs: bust };
  return { status: 'expired', multiplier: multiplierAt(r.ttlMs), payout: 0, elapsedMs: r.ttlMs };
}

/** A manual cash-out at server time `atMs`: at the current multiplier while active, else the settled fate. */
export function cashoutAt(r: CrashRound, atMs: number, maxWinMultiplier: number): CrashFinal {
  const res = resolveAt(r, atMs, maxWinMultiplier);
  return res.status === 'active' ? cashedAt(r, res.multiplier, maxWinMultiplier, false, res.elapsedMs) : res;
}

/** The round record's result: a 1.00× cash-out returns the stake (draw). */
export function resultOf(bet: number, payout: number): 'win' | 'draw' | 'loss' {
  return payout > bet ? 'win' : payout === bet ? 'draw' : 'loss';
}

/** Whether a stored settlement is exactly the cash-out `fin`. */
export const sameCashout = (fin: CrashFinal, row: { status: string; cashoutMultiplier: number | null; payout: number }) =>
  fin.status === 'cashed' && row.status === 'cashed' && row.cashoutMultiplier === fin.multiplier && row.payout === fin.payout;
