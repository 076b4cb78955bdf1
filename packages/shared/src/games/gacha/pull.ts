import type { Rng } from '../../fairness/rng';
import { GACHA_RARITIES, type TGachaAnimation, type TGachaConfig, type TGachaRarity } from './config';

export interface TGachaPull {
  rarity: TGachaRarity;
  itemId: string;
  animationType: TGachaAnimation;
  /** Consecutive pulls without Epic or better, after this pull. */
  pityCounter: number;
}

const pickFrom = <T>(list: readonly T[], index: number): T => {
  const value = list[index];
  if (value === undefined) throw new Error('gacha: index out of range');
  return value;
};

/**
 * One pull. Stream consumption order (part of the verifiable definition):
 * 1. rarity: pickWeighted over [legendary, epic, rare, common] weights, or, on a pity pull
 *    (pityCounter ≥ threshold), over [legendary, epic] only;
 * 2. item: nextInt(items[rarity].length);
 * 3. only for a non-pity Common or Rare: the animation, pickWeighted over [none, epic, legendary]
 *    near-miss weights. It is drawn after the rarity and the item, so it cannot change them.
 */
export function pullGacha(config: TGachaConfig, rng: Rng, input: { pityCounter: number }): TGachaPull {
  const { pityCounter } = input;
  if (!Number.isSafeInteger(pityCounter) || pityCounter < 0)
    throw new RangeError(`pityCounter must be a non-negative integer, got ${pityCounter}`);
  const w = config.weights;
  const isPity = pityCounter >= config.pity.threshold;
  const rarity = isPity
    ? pickFrom(GACHA_RARITIES, rng.pickWeighted([w.legendary, w.epic]))
    : pickFrom(GACHA_RARITIES, rng.pickWeighted([w.legendary, w.epic, w.rare, w.common]));
  const items = config.items[rarity];
  const itemId = pickFrom(items, rng.nextInt(items.length)).id;
  const epicOrBetter = rarity === 'legendary' || rarity === 'epic';
  let animationType: TGachaAnimation = isPity ? 'pity' : 'normal';
  if (!epicOrBetter) {
    const nm = config.nearMiss[rarity];
    animationType = pickFrom(
      ['normal', 'near_miss_epic', 'near_miss_legendary'] as const,
      rng.pickWeighted([nm.none, nm.epic, nm.legendary]),
    );
  }
  return { rarity, itemId, animationType, pityCounter: epicOrBetter ? 0 : pityCounter + 1 };
}

/** `count` pulls in a row from one stream (a ten-pull is one round, one nonce), carrying the pity counter. */
export function pullGachaBatch(config: TGachaConfig, rng: Rng, input: { count: number; pityCounter: number }): TGachaPull[] {
  if (!Number.isSafeInteger(input.count) || input.count < 1 || input.count > 100)
    throw new RangeError(`count must be in [1, 100], got ${input.count}`);
  const pulls: TGachaPull[] = [];
  let pityCounter = input.pityCounter;
  for (let i = 0; i < input.count; i++) {
    const pull = pullGacha(config, rng, { pityCounter });
    pityCounter = pull.pityCounter;
    pulls.push(pull);
  }
  return pulls;
}

/**
 * Within how many pulls an Epic or better is certain, counting the next pull as 1: pity fires on
 * the pull after `threshold` misses, so a fresh counter (0) is threshold + 1 pulls away. Every
 * screen that states the guarantee uses this number (the server sends it with the counter).
 */
export function pullsToGuarantee(threshold: number, pityCounter: number): number {
  return Math.max(1, threshold + 1 - pityCounter);
}
