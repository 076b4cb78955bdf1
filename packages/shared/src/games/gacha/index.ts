export {
  DEFAULT_GACHA_CONFIG,
  GACHA_ANIMATIONS,
  GACHA_RARITIES,
  gachaCost,
  type TGachaAnimation,
  type TGachaConfig,
  type TGachaRarity,
  ZGachaConfig,
  ZGachaRarity,
} from './config';
export { gachaBaseRates, gachaEffectiveRates, gachaExpectedCounts, gachaOdds, type TRarityTable } from './odds';
export { pullGacha, pullGachaBatch, pullsToGuarantee, type TGachaPull } from './pull';
