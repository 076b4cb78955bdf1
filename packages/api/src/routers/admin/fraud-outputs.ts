/** Output schemas of admin.fraud.*: what the console sees of rules, thresholds, decisions and windows. */
import { FRAUD_ACTIONS, FRAUD_REVIEW_STATUSES, ZFraudThresholds } from '@casino/shared';
import { z } from 'zod';
import { page } from '../shared/outputs';

export const ZFraudRuleView = z.object({
  id: z.string(),
  description: z.string(),
  condition: z.unknown(),
  score: z.number(),
  isActive: z.boolean(),
  updatedBy: z.number().nullable(),
  updatedAt: z.date(),
});

export const ZFraudThresholdsView = ZFraudThresholds.extend({
  /** True while no thresholds are stored and the built-in defaults apply. */
  isDefault: z.boolean(),
  updatedBy: z.number().nullable(),
  updatedAt: z.date().nullable(),
});

const ZFeatureValues = z.record(z.string(), z.union([z.number(), z.boolean()]));
const ZMatchedRule = z.object({ id: z.string(), score: z.number() });

export const ZFraudDecisionView = z.object({
  id: z.number(),
  userId: z.number(),
  nickname: z.string(),
  sku: z.string().nullable(),
  action: z.enum(FRAUD_ACTIONS),
  score: z.number(),
  features: ZFeatureValues,
  matchedRules: z.array(ZMatchedRule),
  reviewStatus: z.enum(FRAUD_REVIEW_STATUSES).nullable(),
  reviewedBy: z.number().nullable(),
  reviewedAt: z.date().nullable(),
  createdAt: z.date(),
});
export const ZFraudDecisionPage = page(ZFraudDecisionView);

export const ZFraudReviewResult = z.object({
  id: z.number(),
  reviewStatus: z.enum(['approved', 'rejected']),
  reviewedBy: z.number(),
  reviewedAt: z.date(),
});

export const ZFraudRuleTestResult = z.object({ matched: z.boolean(), condition: z.unknown(), features: ZFeatureValues });

const ZHistory = z.object({
  currency: z.enum(['gold', 'gems', 'cash']),
  count: z.number(),
  mean: z.number().nullable(),
  stddev: z.number().nullable(),
});

export const ZFraudUserFeatures = z.object({
  userId: z.number(),
  ip: z.string().nullable(),
  deviceId: z.string().nullable(),
  windows: z.object({
    ipAttempts10m: z.number(),
    ipAttempts1h: z.number(),
    deviceAttempts1h: z.number(),
    deviceUsers24h: z.number(),
    userAttempts1h: z.number(),
    distinctFingerprints24h: z.number(),
  }),
  cooldownSeconds: z.number(),
  accountAgeHours: z.number(),
  history: z.array(ZHistory),
});
