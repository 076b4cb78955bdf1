import { describe, expect, it } from 'vitest';
import type { Rng } from '../../fairness/rng';
import { seededRng } from '../../fairness/seeded';
import { hmacStream } from '../../fairness/stream';
import { playRps, RPS_CHOICES, rpsPayout, rpsResult, rpsRtp } from './play';

const fixed = (index: number): Rng => ({ ...seededRng(0), nextInt: () => index });

describe('rock-paper-scissors', () => {
  it('results and payouts', () => {
    expect(rpsResult('rock', 'scissors')).toBe('win');
    expect(rpsResult('rock', 'paper')).toBe('lose');
    expect(rpsResult('paper', 'paper')).toBe('draw');
    expect(playRps(fixed(2), { bet: 100, choice: 'rock', houseEdgePercent: 5 })).toEqual({
      serverChoice: 'scissors',
      result: 'win',
      payout: 190,
    });
    expect(playRps(fixed(0), { bet: 100, choice: 'rock', houseEdgePercent: 5 })).toEqual({
      serverChoice: 'rock',
      result: 'draw',
      payout: 100,
    });
    expect(playRps(fixed(1), { bet: 100, choice: 'rock', houseEdgePercent: 5 })).toEqual({
      serverChoice: 'paper',
      result: 'lose',
      payout: 0,
    });
    expect(rpsPayout(10, 'win', 6)).toBe(18); // floor(18.8)
    expect(rpsPayout(7, 'win', 7)).toBe(13); // 14 × 0.93 = 13.02
    expect(rpsPayout(50, 'win', 0)).toBe(100);
    expect(rpsRtp(6)).toBeCloseTo(0.96, 12);
    expect(() => playRps(fixed(0), { bet: 0, choice: 'rock' })).toThrow(RangeError);
  });

  it('the server choice is uniform and reproducible from the seeds', () => {
    const counts = { rock: 0, paper: 0, scissors: 0 };
    for (let nonce = 0; nonce < 12_000; nonce++) {
      const round = playRps(hmacStream('rps-server', 'rps-client', nonce), { bet: 10, choice: 'rock' });
      counts[round.serverChoice] += 1;
    }
    for (const c of RPS_CHOICES) expect(Math.abs(counts[c] - 4_000)).toBeLessThan(4 * Math.sqrt(12_000 * (2 / 9)));
    const again = playRps(hmacStream('rps-server', 'rps-client', 17), { bet: 10, choice: 'paper' });
    expect(playRps(hmacStream('rps-server', 'rps-client', 17), { bet: 10, choice: 'paper' })).toEqual(again);
    const fixedVectors = [0, 1, 2, 3, 4, 5].map((n) => playRps(hmacStream('server-seed', 'client-seed', n), { bet: 10, choice: 'rock' }));
    expect(fixedVectors.map((r) => r.serverChoice)).toEqual(FIXED);
  });
});

/** ('server-seed', 'client-seed', nonce 0–5). */
const FIXED = ['rock', 'rock', 'scissors', 'scissors', 'paper', 'rock'];
