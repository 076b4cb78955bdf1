import { msToReach, multiplierAt } from '@casino/shared';
import { describe, expect, it } from 'vitest';
import { type CrashRound, cashoutAt, dueMs, resolveAt } from './outcome';

const round = (p: Partial<CrashRound>): CrashRound => ({
  bet: 100,
  autoCashout: null,
  crashPoint: 2,
  startedAtMs: 1_000_000,
  ttlMs: 120_000,
  maxWinMultiplier: 1000,
  ...p,
});
const at = (r: CrashRound, ms: number) => r.startedAtMs + ms;

describe('crash round resolution', () => {
  it('is active below the crash point and busts exactly when the multiplier reaches it', () => {
    const r = round({ crashPoint: 2 });
    expect(resolveAt(r, at(r, 1000), 1000)).toEqual({ status: 'active', multiplier: multiplierAt(1000), elapsedMs: 1000 });
    expect(resolveAt(r, at(r, msToReach(2) - 1), 1000)).toMatchObject({ status: 'active', multiplier: 1.99 });
    expect(resolveAt(r, at(r, msToReach(2)), 1000)).toEqual({ status: 'busted', multiplier: 2, payout: 0, elapsedMs: msToReach(2) });
    expect(dueMs(r)).toBe(msToReach(2));
    expect(resolveAt(round({ crashPoint: 1 }), at(r, 0), 1000)).toMatchObject({ status: 'busted', multiplier: 1 });
  });

  it('settles an auto-cashout at exactly its target iff the target is below the crash point', () => {
    const win = round({ autoCashout: 1.99, crashPoint: 2 });
    expect(dueMs(win)).toBe(msToReach(1.99));
    expect(resolveAt(win, at(win, 10 ** 6), 1000)).toEqual({
      status: 'cashed',
      multiplier: 1.99,
      payout: 199,
      auto: true,
      elapsedMs: msToReach(1.99),
    });
    const lose = round({ autoCashout: 2, crashPoint: 2 });
    expect(resolveAt(lose, at(lose, 10 ** 6), 1000)).toMatchObject({ status: 'busted', payout: 0 });
    // Where one ms spans several hundredths, the target still wins against a higher crash point at the same ms.
    const steep = round({ autoCashout: 1000, crashPoint: 1000.01, ttlMs: 10 ** 6 });
    expect(msToReach(1000)).toBe(msToReach(1000.01));
    expect(resolveAt(steep, at(steep, 10 ** 7), 10_000)).toMatchObject({ status: 'cashed', multiplier: 1000 });
  });

  it('expires a round still running at the TTL; a manual cashout pays floor(bet × m), capped', () => {
    const r = round({ crashPoint: 5000, ttlMs: 120_000 });
    expect(resolveAt(r, at(r, 120_000), 1000)).toEqual({
      status: 'expired',
      multiplier: multiplierAt(120_000),
      payout: 0,
      elapsedMs: 120_000,
    });
    expect(cashoutAt(r, at(r, 1000), 1000)).toEqual({ status: 'cashed', multiplier: 1.06, payout: 106, auto: false, elapsedMs: 1000 });
    expect(cashoutAt(round({ bet: 33, crashPoint: 10 }), at(r, msToReach(3)), 2)).toMatchObject({ multiplier: 3, payout: 66 });
    expect(cashoutAt(r, at(r, -5), 1000)).toMatchObject({ status: 'cashed', multiplier: 1, payout: 100 });
  });
});
