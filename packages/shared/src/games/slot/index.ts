export {
  DEFAULT_SLOT_CONFIG,
  SLOT_JITTER_PERMILLE_MAX,
  SLOT_JITTER_PERMILLE_MIN,
  type TSlotConfig,
  type TSlotSymbol,
  ZSlotConfig,
  ZSlotSymbol,
} from './config';
export { exactRtp, slotMultiplierDistribution, slotRtp, type TSlotRtp } from './rtp';
export { evaluateReels, slotPayout, spinSlot, streakBonusBp, type TSlotEvaluation, type TSlotSpin, type TSlotWinKind } from './spin';
