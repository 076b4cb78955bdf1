import { z } from 'zod';

/** Best first; "Epic or better" means index ≤ 1. */
export const GACHA_RARITIES = ['legendary', 'epic', 'rare', 'common'] as const;
export type TGachaRarity = (typeof GACHA_RARITIES)[number];
export const ZGachaRarity = z.enum(GACHA_RARITIES);

export const GACHA_ANIMATIONS = ['normal', 'near_miss_epic', 'near_miss_legendary', 'pity'] as const;
export type TGachaAnimation = (typeof GACHA_ANIMATIONS)[number];

const ZWeight = z.number().int().min(0).max(1_000_000);
/** Near-miss animation weights for one shown rarity; drawn as pickWeighted([none, epic, legendary]). */
const ZNearMiss = z.object({ none: ZWeight, epic: ZWeight, legendary: ZWeight }).refine((w) => w.none + w.epic + w.legendary > 0);
const ZValue = z.number().int().min(0).max(10_000_000);
const ZItem = z.object({ id: z.string().min(1).max(64), name: z.string().min(1).max(64) });

export const ZGachaConfig = z
  .object({
    /** Integer weights; P(rarity) = weight / Σ weights (the defaults are per 10,000). */
    weights: z.object({ legendary: ZWeight, epic: ZWeight, rare: ZWeight, common: ZWeight }),
    costs: z.object({ single: z.number().int().min(0), ten: z.number().int().min(0) }),
    /** After `threshold` consecutive pulls without Epic or better, the next pull is Epic or better. */
    pity: z.object({ threshold: z.number().int().min(1).max(10_000) }),
    /**
     * Declared worth of one item of each rarity, in the currency of the pull: what the
     * return to player of a pull is measured in (gameConfigRtp). Never paid out.
     */
    values: z.object({ legendary: ZValue, epic: ZValue, rare: ZValue, common: ZValue }),
    /** Animation only: never changes the awarded rarity or item. */
    nearMiss: z.object({ common: ZNearMiss, rare: ZNearMiss }),
    items: z.object({
      legendary: z.array(ZItem).min(1),
      epic: z.array(ZItem).min(1),
      rare: z.array(ZItem).min(1),
      common: z.array(ZItem).min(1),
    }),
  })
  .refine((c) => c.weights.legendary + c.weights.epic > 0, 'pity needs a positive Epic or Legendary weight')
  .refine((c) => {
    const ids = GACHA_RARITIES.flatMap((r) => c.items[r].map((i) => i.id));
    return new Set(ids).size === ids.length;
  }, 'item ids must be unique');

export type TGachaConfig = z.infer<typeof ZGachaConfig>;

export const DEFAULT_GACHA_CONFIG: TGachaConfig = {
  weights: { legendary: 50, epic: 450, rare: 2_000, common: 7_500 },
  costs: { single: 50, ten: 450 },
  pity: { threshold: 90 },
  // Long-run return with pity: 87.1% for single pulls, 96.8% for ten (450 for ten is a discount).
  values: { legendary: 1_500, epic: 220, rare: 55, common: 20 },
  nearMiss: {
    common: { none: 900, epic: 80, legendary: 20 },
    rare: { none: 850, epic: 100, legendary: 50 },
  },
  items: {
    legendary: [
      { id: 'golden_dragon', name: 'Golden Dragon' },
      { id: 'diamond_crown', name: 'Diamond Crown' },
    ],
    epic: [
      { id: 'ruby_tiger', name: 'Ruby Tiger' },
      { id: 'emerald_phoenix', name: 'Emerald Phoenix' },
      { id: 'sapphire_wolf', name: 'Sapphire Wolf' },
    ],
    rare: [
      { id: 'silver_fox', name: 'Silver Fox' },
      { id: 'jade_koi', name: 'Jade Koi' },
      { id: 'bronze_lion', name: 'Bronze Lion' },
      { id: 'pearl_owl', name: 'Pearl Owl' },
    ],
    common: [
      { id: 'lucky_coin', name: 'Lucky Coin' },
      { id: 'four_leaf_clover', name: 'Four-Leaf Clover' },
      { id: 'red_dice', name: 'Red Dice' },
      { id: 'playing_card', name: 'Playing Card' },
      { id: 'horseshoe', name: 'Horseshoe' },
    ],
  },
};

export function gachaCost(config: TGachaConfig, count: 1 | 10): number {
  return count === 10 ? config.costs.ten : config.costs.single;
}
