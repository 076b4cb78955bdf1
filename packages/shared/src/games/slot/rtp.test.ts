import { describe, expect, it } from 'vitest';
import { seededRng } from '../../fairness/seeded';
import { hmacStream } from '../../fairness/stream';
import { DEFAULT_SLOT_CONFIG as config, type TSlotConfig } from './config';
import { exactRtp, slotRtp } from './rtp';
import { spinSlot } from './spin';

/** Plays `spins` at a constant bet, carrying the streak like the server does. */
function simulate(next: (i: number) => ReturnType<typeof seededRng>, spins: number, bet: number) {
  let streak = 0;
  let streakStake = 0;
  let paid = 0;
  let base = 0;
  let wins = 0;
  for (let i = 0; i < spins; i++) {
    const spin = spinSlot(config, next(i), { bet, streak, streakStake });
    streak = spin.streakAfter;
    streakStake = spin.streakStakeAfter;
    paid += spin.payout;
    base += spin.baseMultiplier;
    if (spin.win) wins += 1;
  }
  return { rtp: paid / (spins * bet), baseRtp: base / spins, hitRate: wins / spins };
}

describe('slot RTP', () => {
  it('exactRtp enumerates a hand-checkable machine', () => {
    const tiny: TSlotConfig = {
      ...config,
      symbols: [
        { id: 'a', name: 'A', weights: [1, 1, 3] },
        { id: 'b', name: 'B', weights: [1, 1, 1] },
      ],
      paytable: { triple: { a: 10, b: 4 }, pair: { a: 2, b: 1 } },
    };
    // P(aaa) = 3/16, P(bbb) = 1/16; a pair of a: aab, aba, baa = (1 + 3 + 3)/16; a pair of b: the rest, 5/16.
    expect(exactRtp(tiny)).toBeCloseTo((3 / 16) * 10 + (1 / 16) * 4 + (7 / 16) * 2 + (5 / 16) * 1, 12);
    expect(exactRtp({ ...tiny, maxWinMultiplier: 5 })).toBeCloseTo((3 / 16) * 5 + (1 / 16) * 4 + (7 / 16) * 2 + (5 / 16) * 1, 12);
    const r = slotRtp({ ...tiny, streakBonus: { percentPerWin: 0, maxPercent: 0 } });
    expect(r.rtp).toBeCloseTo(r.baseRtp, 12);
    expect(r.hitRate).toBe(1);
    // Every spin wins, so the stationary streak is at the cap: +20% × mean jitter (floored bp).
    expect(slotRtp(tiny).meanBonusPercent).toBeCloseTo(20, 1);
  });

  it('the default machine: RTP 96% with the streak bonus, 93.53% base', () => {
    const r = slotRtp(config);
    expect(r.rtp).toBeCloseTo(0.96, 3);
    expect(r.baseRtp).toBe(exactRtp(config));
    expect(r.baseRtp).toBeCloseTo(0.935329, 6);
    expect(r.hitRate).toBeCloseTo(0.400467, 6);
  });

  it('4,000,000 simulated spins match the exact RTPs within ±0.5 percentage points', () => {
    const rng = seededRng(20_240_601);
    const sim = simulate(() => rng, 4_000_000, 10_000);
    const exact = slotRtp(config);
    expect(Math.abs(sim.rtp - exact.rtp)).toBeLessThan(0.005);
    expect(Math.abs(sim.baseRtp - exact.baseRtp)).toBeLessThan(0.005);
    expect(Math.abs(sim.hitRate - exact.hitRate)).toBeLessThan(0.001);
  });

  it('the fair HMAC stream gives the same RTP (50,000 rounds, ±3 pp ≈ 3.4σ)', () => {
    const sim = simulate((i) => hmacStream('rtp-server-seed', 'rtp-client', i), 50_000, 10_000);
    expect(Math.abs(sim.rtp - slotRtp(config).rtp)).toBeLessThan(0.03);
    expect(Math.abs(sim.hitRate - slotRtp(config).hitRate)).toBeLessThan(0.01);
  });
});
