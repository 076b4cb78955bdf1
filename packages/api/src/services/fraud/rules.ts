/**
 * The active rule set, read through a small in-process cache that every instance checks
 * against a version token in Redis on each assessment: an admin edit commits in PostgreSQL,
 * then replaces the token, so the very next assessment anywhere reloads. A cache older than
 * MAX_AGE_MS reloads anyway (a token lost to a Redis hiccup heals itself).
 */
import { randomUUID } from 'node:crypto';
import { type Db, fraudRules, fraudSettings } from '@casino/db';
import {
  checkFraudCondition,
  evaluateFraudCondition,
  fraudActionFor,
  type TFraudAction,
  type TFraudCondition,
  type TFraudFeatures,
  type TFraudThresholds,
  thresholdsProblem,
  ZFraudThresholds,
} from '@casino/shared';
import { asc, eq } from 'drizzle-orm';
import type { Deps } from '../../deps';
import type { Kv } from '../../infra/kv';
import type { Logger } from '../../infra/logger';

export const RULES_VERSION_KEY = 'fraud:rules:version';
export const THRESHOLDS_SETTING = 'thresholds';
const MAX_AGE_MS = 30_000;

/** Used until an admin (or the start-up seed) stores thresholds. */
export const DEFAULT_THRESHOLDS: TFraudThresholds = { review: 30, softBlock: 60, hardBlock: 100, softBlockCooldownSeconds: 600 };

export type CompiledRule = { id: string; score: number; condition: TFraudCondition };
export type RuleSet = { version: string; loadedAt: number; rules: CompiledRule[]; thresholds: TFraudThresholds };
export type MatchedRule = { id: string; score: number };

type Slot = { current: RuleSet | null; loading: { version: string; promise: Promise<RuleSet> } | null };
// Per Kv, i.e. per server instance (as the rate limiters are): Deps objects are copied per request.
const slots = new WeakMap<Kv, Slot>();

/** Stored thresholds, or the defaults when there are none or they no longer validate. */
export async function readThresholds(db: Db, logger?: Logger): Promise<{ thresholds: TFraudThresholds; stored: boolean }> {
  const [row] = await db.select({ value: fraudSettings.value }).from(fraudSettings).where(eq(fraudSettings.name, THRESHOLDS_SETTING));
  if (!row) return { thresholds: DEFAULT_THRESHOLDS, stored: false };
  const parsed = ZFraudThresholds.safeParse(row.value);
  if (parsed.success && !thresholdsProblem(parsed.data)) return { thresholds: parsed.data, stored: true };
  logger?.warn({ value: row.value }, 'fraud thresholds in the database do not validate: using the defaults');
  return { thresholds: DEFAULT_THRESHOLDS, stored: false };
}

async function loadRuleSet(deps: Pick<Deps, 'db' | 'clock' | 'logger'>, version: string): Promise<RuleSet> {
  const [rows, { thresholds }] = await Promise.all([
    deps.db
      .select({ id: fraudRules.id, score: fraudRules.score, condition: fraudRules.condition })
      .from(fraudRules)
      .where(eq(fraudRules.isActive, true))
      .orderBy(asc(fraudRules.id)),
    readThresholds(deps.db, deps.logger),
  ]);
  const rules: CompiledRule[] = [];
  for (const row of rows) {
    // Rules are validated before they are stored; one written around the API is skipped, not fatal.
    const checked = checkFraudCondition(row.condition);
    if (checked.ok) rules.push({ id: row.id, score: row.score, condition: checked.condition });
    else deps.logger.warn({ ruleId: row.id, issues: checked.issues }, 'skipping an invalid fraud rule');
  }
  return { version, loadedAt: deps.clock.now().getTime(), rules, thresholds };
}

/** The version token; a missing one (fresh or flushed Redis) is created, which makes every instance reload. */
async function currentVersion(kv: Kv): Promise<string> {
  const version = await kv.get(RULES_VERSION_KEY);
  if (version !== null) return version;
  const fresh = randomUUID();
  if (await kv.set(RULES_VERSION_KEY, fresh, { nx: true })) return fresh;
  return (await kv.get(RULES_VERSION_KEY)) ?? fresh;
}

/** The rules and thresholds in force; reloads (once, shared by concurrent callers) when the version moved. */
export async function activeRuleSet(deps: Pick<Deps, 'db' | 'kv' | 'clock' | 'logger'>): Promise<RuleSet> {
  let slot = slots.get(deps.kv);
  if (!slot) {
    slot = { current: null, loading: null };
    slots.set(deps.kv, slot);
  }
  const s = slot;
  // Read the token before the rows: an edit committed after this read moves the token and the next call reloads.
  const version = await currentVersion(deps.kv);
  const cur = s.current;
  if (cur && cur.version === version && deps.clock.now().getTime() - cur.loadedAt < MAX_AGE_MS) return cur;
  if (s.loading?.version === version) return s.loading.promise;
  const promise = loadRuleSet(deps, version).then(
    (set) => {
      if (s.loading?.promise === promise) {
        s.current = set;
        s.loading = null;
      }
      return set;
    },
    (err: unknown) => {
      if (s.loading?.promise === promise) s.loading = null;
      throw err;
    },
  );
  s.loading = { version, promise };
  return promise;
}

/** Called after an edit has committed: every instance's next assessment reloads. */
export async function bumpRulesVersion(deps: Pick<Deps, 'kv' | 'logger'>): Promise<void> {
  try {
    await deps.kv.set(RULES_VERSION_KEY, randomUUID());
  } catch (err) {
    // The edit is committed (PostgreSQL is the truth); caches still reload within MAX_AGE_MS.
    deps.logger.warn({ err }, 'could not publish the new fraud rules version');
  }
}

export function scoreFeatures(set: RuleSet, features: TFraudFeatures): { matched: MatchedRule[]; score: number; action: TFraudAction } {
  const matched = set.rules.filter((r) => evaluateFraudCondition(r.condition, features)).map((r) => ({ id: r.id, score: r.score }));
  const score = matched.reduce((sum, r) => sum + r.score, 0);
  return { matched, score, action: fraudActionFor(score, set.thresholds) };
}
