export {
  CRASH_GROWTH_PER_MS,
  cashoutPayout,
  crashBustMs,
  crashCashoutWins,
  DEFAULT_CRASH_HOUSE_EDGE_PERCENT,
  msToReach,
  multiplierAt,
  ZCrashTarget,
} from './curve';
