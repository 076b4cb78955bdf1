export {
  DEFAULT_RPS_HOUSE_EDGE_PERCENT,
  playRps,
  RPS_CHOICES,
  rpsPayout,
  rpsResult,
  rpsRtp,
  type TRpsChoice,
  type TRpsResult,
  type TRpsRound,
  ZRpsChoice,
} from './play';
