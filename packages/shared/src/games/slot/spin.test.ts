import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hmacStream } from '../../fairness/stream';
import { DEFAULT_SLOT_CONFIG as config, ZSlotConfig } from './config';
import { evaluateReels, slotPayout, spinSlot, streakBonusBp } from './spin';

describe('slot rules', () => {
  it('the default config is valid', () => {
    expect(ZSlotConfig.parse(config)).toEqual(config);
    expect(ZSlotConfig.safeParse({ ...config, paytable: { triple: { ghost: 2 }, pair: {} } }).success).toBe(false);
    expect(ZSlotConfig.safeParse({ ...config, maxWinMultiplier: 1.234 }).success).toBe(false);
  });

  it('triple beats pair; a pair is any two equal symbols of the three', () => {
    expect(evaluateReels(config, ['seven', 'seven', 'seven'])).toEqual({ kind: 'triple', baseMultiplier: 100 });
    for (const reels of [
      ['bar', 'bar', 'lemon'],
      ['lemon', 'bar', 'bar'],
      ['bar', 'lemon', 'bar'],
    ] as const) {
      expect(evaluateReels(config, reels)).toEqual({ kind: 'pair', baseMultiplier: 4 });
    }
    expect(evaluateReels(config, ['cherry', 'lemon', 'bar'])).toEqual({ kind: 'none', baseMultiplier: 0 });
    const noCherryPair = { ...config, paytable: { ...config.paytable, pair: { ...config.paytable.pair, cherry: 0 } } };
    expect(evaluateReels(noCherryPair, ['cherry', 'cherry', 'bar']).kind).toBe('none');
  });

  it('streak bonus: +4% per prior win up to +20%, times the jitter, floored to a basis point', () => {
    expect(streakBonusBp(config, 0, 1050)).toBe(0);
    expect(streakBonusBp(config, 1, 1000)).toBe(400);
    expect(streakBonusBp(config, 1, 951)).toBe(380);
    expect(streakBonusBp(config, 3, 1050)).toBe(1260);
    expect(streakBonusBp(config, 5, 950)).toBe(1900);
    expect(streakBonusBp(config, 99, 1050)).toBe(2100);
  });

  it('payouts are exact integer floors, capped at maxWinMultiplier', () => {
    expect(slotPayout(config, 100, 1.15, 0)).toBe(115); // 100 * 1.15 = 114.999… in doubles
    expect(slotPayout(config, 10, 1.5, 0)).toBe(15);
    expect(slotPayout(config, 10, 1.5, 400)).toBe(15);
    expect(slotPayout(config, 11, 2.2, 1260)).toBe(27); // 11 × 2.2 × 1.126 = 27.2492
    expect(slotPayout(config, 10_000, 100, 2000)).toBe(1_200_000);
    expect(slotPayout(config, 10_000, 100, 2000, 10)).toBe(1_000_200); // 100 × (10,000 + 10 × 20%)
    expect(slotPayout(config, 11, 2.2, 1260, 5)).toBe(25); // 2.2 × (11 + 5 × 12.6%) = 25.5386
    expect(slotPayout({ ...config, maxWinMultiplier: 110 }, 10_000, 100, 2000)).toBe(1_100_000);
  });
});

