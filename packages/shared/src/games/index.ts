export * from './common';
export * from './crash';
export * from './gacha';
export * from './game-config';
export * from './outcomes';
export * from './rps';
export * from './slot';
export {
  type TVerifyConfigs,
  type TVerifyGame,
  type TVerifyInput,
  type TVerifyResult,
  verifyRound,
  ZVerifyInput,
  ZVerifyResult,
} from './verify';
