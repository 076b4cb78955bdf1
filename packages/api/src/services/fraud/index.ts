/** Fraud rules (SPEC §5): what the shop calls, and what the host runs at start. */
export { assessPurchase, COOLDOWN_MARK, enforceDecision, type FraudAssessment, type PurchaseAttempt } from './assess';
export { DEFAULT_RULES, ensureFraudDefaults } from './defaults';
export type { FraudCurrency } from './features';
export { DEFAULT_THRESHOLDS, type MatchedRule } from './rules';
