/**
 * Scores one purchase attempt (SPEC §5) and records the decision. The shop calls
 * `assessPurchase` before it charges anything and `enforceDecision` on the result:
 *   allow, review  → the purchase goes on (review is listed for an admin, reviewStatus 'open');
 *   soft_block     → FRAUD_BLOCKED { soft: true, retryAfterSeconds }: a cooldown starts, and
 *                    every attempt of the player inside it is soft-blocked too;
 *   hard_block     → FRAUD_BLOCKED.
 * The decision is written in its own statement with `deps.db` (never the purchase's
 * transaction), so a refused purchase still leaves its decision behind. Call it before
 * opening the purchase's transaction: embedded PGlite has one connection, and a write
 * outside an open transaction would wait for it forever.
 */
import { randomUUID } from 'node:crypto';
import { fraudDecisions } from '@casino/db';
import type { TFraudAction, TFraudFeatures } from '@casino/shared';
import type { Deps } from '../../deps';
import { DomainError } from '../../errors';
import {
  accountAgeHours,
  amountDeviation,
  amountHistory,
  cooldownKey,
  cooldownLeft,
  type FraudCurrency,
  hitWindows,
  LAST_SEEN_TTL_MS,
  lastSeenKey,
} from './features';
import { activeRuleSet, type MatchedRule, scoreFeatures } from './rules';

export type PurchaseAttempt = {
  userId: number;
  sku: string;
  currency: FraudCurrency;
  /** What the buyer pays: gold, gems or cents. */
  amount: number;
  ip: string | null;
  deviceId: string | null;
  /** sha256 of the payment token (cash), never the token itself; null without a card. */
  paymentFingerprint: string | null;
  accountCreatedAt: Date;
};

export type FraudAssessment = {
  action: TFraudAction;
  score: number;
  /** fraud_decisions.id: store it on the purchase (purchases.fraudDecisionId). */
  decisionId: number;
  matchedRules: MatchedRule[];
  features: TFraudFeatures;
  /** Set for soft_block: seconds until the cooldown ends. */
  retryAfterSeconds: number | null;
};

/** Marks a decision soft-blocked only because an earlier soft block's cooldown was running (not a valid rule id). */
export const COOLDOWN_MARK = '(cooldown)';

const SEVERITY: Record<TFraudAction, number> = { allow: 0, review: 1, soft_block: 2, hard_block: 3 };

export async function assessPurchase(deps: Pick<Deps, 'db' | 'kv' | 'clock' | 'logger'>, input: PurchaseAttempt): Promise<FraudAssessment> {
  const now = deps.clock.now();
  const nowMs = now.getTime();
  const { userId, ip, deviceId } = input;
  const [windows, history, cooldownStored, ruleSet] = await Promise.all([
    hitWindows(deps.kv, { userId, ip, deviceId, attemptId: randomUUID(), paymentFingerprint: input.paymentFingerprint }, nowMs),
    amountHistory(deps.db, userId, input.currency),
    deps.kv.get(cooldownKey(userId)),
    activeRuleSet(deps),
    deps.kv.set(lastSeenKey(userId), JSON.stringify({ ip, deviceId }), { ttlMs: LAST_SEEN_TTL_MS }),
  ]);
  const features: TFraudFeatures = {
    ...windows,
    amount: input.amount,
    ...amountDeviation(input.amount, history),
    accountAgeHours: accountAgeHours(input.accountCreatedAt, now),
    isCash: input.currency === 'cash',
    hasIp: ip !== null,
    hasDeviceId: deviceId !== null,
    cooldownSeconds: cooldownLeft(cooldownStored, nowMs),
  };
  const scored = scoreFeatures(ruleSet, features);
  let action = scored.action;
  const matchedRules = [...scored.matched];
  let retryAfterSeconds: number | null = null;

  if (features.cooldownSeconds > 0 && SEVERITY[action] <= SEVERITY.soft_block) {
    // Inside a cooldown: held back like the attempt that started it; the cooldown is not extended.
    if (action !== 'soft_block') matchedRules.push({ id: COOLDOWN_MARK, score: 0 });
    action = 'soft_block';
    retryAfterSeconds = features.cooldownSeconds;
  } else if (action === 'soft_block') {
    const seconds = ruleSet.thresholds.softBlockCooldownSeconds;
    const until = nowMs + seconds * 1000;
    // NX: of two soft blocks at once, one starts the cooldown and both report its end.
    const started = await deps.kv.set(cooldownKey(userId), String(until), { nx: true, ttlMs: seconds * 1000 });
    retryAfterSeconds = started ? seconds : Math.max(1, cooldownLeft(await deps.kv.get(cooldownKey(userId)), nowMs) || seconds);
  }

  const [row] = await deps.db
    .insert(fraudDecisions)
    .values({
      userId,
      sku: input.sku,
      action,
      score: scored.score,
      features,
      matchedRules,
      reviewStatus: action === 'review' ? 'open' : null,
      createdAt: now,
    })
    .returning({ id: fraudDecisions.id });
  if (!row) throw new Error('fraud decision insert returned no row');
  if (action !== 'allow') deps.logger.info({ userId, sku: input.sku, action, score: scored.score, decisionId: row.id }, 'fraud decision');
  return { action, score: scored.score, decisionId: row.id, matchedRules, features, retryAfterSeconds };
}

/**
 * Throws the refusal a blocked decision means; returns for allow and review (the purchase
 * goes on). Soft blocks carry `{ soft: true, retryAfterSeconds }` in the error's details.
 */
export function enforceDecision(decision: Pick<FraudAssessment, 'action' | 'retryAfterSeconds'>): void {
  if (decision.action === 'hard_block') throw new DomainError('FRAUD_BLOCKED');
  if (decision.action === 'soft_block') {
    const retryAfterSeconds = Math.max(1, decision.retryAfterSeconds ?? 60);
    const minutes = Math.ceil(retryAfterSeconds / 60);
    throw new DomainError(
      'FRAUD_BLOCKED',
      { soft: true, retryAfterSeconds },
      `This purchase is on hold for a security check. Try again in ${minutes === 1 ? 'a minute' : `${minutes} minutes`}.`,
    );
  }
}
