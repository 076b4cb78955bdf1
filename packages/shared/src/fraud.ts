/**
 * Fraud rules (SPEC §5): the features a purchase attempt is scored on, the small JSON
 * condition language admins write rules in, and its evaluator. Shared so the admin
 * console validates and previews a condition exactly as the server will run it.
 */
import { z } from 'zod';

type FeatureSpec = { readonly type: 'number' | 'boolean'; readonly label: string };

/** Every feature a rule may name; the server computes all of them for each attempt. */
export const FRAUD_FEATURES = {
  ipAttempts10m: { type: 'number', label: 'Purchase attempts from this IP in the last 10 minutes (all players, this one included)' },
  ipAttempts1h: { type: 'number', label: 'Purchase attempts from this IP in the last hour' },
  deviceAttempts1h: { type: 'number', label: 'Purchase attempts from this device in the last hour' },
  deviceUsers24h: { type: 'number', label: 'Distinct players buying from this device in the last 24 hours' },
  userAttempts1h: { type: 'number', label: "This player's purchase attempts in the last hour" },
  distinctFingerprints24h: { type: 'number', label: 'Distinct payment cards this player used in the last 24 hours' },
  amount: { type: 'number', label: 'Amount of this purchase (gold, gems or cents)' },
  historyCount: { type: 'number', label: "Player's earlier completed purchases in this currency (last 50)" },
  amountRatio: { type: 'number', label: 'Amount ÷ mean of those purchases (1 without history)' },
  amountZScore: { type: 'number', label: 'Standard deviations above that mean (0 with fewer than 3 purchases)' },
  accountAgeHours: { type: 'number', label: 'Hours since the account was created' },
  isCash: { type: 'boolean', label: 'Paid with a card (cash product)' },
  hasIp: { type: 'boolean', label: 'The request carried a client IP' },
  hasDeviceId: { type: 'boolean', label: 'The client sent a device id' },
  cooldownSeconds: { type: 'number', label: 'Seconds left of a soft-block cooldown (0 when none)' },
} as const satisfies Record<string, FeatureSpec>;

export type TFraudFeatureName = keyof typeof FRAUD_FEATURES;
export const FRAUD_FEATURE_NAMES = Object.keys(FRAUD_FEATURES) as TFraudFeatureName[];
export type TFraudFeatures = {
  [K in TFraudFeatureName]: (typeof FRAUD_FEATURES)[K]['type'] extends 'number' ? number : boolean;
};

/** What a player with no history, from a known IP and device, on a fresh attempt looks like. */
export const FRAUD_NEUTRAL_FEATURES: TFraudFeatures = {
  ipAttempts10m: 1,
  ipAttempts1h: 1,
  deviceAttempts1h: 1,
  deviceUsers24h: 1,
  userAttempts1h: 1,
  distinctFingerprints24h: 0,
  amount: 100,
  historyCount: 0,
  amountRatio: 1,
  amountZScore: 0,
  accountAgeHours: 720,
  isCash: false,
  hasIp: true,
  hasDeviceId: true,
  cooldownSeconds: 0,
};

export const FRAUD_OPS = ['gt', 'gte', 'lt', 'lte', 'eq', 'neq'] as const;
export type TFraudOp = (typeof FRAUD_OPS)[number];
export const FRAUD_ACTIONS = ['allow', 'review', 'soft_block', 'hard_block'] as const;
export type TFraudAction = (typeof FRAUD_ACTIONS)[number];
export const FRAUD_REVIEW_STATUSES = ['open', 'approved', 'rejected'] as const;
export type TFraudReviewStatus = (typeof FRAUD_REVIEW_STATUSES)[number];

export type TFraudLeaf = { feature: TFraudFeatureName; op: TFraudOp; value: number | boolean };
export type TFraudCondition = TFraudLeaf | { all: TFraudCondition[] } | { any: TFraudCondition[] };

/** Bounds that keep a rule cheap to evaluate and readable. */
export const FRAUD_CONDITION_LIMITS = { maxDepth: 5, maxNodes: 50, maxChildren: 20 } as const;

const ZLeaf = z
  .object({
    feature: z.enum(FRAUD_FEATURE_NAMES as [TFraudFeatureName, ...TFraudFeatureName[]], {
      error: (i) => `unknown feature ${JSON.stringify(i.input)}`,
    }),
    op: z.enum(FRAUD_OPS, { error: `op must be one of ${FRAUD_OPS.join(', ')}` }),
    value: z.union([z.number().finite().min(-1e12).max(1e12), z.boolean()], { error: 'value must be a number or true/false' }),
  })
  .strict()
  .superRefine((leaf, ctx) => {
    const type = FRAUD_FEATURES[leaf.feature].type;
    if (type === 'boolean' && typeof leaf.value !== 'boolean')
      ctx.addIssue({ code: 'custom', path: ['value'], message: `${leaf.feature} is true or false` });
    if (type === 'boolean' && leaf.op !== 'eq' && leaf.op !== 'neq')
      ctx.addIssue({ code: 'custom', path: ['op'], message: `${leaf.feature} is true or false: use eq or neq` });
    if (type === 'number' && typeof leaf.value !== 'number')
      ctx.addIssue({ code: 'custom', path: ['value'], message: `${leaf.feature} is a number` });
  });

