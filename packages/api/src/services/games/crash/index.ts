/** Crash: bet, cashout, reads, the live round stream and the settlement worker. */
export { type CrashBetInput, placeBet } from './bet';
export { type CashoutResult, cashout } from './cashout';
export { type CrashLiveEvent, type CrashLiveItem, crashRoundEvents } from './live';
export { type CrashAuditFilter, crashPublicConfig, currentRound, listCrashRounds } from './query';
export { type CrashSettler, type CrashWorker, type CrashWorkerOptions, crashSettler, startCrashWorker } from './worker';
