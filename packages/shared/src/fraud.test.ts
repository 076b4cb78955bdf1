import { describe, expect, it } from 'vitest';
import {
  checkFraudCondition,
  evaluateFraudCondition,
  FRAUD_NEUTRAL_FEATURES,
  fraudActionFor,
  type TFraudCondition,
  thresholdsProblem,
  ZFraudFeaturesSample,
} from './fraud';

const issuesOf = (raw: unknown) => {
  const r = checkFraudCondition(raw);
  return r.ok ? [] : r.issues;
};

describe('fraud conditions', () => {
  it('accepts leaves and nested all/any groups, and evaluates them over the features', () => {
    const raw = {
      any: [
        { feature: 'ipAttempts10m', op: 'gt', value: 10 },
        {
          all: [
            { feature: 'isCash', op: 'eq', value: true },
            { feature: 'accountAgeHours', op: 'lt', value: 1 },
          ],
        },
      ],
    };
    const checked = checkFraudCondition(raw);
    expect(checked).toEqual({ ok: true, condition: raw });
    const c = (checked as { condition: TFraudCondition }).condition;
    const f = FRAUD_NEUTRAL_FEATURES;
    expect(evaluateFraudCondition(c, f)).toBe(false);
    expect(evaluateFraudCondition(c, { ...f, ipAttempts10m: 11 })).toBe(true);
    expect(evaluateFraudCondition(c, { ...f, ipAttempts10m: 10 })).toBe(false);
    expect(evaluateFraudCondition(c, { ...f, isCash: true, accountAgeHours: 0.5 })).toBe(true);
    expect(evaluateFraudCondition(c, { ...f, isCash: true, accountAgeHours: 1 })).toBe(false);
  });

  it('implements every operator exactly at the boundary', () => {
    const at = (op: string, value: number, actual: number) =>
      evaluateFraudCondition({ feature: 'amount', op: op as 'gt', value }, { ...FRAUD_NEUTRAL_FEATURES, amount: actual });
    expect([at('gt', 5, 5), at('gt', 5, 6), at('gte', 5, 5), at('gte', 5, 4)]).toEqual([false, true, true, false]);
    expect([at('lt', 5, 5), at('lt', 5, 4), at('lte', 5, 5), at('lte', 5, 6)]).toEqual([false, true, true, false]);
    expect([at('eq', 5, 5), at('eq', 5, 6), at('neq', 5, 5), at('neq', 5, 6)]).toEqual([true, false, false, true]);
    const bool = { feature: 'hasDeviceId', op: 'neq', value: true } as const;
    expect(evaluateFraudCondition(bool, { ...FRAUD_NEUTRAL_FEATURES, hasDeviceId: false })).toBe(true);
  });

  it('refuses unknown features, wrong operators and value types, extra keys and malformed groups, saying where', () => {
    expect(issuesOf({ feature: 'ipAtempts10m', op: 'gt', value: 1 })).toEqual(['condition.feature: unknown feature "ipAtempts10m"']);
    expect(
      issuesOf({
        all: [
          { feature: 'amount', op: 'gt', value: 1 },
          { feature: 'nope', op: 'gt', value: 1 },
        ],
      }),
    ).toEqual(['condition.all[1].feature: unknown feature "nope"']);
    expect(issuesOf({ feature: 'amount', op: 'between', value: 1 })[0]).toMatch(/^condition\.op: op must be one of gt/);
    expect(issuesOf({ feature: 'amount', op: 'gt', value: true })).toEqual(['condition.value: amount is a number']);
    expect(issuesOf({ feature: 'amount', op: 'gt', value: '5' })).toEqual(['condition.value: value must be a number or true/false']);
    expect(issuesOf({ feature: 'isCash', op: 'gt', value: true })).toEqual(['condition.op: isCash is true or false: use eq or neq']);
    expect(issuesOf({ feature: 'isCash', op: 'eq', value: 1 })).toEqual(['condition.value: isCash is true or false']);
    expect(issuesOf({ feature: 'amount', op: 'gt', value: 1, extra: 1 })[0]).toMatch(/^condition: Unrecognized key/);
    expect(issuesOf({ all: [] })[0]).toMatch(/^condition\.all:/);
    expect(issuesOf({ all: [{ feature: 'amount', op: 'gt', value: 1 }], any: [{ feature: 'amount', op: 'gt', value: 1 }] })).toEqual([
      'condition: a group has exactly one of "all" or "any"',
    ]);
    for (const bad of [null, 5, 'amount > 5', [], { feature: 'amount', op: 'gt', value: Number.POSITIVE_INFINITY }])
      expect(issuesOf(bad).length, JSON.stringify(bad)).toBeGreaterThan(0);
  });

  it('refuses trees deeper or larger than the limits without walking them all', () => {
    let deep: unknown = { feature: 'amount', op: 'gt', value: 1 };
    for (let i = 0; i < 10_000; i++) deep = { all: [deep] };
    expect(issuesOf(deep)).toEqual(['condition.all[0].all[0].all[0].all[0].all[0]: nested more than 5 levels']);
    const leaf = { feature: 'amount', op: 'gt', value: 1 };
    const wide = { any: Array.from({ length: 5 }, () => ({ all: Array.from({ length: 20 }, () => leaf) })) };
    expect(issuesOf(wide)).toEqual(['condition: at most 50 parts']);
    expect(issuesOf({ any: Array.from({ length: 21 }, () => leaf) })[0]).toMatch(/^condition\.any:/);
  });
});

describe('fraud thresholds and samples', () => {
  const t = { review: 30, softBlock: 60, hardBlock: 100, softBlockCooldownSeconds: 600 };
  it('maps a total score to its action at each threshold', () => {
    expect([-5, 0, 29, 30, 59, 60, 99, 100, 1000].map((s) => fraudActionFor(s, t))).toEqual([
      'allow',
      'allow',
      'allow',
      'review',
      'review',
      'soft_block',
      'soft_block',
      'hard_block',
      'hard_block',
    ]);
  });
  it('wants thresholds strictly increasing', () => {
    expect(thresholdsProblem(t)).toBeNull();
    expect(thresholdsProblem({ ...t, softBlock: 30 })).not.toBeNull();
    expect(thresholdsProblem({ ...t, hardBlock: 50 })).not.toBeNull();
  });
  it('takes any subset of typed features for a dry run and refuses unknown ones', () => {
    expect(ZFraudFeaturesSample.parse({ amount: 5, isCash: true })).toEqual({ amount: 5, isCash: true });
    expect(ZFraudFeaturesSample.safeParse({ amount: true }).success).toBe(false);
    expect(ZFraudFeaturesSample.safeParse({ bogus: 1 }).success).toBe(false);
  });
});