const ZGroup = z
  .object({
    all: z.array(z.unknown()).min(1).max(FRAUD_CONDITION_LIMITS.maxChildren).optional(),
    any: z.array(z.unknown()).min(1).max(FRAUD_CONDITION_LIMITS.maxChildren).optional(),
  })
  .strict()
  .refine((g) => (g.all === undefined) !== (g.any === undefined), 'a group has exactly one of "all" or "any"');

export type FraudConditionCheck = { ok: true; condition: TFraudCondition } | { ok: false; issues: string[] };

const where = (path: (string | number)[]) =>
  path.length === 0 ? 'condition' : `condition${path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('')}`;

/**
 * Validates a condition written by a person: unknown features, wrong operators or value types,
 * extra keys and oversized trees are refused with one readable line per problem.
 * Walks the tree itself (no recursive schema), so a deeply nested input cannot exhaust the stack.
 */
export function checkFraudCondition(raw: unknown): FraudConditionCheck {
  const issues: string[] = [];
  let nodes = 0;
  const visit = (node: unknown, path: (string | number)[], depth: number): TFraudCondition | null => {
    nodes += 1;
    if (nodes > FRAUD_CONDITION_LIMITS.maxNodes) {
      if (nodes === FRAUD_CONDITION_LIMITS.maxNodes + 1) issues.push(`condition: at most ${FRAUD_CONDITION_LIMITS.maxNodes} parts`);
      return null;
    }
    if (depth > FRAUD_CONDITION_LIMITS.maxDepth) {
      issues.push(`${where(path)}: nested more than ${FRAUD_CONDITION_LIMITS.maxDepth} levels`);
      return null;
    }
    if (typeof node !== 'object' || node === null || Array.isArray(node)) {
      issues.push(`${where(path)}: expected { feature, op, value }, { all: [...] } or { any: [...] }`);
      return null;
    }
    if ('all' in node || 'any' in node) {
      const g = ZGroup.safeParse(node);
      if (!g.success) {
        for (const i of g.error.issues) issues.push(`${where([...path, ...(i.path as (string | number)[])])}: ${i.message}`);
        return null;
      }
      const key = g.data.all ? 'all' : 'any';
      const children = (g.data.all ?? g.data.any ?? []).map((c, i) => visit(c, [...path, key, i], depth + 1));
      if (children.some((c) => c === null)) return null;
      return key === 'all' ? { all: children as TFraudCondition[] } : { any: children as TFraudCondition[] };
    }
    const leaf = ZLeaf.safeParse(node);
    if (!leaf.success) {
      for (const i of leaf.error.issues) issues.push(`${where([...path, ...(i.path as (string | number)[])])}: ${i.message}`);
      return null;
    }
    return leaf.data as TFraudLeaf;
  };
  const condition = visit(raw, [], 1);
  return condition && issues.length === 0 ? { ok: true, condition } : { ok: false, issues };
}

function compare(actual: number | boolean, op: TFraudOp, value: number | boolean): boolean {
  switch (op) {
    case 'eq':
      return actual === value;
    case 'neq':
      return actual !== value;
    case 'gt':
      return actual > value;
    case 'gte':
      return actual >= value;
    case 'lt':
      return actual < value;
    case 'lte':
      return actual <= value;
  }
}

/** Whether a checked condition holds over the features. */
export function evaluateFraudCondition(condition: TFraudCondition, features: TFraudFeatures): boolean {
  if ('all' in condition) return condition.all.every((c) => evaluateFraudCondition(c, features));
  if ('any' in condition) return condition.any.some((c) => evaluateFraudCondition(c, features));
  return compare(features[condition.feature], condition.op, condition.value);
}

/** Scores at or above which an attempt is reviewed / soft-blocked / hard-blocked; review < softBlock < hardBlock. */
export const ZFraudThresholds = z
  .object({
    review: z.number().int().min(1).max(1_000_000),
    softBlock: z.number().int().min(1).max(1_000_000),
    hardBlock: z.number().int().min(1).max(1_000_000),
    /** How long a soft block holds: later attempts in it are soft-blocked too (retryAfterSeconds). */
    softBlockCooldownSeconds: z.number().int().min(1).max(86_400),
  })
  .strict();
export type TFraudThresholds = z.infer<typeof ZFraudThresholds>;

export function thresholdsProblem(t: TFraudThresholds): string | null {
  return t.review < t.softBlock && t.softBlock < t.hardBlock ? null : 'Thresholds must increase: review < soft block < hard block.';
}

/** The action a total score maps to. */
export function fraudActionFor(score: number, t: TFraudThresholds): TFraudAction {
  if (score >= t.hardBlock) return 'hard_block';
  if (score >= t.softBlock) return 'soft_block';
  if (score >= t.review) return 'review';
  return 'allow';
}

/** Sample features for a dry run: any subset, the rest neutral (FRAUD_NEUTRAL_FEATURES). */
export const ZFraudFeaturesSample = z
  .object(
    Object.fromEntries(
      FRAUD_FEATURE_NAMES.map((name) => [
        name,
        (FRAUD_FEATURES[name].type === 'number' ? z.number().finite().min(-1e12).max(1e12) : z.boolean()).optional(),
      ]),
    ) as unknown as { [K in TFraudFeatureName]: z.ZodOptional<z.ZodType<TFraudFeatures[K]>> },
  )
  .strict();

/** Rule ids: short slugs, shown in decisions and the audit log. */
export const ZFraudRuleId = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'rule id: 1–64 characters of a–z, 0–9, _ and -, starting with a letter or digit');
