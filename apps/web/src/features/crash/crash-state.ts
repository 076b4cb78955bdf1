/** The crash round as this page knows it, and the pure transitions from each source of truth. */
export type RoundBase = { gameId: string; bet: number | null; autoCashout: number | null; startedAtMs: number };
export type Running = RoundBase & { phase: 'running' };
export type Settled = RoundBase & {
  phase: 'settled';
  status: 'cashed' | 'busted' | 'expired';
  /** Cash-out multiplier, or where the round stopped. */
  multiplier: number;
  crashPoint: number | null;
  payout: number;
};
export type Round = { phase: 'idle' } | Running | Settled;
export type Settlement = Pick<Settled, 'status' | 'multiplier' | 'crashPoint' | 'payout'>;

const KIND_STATUS: Record<string, Settled['status']> = { cashout: 'cashed', bust: 'busted', expired: 'expired' };

/** Same round, or an older one than what is shown (a stale answer): nothing to change. */
export function knows(round: Round, gameId: string, startedAtMs: number): boolean {
  if (round.phase === 'idle') return false;
  return round.gameId === gameId || startedAtMs < round.startedAtMs;
}

export function settle(round: Round, gameId: string, s: Settlement): Round {
  if (round.phase === 'settled' && round.gameId === gameId) return round;
  const base: RoundBase =
    round.phase !== 'idle' && round.gameId === gameId ? round : { gameId, bet: null, autoCashout: null, startedAtMs: Date.now() };
  return { ...base, gameId, phase: 'settled', ...s };
}

/** A `cashout` / `bust` / `expired` event of games.crash.onRound, or null for other kinds. */
export function settlementOfEvent(ev: Record<string, unknown>): Settlement | null {
  const status = KIND_STATUS[String(ev.kind)];
  if (!status) return null;
  return {
    status,
    multiplier: Number(ev.multiplier ?? 0),
    crashPoint: typeof ev.crashPoint === 'number' ? ev.crashPoint : null,
    payout: Number(ev.payout ?? 0),
  };
}

/** The recorded outcome of a settled crash round (games.fairness.rounds). */
export function settlementOfRecord(row: { payout: number; outcome: unknown }): Settlement | null {
  const o = (row.outcome ?? {}) as { status?: string; crashPoint?: number; cashoutMultiplier?: number | null };
  if (o.status !== 'cashed' && o.status !== 'busted' && o.status !== 'expired') return null;
  return {
    status: o.status,
    multiplier: o.cashoutMultiplier ?? o.crashPoint ?? 1,
    crashPoint: o.crashPoint ?? null,
    payout: row.payout,
  };
}
