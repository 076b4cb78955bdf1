import { describe, expect, it } from 'vitest';
import type { Rng } from '../../fairness/rng';
import { hmacStream } from '../../fairness/stream';
import { DEFAULT_GACHA_CONFIG as config, GACHA_RARITIES, gachaCost, type TGachaConfig, ZGachaConfig } from './config';
import { pullGacha, pullGachaBatch, pullsToGuarantee } from './pull';

/** Always draws the last option: the worst rarity, the last item, the last animation. */
const worstLuck: Rng = {
  nextUint32: () => 0,
  nextFloat: () => 0,
  nextInt: (max) => max - 1,
  pickWeighted: (weights) => weights.length - 1,
};

describe('gacha pulls', () => {
  it('the default config is valid and costs 50 / 450', () => {
    expect(ZGachaConfig.parse(config)).toEqual(config);
    expect([gachaCost(config, 1), gachaCost(config, 10)]).toEqual([50, 450]);
    expect(ZGachaConfig.safeParse({ ...config, weights: { legendary: 0, epic: 0, rare: 1, common: 1 } }).success).toBe(false);
  });

  it('pity triggers exactly on the 91st pull after 90 misses', () => {
    let pityCounter = 0;
    for (let n = 1; n <= 90; n++) {
      const pull = pullGacha(config, worstLuck, { pityCounter });
      expect(pull.rarity).toBe('common');
      expect(pull.animationType).not.toBe('pity');
      pityCounter = pull.pityCounter;
      expect(pityCounter).toBe(n);
    }
    const pity = pullGacha(config, worstLuck, { pityCounter });
    expect(pity).toMatchObject({ rarity: 'epic', animationType: 'pity', pityCounter: 0 });
    expect(pullGacha(config, worstLuck, { pityCounter: 89 })).toMatchObject({ rarity: 'common', pityCounter: 90 });
  });

  it('states the guarantee as the pulls until pity fires: 91 from a fresh counter, 1 when the next is pity', () => {
    expect(pullsToGuarantee(config.pity.threshold, 0)).toBe(91);
    expect(pullsToGuarantee(config.pity.threshold, 89)).toBe(2);
    expect(pullsToGuarantee(config.pity.threshold, 90)).toBe(1);
    // Walk it: after k misses the guarantee is exactly the pulls the pure function needs to reach pity.
    let pityCounter = 0;
    for (let pulls = 1; ; pulls++) {
      const pull = pullGacha(config, worstLuck, { pityCounter });
      if (pull.animationType === 'pity') {
        expect(pulls).toBe(pullsToGuarantee(config.pity.threshold, 0));
        break;
      }
      pityCounter = pull.pityCounter;
    }
  });

  it('an Epic or better resets the counter without pity', () => {
    const lucky: Rng = { ...worstLuck, pickWeighted: () => 0, nextInt: () => 0 };
    expect(pullGacha(config, lucky, { pityCounter: 42 })).toEqual({
      rarity: 'legendary',
      itemId: 'golden_dragon',
      animationType: 'normal',
      pityCounter: 0,
    });
  });

  it('near-miss animations never change the awarded rarity or item', () => {
    const noNearMiss: TGachaConfig = {
      ...config,
      nearMiss: { common: { none: 1, epic: 0, legendary: 0 }, rare: { none: 1, epic: 0, legendary: 0 } },
    };
    const seen = new Map<string, number>();
    for (let nonce = 0; nonce < 3000; nonce++) {
      const a = pullGacha(config, hmacStream('nm-server', 'nm-client', nonce), { pityCounter: 0 });
      const b = pullGacha(noNearMiss, hmacStream('nm-server', 'nm-client', nonce), { pityCounter: 0 });
      expect([a.rarity, a.itemId, a.pityCounter]).toEqual([b.rarity, b.itemId, b.pityCounter]);
      expect(b.animationType).toBe('normal');
      if (a.animationType.startsWith('near_miss')) expect(['common', 'rare']).toContain(a.rarity);
      seen.set(a.animationType, (seen.get(a.animationType) ?? 0) + 1);
    }
    // Expected near-miss share: 0.75 × 10% + 0.2 × 15% = 10.5% → 315 of 3000.
    const nearMisses = (seen.get('near_miss_epic') ?? 0) + (seen.get('near_miss_legendary') ?? 0);
    expect(nearMisses).toBeGreaterThan(250);
    expect(nearMisses).toBeLessThan(380);
  });

  it('a batch is consecutive pulls from one stream carrying the counter; fixed vectors', () => {
    const batch = pullGachaBatch(config, hmacStream('server-seed', 'client-seed', 0), { count: 10, pityCounter: 85 });
    const stream = hmacStream('server-seed', 'client-seed', 0);
    let pityCounter = 85;
    for (const pull of batch) {
      expect(pullGacha(config, stream, { pityCounter })).toEqual(pull);
      pityCounter = pull.pityCounter;
    }
    expect(batch.map((p) => `${p.rarity}:${p.itemId}:${p.animationType}:${p.pityCounter}`)).toEqual(FIXED_BATCH);
    expect(batch.every((p) => GACHA_RARITIES.includes(p.rarity))).toBe(true);
    expect(() => pullGachaBatch(config, stream, { count: 0, pityCounter: 0 })).toThrow(RangeError);
    expect(() => pullGacha(config, stream, { pityCounter: -1 })).toThrow(RangeError);
  });
});

/** Ten-pull for ('server-seed', 'client-seed', nonce 0) starting at pity counter 85: pity fires on the 6th. */
const FIXED_BATCH = [
  'common:four_leaf_clover:normal:86',
  'common:playing_card:normal:87',
  'common:lucky_coin:normal:88',
  'common:red_dice:normal:89',
  'common:horseshoe:normal:90',
  'epic:emerald_phoenix:pity:0',
  'common:red_dice:normal:1',
  'common:red_dice:normal:2',
  'common:four_leaf_clover:normal:3',
  'common:horseshoe:normal:4',
];
