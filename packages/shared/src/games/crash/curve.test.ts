import { describe, expect, it } from 'vitest';
import { crashPoint } from '../../fairness/crash-point';
import { cashoutPayout, crashBustMs, crashCashoutWins, msToReach, multiplierAt, ZCrashTarget } from './curve';

describe('crash curve', () => {
  it('multiplierAt is e^(0.00006·ms) floored to two decimals', () => {
    expect(multiplierAt(0)).toBe(1);
    expect(multiplierAt(-5)).toBe(1);
    expect(multiplierAt(1000)).toBe(1.06); // e^0.06 = 1.0618
    expect(multiplierAt(11_552)).toBe(1.99); // e^0.69312 = 1.99998
    expect(multiplierAt(11_553)).toBe(2);
    expect(multiplierAt(60_000)).toBe(36.59); // e^3.6 = 36.598
  });

  it('msToReach is the exact inverse on the millisecond grid', () => {
    expect(msToReach(1)).toBe(0);
    expect(msToReach(0.5)).toBe(0);
    expect(msToReach(2)).toBe(11_553);
    for (let cents = 101; cents <= 100_000; cents += 13) {
      const m = cents / 100;
      const ms = msToReach(m);
      expect(multiplierAt(ms)).toBeGreaterThanOrEqual(m);
      expect(multiplierAt(ms - 1)).toBeLessThan(m);
    }
    for (let ms = 0; ms < 200_000; ms += 997) expect(msToReach(multiplierAt(ms))).toBeLessThanOrEqual(ms);
  });

  it('cashoutPayout floors bet × multiplier in exact integers', () => {
    expect(cashoutPayout(100, 1.15)).toBe(115); // 100 × 1.15 = 114.999… in doubles
    expect(cashoutPayout(10, 1.99)).toBe(19);
    expect(cashoutPayout(10_000, 36.59)).toBe(365_900);
    expect(cashoutPayout(33, 1.01)).toBe(33);
  });

  it('a cashout wins only below the crash point', () => {
    expect(crashCashoutWins(1.99, 2)).toBe(true);
    expect(crashCashoutWins(2, 2)).toBe(false);
    expect(crashCashoutWins(1, 1)).toBe(false);
    expect(multiplierAt(crashBustMs(2.5))).toBe(2.5);
    expect(ZCrashTarget.safeParse(2.5).success).toBe(true);
    expect(ZCrashTarget.safeParse(1).success).toBe(false);
    expect(ZCrashTarget.safeParse(2.555).success).toBe(false);
  });

  it('auto-cashout at m returns 0.99·m / (m + 0.01) per unit bet (60k seeded rounds)', () => {
    const n = 60_000;
    const points = Array.from({ length: n }, (_, i) => crashPoint('crash-rtp-seed', 'client', i));
    for (const target of [1.5, 2, 5]) {
      const paid = points.reduce((acc, cp) => acc + (crashCashoutWins(target, cp) ? cashoutPayout(1000, target) : 0), 0);
      const p = 0.99 / (target + 0.01);
      const sigma = target * Math.sqrt((p * (1 - p)) / n);
      expect(Math.abs(paid / (1000 * n) - target * p), `target ${target}`).toBeLessThan(4 * sigma);
    }
  });
});
