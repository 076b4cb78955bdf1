/** admin.fraud.*: the rules editor (with a dry run), thresholds, decisions and their review, a player's windows. */
import {
  DEVICE_ID_PATTERN,
  FRAUD_ACTIONS,
  FRAUD_REVIEW_STATUSES,
  ZFraudFeaturesSample,
  ZFraudRuleId,
  ZFraudThresholds,
  ZLimit,
  ZText,
  ZUserId,
} from '@casino/shared';
import { z } from 'zod';
import { listDecisions, reviewDecision, userFeatures } from '../../services/fraud/decisions';
import { deleteRule, getThresholds, listRules, setThresholds, testCondition, upsertRule } from '../../services/fraud/rules-admin';
import { adminProcedure, router, staffProcedure } from '../../trpc';
import {
  ZFraudDecisionPage,
  ZFraudReviewResult,
  ZFraudRuleTestResult,
  ZFraudRuleView,
  ZFraudThresholdsView,
  ZFraudUserFeatures,
} from './fraud-outputs';
import { ZOkOutput } from './outputs';

const actor = (ctx: { user: { id: number }; meta: { ip: string | null } }) => ({ id: ctx.user.id, ip: ctx.meta.ip });
/** Checked by the service (fraud_rule_invalid with readable issues), so the editor can show them. */
const ZCondition = z.unknown();

export const adminFraudRouter = router({
  rules: router({
    list: staffProcedure.output(z.array(ZFraudRuleView)).query(({ ctx }) => listRules(ctx.deps.db)),

    upsert: adminProcedure
      .input(
        z.object({
          id: ZFraudRuleId,
          description: ZText.trim().max(500).default(''),
          condition: ZCondition,
          score: z.number().int().min(-1000).max(1000),
          isActive: z.boolean().default(true),
        }),
      )
      .output(ZFraudRuleView)
      .mutation(({ ctx, input }) => upsertRule(ctx.deps, actor(ctx), input)),

    delete: adminProcedure
      .input(z.object({ id: ZFraudRuleId }))
      .output(ZOkOutput)
      .mutation(({ ctx, input }) => deleteRule(ctx.deps, actor(ctx), input.id)),

    /** Dry run for the editor: changes nothing (a mutation only so a long condition travels in a POST body). */
    test: adminProcedure
      .input(z.object({ condition: ZCondition, features: ZFraudFeaturesSample.default({}) }))
      .output(ZFraudRuleTestResult)
      .mutation(({ input }) => testCondition(input.condition, input.features)),
  }),

  thresholds: router({
    get: staffProcedure.output(ZFraudThresholdsView).query(({ ctx }) => getThresholds(ctx.deps.db)),
    set: adminProcedure
      .input(ZFraudThresholds)
      .output(ZFraudThresholdsView)
      .mutation(({ ctx, input }) => setThresholds(ctx.deps, actor(ctx), input)),
  }),

  decisions: router({
    list: staffProcedure
      .input(
        z
          .object({
            action: z.enum(FRAUD_ACTIONS).optional(),
            reviewStatus: z.enum(FRAUD_REVIEW_STATUSES).optional(),
            userId: ZUserId.optional(),
            cursor: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
            limit: ZLimit,
          })
          .default({ limit: 20 }),
      )
      .output(ZFraudDecisionPage)
      .query(({ ctx, input }) => listDecisions(ctx.deps.db, input)),

    review: adminProcedure
      .input(
        z.object({
          id: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
          status: z.enum(['approved', 'rejected']),
          note: ZText.trim().max(500).optional(),
        }),
      )
      .output(ZFraudReviewResult)
      .mutation(({ ctx, input }) => reviewDecision(ctx.deps, actor(ctx), input)),
  }),

  /** A player's current window values (by their last attempt's IP and device unless given), for support. */
  features: staffProcedure
    .input(
      z.object({
        userId: ZUserId,
        ip: ZText.trim().min(1).max(64).optional(),
        deviceId: ZText.regex(DEVICE_ID_PATTERN, 'deviceId: 8–128 printable characters').optional(),
      }),
    )
    .output(ZFraudUserFeatures)
    .query(({ ctx, input }) => userFeatures(ctx.deps, input)),
});