describe('spinSlot on the fair stream', () => {
  it('is deterministic and consumes reel 1, 2, 3 then the jitter from the HMAC stream', () => {
    const cumulative = [13, 25, 35, 44, 52, 58, 62, 64];
    for (let nonce = 0; nonce < 300; nonce++) {
      const spin = spinSlot(config, hmacStream('server-seed', 'client-seed', nonce), { bet: 100, streak: 2, streakStake: 100 });
      expect(spinSlot(config, hmacStream('server-seed', 'client-seed', nonce), { bet: 100, streak: 2, streakStake: 100 })).toEqual(spin);
      // Independent derivation: Σweights = 64 divides 2^32, so no draw is rejected; 2^32 mod 101 ≠ 0 but rejection is ~1e-8.
      const h = createHmac('sha256', 'server-seed').update(`client-seed:${nonce}`).digest();
      const word = (i: number) => h.readUInt32BE(4 * i);
      const symbolAt = (i: number) => config.symbols[cumulative.findIndex((c) => word(i) % 64 < c)]?.id;
      expect(spin.reels).toEqual([symbolAt(0), symbolAt(1), symbolAt(2)]);
      expect(spin.jitterPermille).toBe(950 + (word(3) % 101));
    }
  });

  it('matches fixed vectors', () => {
    const spins = [0, 1, 2, 3].map((n) => spinSlot(config, hmacStream('server-seed', 'client-seed', n), { bet: 100, streak: 0 }));
    expect(spins.map((s) => [s.reels.join(','), s.payout])).toEqual(FIXED_SPINS);
  });

  it('a win pays the bonus on top and extends the streak; a loss resets it', () => {
    const results = Array.from({ length: 400 }, (_, n) =>
      spinSlot(config, hmacStream('s', 'c', n), { bet: 1000, streak: 7, streakStake: 1000 }),
    );
    const win = results.find((r) => r.win);
    const loss = results.find((r) => !r.win);
    expect(win).toMatchObject({ streakAfter: 8, streakStakeAfter: 1000, bonusStake: 1000 });
    expect(win?.bonusPercent).toBeGreaterThanOrEqual(19);
    expect(win?.bonusPercent).toBeLessThanOrEqual(21);
    expect(win?.payout).toBe(slotPayout(config, 1000, win?.baseMultiplier ?? 0, Math.round((win?.bonusPercent ?? 0) * 100)));
    expect(loss).toMatchObject({ payout: 0, streakAfter: 0, streakStakeAfter: 0, bonusPercent: 0, bonusStake: 0, kind: 'none' });
  });

  it('the bonus applies to at most the smallest bet of the streak, and the streak keeps that stake', () => {
    // Independent of spin.ts: the paytable read by hand and the payout as exact integers.
    const multiplier = ([a, b, c]: string[]) => {
      if (a === b && b === c) return config.paytable.triple[a ?? ''] ?? 0;
      const pair = a === b || a === c ? a : b === c ? b : undefined;
      return pair ? (config.paytable.pair[pair] ?? 0) : 0;
    };
    const expectedPayout = (bet: number, stake: number, m: number, streak: number, jitter: number) => {
      const bp = Math.floor((Math.min(2000, 400 * streak) * jitter) / 1000);
      return Math.min(Math.floor((Math.round(m * 100) * (bet * 10_000 + Math.min(bet, stake) * bp)) / 1_000_000), 500 * bet);
    };
    // Reels and jitter straight from node's HMAC, as in the stream-order test above.
    const cumulative = [13, 25, 35, 44, 52, 58, 62, 64];
    let checked = 0;
    for (let n = 0; n < 60; n++) {
      const h = createHmac('sha256', 's').update(`c:${n}`).digest();
      const word = (i: number) => h.readUInt32BE(4 * i);
      const reels = [0, 1, 2].map((i) => config.symbols[cumulative.findIndex((c) => word(i) % 64 < c)]?.id ?? '');
      const m = multiplier(reels);
      for (const [bet, stake] of [
        [10_000, 10],
        [1000, 100],
        [50, 100],
      ] as const) {
        const spin = spinSlot(config, hmacStream('s', 'c', n), { bet, streak: 3, streakStake: stake });
        expect(spin.payout).toBe(m > 0 ? expectedPayout(bet, stake, m, 3, 950 + (word(3) % 101)) : 0);
        expect(spin.streakStakeAfter).toBe(m > 0 ? Math.min(bet, stake) : 0);
        expect(spin.bonusStake).toBe(m > 0 ? Math.min(bet, stake) : 0);
        if (m > 0) checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(30);
    // The first win of a streak records its own bet as the stake.
    const first = Array.from({ length: 20 }, (_, n) => spinSlot(config, hmacStream('s', 'c', n), { bet: 123, streak: 0 })).find(
      (x) => x.win,
    );
    expect(first).toMatchObject({ streakAfter: 1, streakStakeAfter: 123, bonusStake: 0, bonusPercent: 0 });
  });

  it('rejects bets outside the limits', () => {
    const rng = hmacStream('s', 'c', 0);
    expect(() => spinSlot(config, rng, { bet: 9, streak: 0 })).toThrow(RangeError);
    expect(() => spinSlot(config, rng, { bet: 10_001, streak: 0 })).toThrow(RangeError);
    expect(() => spinSlot(config, rng, { bet: 10.5, streak: 0 })).toThrow(RangeError);
    expect(() => spinSlot(config, rng, { bet: 10, streak: -1 })).toThrow(RangeError);
    expect(() => spinSlot(config, rng, { bet: 10, streak: 2 })).toThrow(RangeError);
    expect(() => spinSlot(config, rng, { bet: 10, streak: 2, streakStake: 0 })).toThrow(RangeError);
  });
});

/** ('server-seed', 'client-seed', nonce 0–3), bet 100, no streak. */
const FIXED_SPINS: [string, number][] = [
  ['plum,bar,plum', 180],
  ['orange,orange,orange', 1000],
  ['orange,orange,grape', 180],
  ['lemon,cherry,cherry', 150],
];
