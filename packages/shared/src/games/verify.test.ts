import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashServerSeed } from '../fairness/hmac';
import { hmacStream } from '../fairness/stream';
import { DEFAULT_GACHA_CONFIG } from './gacha/config';
import { pullGachaBatch } from './gacha/pull';
import { playRps } from './rps/play';
import { DEFAULT_SLOT_CONFIG } from './slot/config';
import { spinSlot } from './slot/spin';
import { verifyRound, ZVerifyInput } from './verify';

const seeds = { serverSeed: 'revealed-server-seed', clientSeed: 'my-client-seed', nonce: 41 };
/** SPEC §3 written out again with node:crypto, so a bug in crashPoint cannot agree with itself. */
const referenceCrashPoint = (serverSeed: string, clientSeed: string, nonce: number, edge = 1) => {
  const X = Number.parseInt(createHmac('sha256', serverSeed).update(`${clientSeed}:${nonce}`).digest('hex').slice(0, 13), 16) / 2 ** 52;
  return Math.max(1, Math.floor((100 - edge) / (1 - X)) / 100);
};
const stream = () => hmacStream(seeds.serverSeed, seeds.clientSeed, seeds.nonce);

describe('verifyRound', () => {
  it('re-derives every game exactly as the game functions do', () => {
    const fairness = { serverSeedHash: hashServerSeed(seeds.serverSeed), clientSeed: seeds.clientSeed, nonce: 41 };
    expect(verifyRound({ game: 'slot', ...seeds, bet: 250, streak: 3 })).toEqual({
      game: 'slot',
      ...fairness,
      outcome: spinSlot(DEFAULT_SLOT_CONFIG, stream(), { bet: 250, streak: 3, streakStake: 250 }),
    });
    expect(verifyRound({ game: 'slot', ...seeds, bet: 250, streak: 3, streakStake: 40 }).outcome).toEqual(
      spinSlot(DEFAULT_SLOT_CONFIG, stream(), { bet: 250, streak: 3, streakStake: 40 }),
    );
    expect(verifyRound({ game: 'gacha', ...seeds, count: 10, pityCounter: 88 })).toEqual({
      game: 'gacha',
      ...fairness,
      outcome: { pulls: pullGachaBatch(DEFAULT_GACHA_CONFIG, stream(), { count: 10, pityCounter: 88 }) },
    });
    expect(verifyRound({ game: 'rps', ...seeds, bet: 100, choice: 'paper', houseEdgePercent: 3 })).toEqual({
      game: 'rps',
      ...fairness,
      outcome: playRps(stream(), { bet: 100, choice: 'paper', houseEdgePercent: 3 }),
    });
    expect(verifyRound({ game: 'crash', ...seeds })).toEqual({
      game: 'crash',
      ...fairness,
      outcome: { crashPoint: referenceCrashPoint(seeds.serverSeed, seeds.clientSeed, 41) },
    });
    expect(verifyRound({ game: 'crash', ...seeds, houseEdgePercent: 5 }).outcome).toEqual({
      crashPoint: referenceCrashPoint(seeds.serverSeed, seeds.clientSeed, 41, 5),
    });
  });

  it('applies defaults and the round-time config, without re-checking bet limits', () => {
    const gacha = verifyRound({ game: 'gacha', ...seeds });
    expect(gacha.game === 'gacha' && gacha.outcome.pulls).toHaveLength(1);
    const bigBet = verifyRound({ game: 'slot', ...seeds, bet: 50_000 });
    expect(bigBet.game === 'slot' && bigBet.outcome.reels).toEqual(spinSlot(DEFAULT_SLOT_CONFIG, stream(), { bet: 100, streak: 0 }).reels);
    const noPaytable = { ...DEFAULT_SLOT_CONFIG, paytable: { triple: {}, pair: {} } };
    const dry = verifyRound({ game: 'slot', ...seeds, bet: 100 }, { slot: noPaytable });
    expect(dry.game === 'slot' && dry.outcome.payout).toBe(0);
  });

  it('validates its input', () => {
    expect(ZVerifyInput.safeParse({ game: 'poker', ...seeds }).success).toBe(false);
    expect(ZVerifyInput.safeParse({ game: 'crash', ...seeds, clientSeed: 'a:1' }).success).toBe(false);
    expect(ZVerifyInput.safeParse({ game: 'crash', ...seeds, nonce: -1 }).success).toBe(false);
    expect(ZVerifyInput.safeParse({ game: 'gacha', ...seeds, count: 5 }).success).toBe(false);
    expect(ZVerifyInput.safeParse({ game: 'rps', ...seeds, bet: 10, choice: 'lizard' }).success).toBe(false);
    expect(ZVerifyInput.safeParse({ game: 'slot', ...seeds }).success).toBe(false);
    expect(() => verifyRound({ game: 'crash', ...seeds, serverSeed: '' })).toThrow();
  });
});
