import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type { TGachaPull } from './gacha/pull';
import type { ZCrashDerivation, ZGachaPull, ZRpsRound, ZSlotSpin } from './outcomes';
import type { TRpsRound } from './rps/play';
import type { TSlotSpin } from './slot/spin';
import { type TVerifyInput, verifyRound, ZVerifyResult } from './verify';

describe('derivation schemas', () => {
  it('are exactly the types the shared derivations return (a field added to one side fails typecheck)', () => {
    expectTypeOf<z.output<typeof ZSlotSpin>>().toEqualTypeOf<TSlotSpin>();
    expectTypeOf<z.output<typeof ZGachaPull>>().toEqualTypeOf<TGachaPull>();
    expectTypeOf<z.output<typeof ZRpsRound>>().toEqualTypeOf<TRpsRound>();
    expectTypeOf<z.output<typeof ZCrashDerivation>>().toEqualTypeOf<{ crashPoint: number }>();
    expectTypeOf(verifyRound).returns.toEqualTypeOf<z.output<typeof ZVerifyResult>>();
  });

  it('ZVerifyResult keeps every field verifyRound returns, for every game, over many seeds', () => {
    const inputs: TVerifyInput[] = [];
    for (let nonce = 0; nonce < 200; nonce++) {
      const seeds = { serverSeed: `server-${nonce % 7}`, clientSeed: `client-${nonce % 5}`, nonce };
      inputs.push(
        { game: 'slot', ...seeds, bet: 10 + nonce, streak: nonce % 6, streakStake: 10 },
        { game: 'gacha', ...seeds, count: nonce % 2 ? 10 : 1, pityCounter: (nonce * 7) % 95 },
        { game: 'rps', ...seeds, bet: 10 + nonce, choice: (['rock', 'paper', 'scissors'] as const)[nonce % 3] ?? 'rock' },
        { game: 'crash', ...seeds, houseEdgePercent: nonce % 4 },
      );
    }
    for (const input of inputs) {
      const result = verifyRound(input);
      // Parsing strips unknown keys: equal means the schema names every derived field.
      expect(ZVerifyResult.parse(result)).toEqual(result);
    }
  });

  it('ZVerifyResult refuses an outcome of another game', () => {
    const slot = verifyRound({ game: 'slot', serverSeed: 's', clientSeed: 'c', nonce: 1, bet: 10 });
    expect(ZVerifyResult.safeParse({ ...slot, game: 'rps' }).success).toBe(false);
    expect(ZVerifyResult.safeParse({ ...slot, outcome: { ...slot.outcome, reels: ['a', 'b'] } }).success).toBe(false);
  });
});
