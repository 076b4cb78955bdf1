/**
 * Admin edits of the fraud rules and thresholds, and the editor's dry run. Each edit is
 * validated, committed with its audit row, then published (bumpRulesVersion) so every
 * instance's next assessment uses it.
 */
import { type Db, fraudRules, fraudSettings } from '@casino/db';
import {
  checkFraudCondition,
  evaluateFraudCondition,
  FRAUD_NEUTRAL_FEATURES,
  type TFraudCondition,
  type TFraudFeatures,
  type TFraudThresholds,
  thresholdsProblem,
} from '@casino/shared';
import { asc, count, eq } from 'drizzle-orm';
import { type Deps, inTransaction } from '../../deps';
import { DomainError } from '../../errors';
import type { Actor } from '../admin/users';
import { writeAudit } from '../audit/audit';
import { bumpRulesVersion, readThresholds, THRESHOLDS_SETTING } from './rules';

/** Every rule is evaluated on every purchase: keep the set small enough to read. */
export const MAX_RULES = 100;

/** The condition as a rule may store it, or fraud_rule_invalid with one line per problem. */
export function parseCondition(raw: unknown): TFraudCondition {
  const checked = checkFraudCondition(raw);
  if (!checked.ok) throw new DomainError('fraud_rule_invalid', { issues: checked.issues });
  return checked.condition;
}

export async function listRules(db: Db) {
  return db
    .select({
      id: fraudRules.id,
      description: fraudRules.description,
      condition: fraudRules.condition,
      score: fraudRules.score,
      isActive: fraudRules.isActive,
      updatedBy: fraudRules.updatedBy,
      updatedAt: fraudRules.updatedAt,
    })
    .from(fraudRules)
    .orderBy(asc(fraudRules.id));
}

export type RuleInput = { id: string; description: string; condition: unknown; score: number; isActive: boolean };

export async function upsertRule(deps: Deps, actor: Actor, input: RuleInput) {
  const condition = parseCondition(input.condition);
  const now = deps.clock.now();
  const rule = await inTransaction(deps, async (tx) => {
    const [before] = await tx.select().from(fraudRules).where(eq(fraudRules.id, input.id)).for('update');
    if (!before) {
      const [n] = await tx.select({ n: count() }).from(fraudRules);
      if ((n?.n ?? 0) >= MAX_RULES) throw new DomainError('fraud_rule_invalid', { issues: [`at most ${MAX_RULES} rules`] });
    }
    const values = {
      description: input.description,
      condition,
      score: input.score,
      isActive: input.isActive,
      updatedBy: actor.id,
      updatedAt: now,
    };
    const [row] = await tx
      .insert(fraudRules)
      .values({ id: input.id, ...values })
      .onConflictDoUpdate({ target: fraudRules.id, set: values })
      .returning();
    if (!row) throw new Error('fraud rule upsert returned no row');
    await writeAudit(tx, {
      adminId: actor.id,
      action: before ? 'fraud.rule.update' : 'fraud.rule.create',
      targetType: 'fraud_rule',
      targetId: input.id,
      before: before ? ruleView(before) : null,
      after: ruleView(row),
      ip: actor.ip ?? null,
    });
    return row;
  });
  await bumpRulesVersion(deps);
  return ruleView(rule);
}

export async function deleteRule(deps: Deps, actor: Actor, id: string) {
  await inTransaction(deps, async (tx) => {
    const [before] = await tx.delete(fraudRules).where(eq(fraudRules.id, id)).returning();
    if (!before) throw new DomainError('fraud_rule_not_found');
    await writeAudit(tx, {
      adminId: actor.id,
      action: 'fraud.rule.delete',
      targetType: 'fraud_rule',
      targetId: id,
      before: ruleView(before),
      ip: actor.ip ?? null,
    });
  });
  await bumpRulesVersion(deps);
  return { ok: true as const };
}

type RuleRow = typeof fraudRules.$inferSelect;
const ruleView = (r: RuleRow) => ({
  id: r.id,
  description: r.description,
  condition: r.condition,
  score: r.score,
  isActive: r.isActive,
  updatedBy: r.updatedBy,
  updatedAt: r.updatedAt,
});

export async function getThresholds(db: Db) {
  const [{ thresholds, stored }, [row]] = await Promise.all([
    readThresholds(db),
    db
      .select({ updatedBy: fraudSettings.updatedBy, updatedAt: fraudSettings.updatedAt })
      .from(fraudSettings)
      .where(eq(fraudSettings.name, THRESHOLDS_SETTING)),
  ]);
  return {
    ...thresholds,
    isDefault: !stored,
    updatedBy: stored ? (row?.updatedBy ?? null) : null,
    updatedAt: stored ? (row?.updatedAt ?? null) : null,
  };
}

export async function setThresholds(deps: Deps, actor: Actor, t: TFraudThresholds) {
  const problem = thresholdsProblem(t);
  if (problem) throw new DomainError('fraud_thresholds_invalid', { review: t.review, softBlock: t.softBlock, hardBlock: t.hardBlock });
  const now = deps.clock.now();
  const value = { review: t.review, softBlock: t.softBlock, hardBlock: t.hardBlock, softBlockCooldownSeconds: t.softBlockCooldownSeconds };
  await inTransaction(deps, async (tx) => {
    const [before] = await tx
      .select({ value: fraudSettings.value })
      .from(fraudSettings)
      .where(eq(fraudSettings.name, THRESHOLDS_SETTING))
      .for('update');
    await tx
      .insert(fraudSettings)
      .values({ name: THRESHOLDS_SETTING, value, updatedBy: actor.id, updatedAt: now })
      .onConflictDoUpdate({ target: fraudSettings.name, set: { value, updatedBy: actor.id, updatedAt: now } });
    await writeAudit(tx, {
      adminId: actor.id,
      action: 'fraud.thresholds.set',
      targetType: 'fraud_settings',
      targetId: THRESHOLDS_SETTING,
      before: before?.value ?? null,
      after: value,
      ip: actor.ip ?? null,
    });
  });
  await bumpRulesVersion(deps);
  return getThresholds(deps.db);
}

/** The editor's preview: does `condition` hold over these features (missing ones neutral)? */
export function testCondition(rawCondition: unknown, sample: Partial<TFraudFeatures>) {
  const condition = parseCondition(rawCondition);
  const features: TFraudFeatures = { ...FRAUD_NEUTRAL_FEATURES };
  for (const [k, v] of Object.entries(sample)) if (v !== undefined) (features as Record<string, unknown>)[k] = v;
  return { matched: evaluateFraudCondition(condition, features), condition, features };
}
