/** admin.fraud.*: access, the rules editor and its dry run, thresholds, decisions and their review, the start-up seed. */
import { fraudDecisions } from '@casino/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RULES, ensureFraudDefaults } from '../../services/fraud';
import { assessPurchase, type PurchaseAttempt } from '../../services/fraud/assess';
import { DEFAULT_THRESHOLDS } from '../../services/fraud/rules';
import { callerFor, createTestEnv, newAdmin, newPlayer, type TestEnv } from '../../test/harness';

let env: TestEnv;
let admin: Awaited<ReturnType<typeof newAdmin>>;
beforeAll(async () => {
  env = await createTestEnv();
  admin = await newAdmin(env.deps);
});
afterAll(() => env.close());

type Failure = { code?: string; cause?: { reason?: string; details?: Record<string, unknown> } };
const reasonOf = (p: Promise<unknown>) =>
  p.then(
    () => 'resolved',
    (e: Failure) => `${e.code}:${e.cause?.reason ?? ''}`,
  );
const failureOf = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: Failure) => e,
  );
const audit = (targetType: string, targetId: string) => admin.caller.admin.audit.list({ targetType, targetId, limit: 50 });

const rule = (id: string, value = 10) => ({
  id,
  description: `rule ${id}`,
  condition: { feature: 'ipAttempts10m', op: 'gt', value },
  score: 25,
  isActive: true,
});

function attemptFor(userId: number, over: Partial<PurchaseAttempt> = {}): PurchaseAttempt {
  return {
    userId,
    sku: 'gems_small',
    currency: 'gems',
    amount: 50,
    ip: '198.51.100.7',
    deviceId: 'device-abcdef12',
    paymentFingerprint: null,
    accountCreatedAt: new Date(Date.now() - 3_600_000),
    ...over,
  };
}

describe('start-up seed', () => {
  it('seeds the default rules and thresholds once, even when instances start together, and never undoes admin edits', async () => {
    const runs = await Promise.all(Array.from({ length: 5 }, () => ensureFraudDefaults(env.deps)));
    expect(runs.filter((r) => r.seeded)).toHaveLength(1);
    const rules = await admin.caller.admin.fraud.rules.list();
    expect(rules.map((r) => r.id)).toEqual(DEFAULT_RULES.map((r) => r.id).sort());
    expect(await admin.caller.admin.fraud.thresholds.get()).toMatchObject({ ...DEFAULT_THRESHOLDS, isDefault: false, updatedBy: null });

    await admin.caller.admin.fraud.rules.upsert({ ...rule('ip_burst_10m', 3), score: 5 });
    await admin.caller.admin.fraud.rules.delete({ id: 'card_testing_severe' });
    await admin.caller.admin.fraud.thresholds.set({ review: 20, softBlock: 50, hardBlock: 90, softBlockCooldownSeconds: 120 });
    expect(await ensureFraudDefaults(env.deps)).toEqual({ seeded: false });
    const after = await admin.caller.admin.fraud.rules.list();
    expect(after.map((r) => r.id)).not.toContain('card_testing_severe');
    expect(after.find((r) => r.id === 'ip_burst_10m')).toMatchObject({ score: 5, condition: { value: 3 }, updatedBy: admin.user.id });
    expect(await admin.caller.admin.fraud.thresholds.get()).toMatchObject({ review: 20, softBlock: 50, hardBlock: 90, isDefault: false });
    // Back to an empty rule set for the tests below.
    for (const r of after) await admin.caller.admin.fraud.rules.delete({ id: r.id });
  });
});

describe('access', () => {
  it('refuses players (FORBIDDEN) and anonymous callers (UNAUTHORIZED) on every fraud procedure, changing nothing', async () => {
    const p = await newPlayer(env.deps);
    const calls = (c: typeof p.caller) => [
      c.admin.fraud.rules.list(),
      c.admin.fraud.rules.upsert(rule('player_rule')),
      c.admin.fraud.rules.delete({ id: 'player_rule' }),
      c.admin.fraud.rules.test({ condition: rule('x').condition, features: {} }),
      c.admin.fraud.thresholds.get(),
      c.admin.fraud.thresholds.set({ review: 1, softBlock: 2, hardBlock: 3, softBlockCooldownSeconds: 60 }),
      c.admin.fraud.decisions.list({ limit: 5 }),
      c.admin.fraud.decisions.review({ id: 1, status: 'approved' }),
      c.admin.fraud.features({ userId: p.user.id }),
    ];
    for (const r of await Promise.all(calls(p.caller).map(reasonOf))) expect(r).toBe('FORBIDDEN:admin_required');
    for (const r of await Promise.all(calls(callerFor(env.deps)).map(reasonOf))) expect(r).toBe('UNAUTHORIZED:token_missing');
    expect((await admin.caller.admin.fraud.rules.list()).map((r) => r.id)).not.toContain('player_rule');
    expect((await admin.caller.admin.fraud.thresholds.get()).review).not.toBe(1);
  });
});

describe('rules editor', () => {
  it('creates, updates and deletes rules, each audited with before and after', async () => {
    const created = await admin.caller.admin.fraud.rules.upsert(rule('velocity'));
    expect(created).toMatchObject({ id: 'velocity', score: 25, isActive: true, updatedBy: admin.user.id });
    const updated = await admin.caller.admin.fraud.rules.upsert({ ...rule('velocity', 20), isActive: false, score: -5 });
    expect(updated).toMatchObject({ score: -5, isActive: false, condition: { value: 20 } });
    expect((await admin.caller.admin.fraud.rules.list()).find((r) => r.id === 'velocity')).toMatchObject({ score: -5, isActive: false });
    expect(await admin.caller.admin.fraud.rules.delete({ id: 'velocity' })).toEqual({ ok: true });
    expect(await reasonOf(admin.caller.admin.fraud.rules.delete({ id: 'velocity' }))).toBe('NOT_FOUND:fraud_rule_not_found');

    const log = await audit('fraud_rule', 'velocity');
    expect(log.items.map((a) => a.action)).toEqual(['fraud.rule.delete', 'fraud.rule.update', 'fraud.rule.create']);
    expect(log.items[1]).toMatchObject({ before: { score: 25, isActive: true }, after: { score: -5, isActive: false } });
    expect(log.items[0]).toMatchObject({ before: { id: 'velocity' }, after: null });
  });

  it('refuses invalid conditions with fraud_rule_invalid and readable issues, leaving the stored rule as it was', async () => {
    await admin.caller.admin.fraud.rules.upsert(rule('keep_me', 7));
    const bad = [
      { feature: 'ipAtempts10m', op: 'gt', value: 1 },
      { feature: 'isCash', op: 'gt', value: true },
      { all: [] },
      { feature: 'amount', op: 'gt', value: 1, drop: 'table' },
      'amount > 5',
      null,
      undefined,
    ];
    for (const condition of bad) {
      const err = await failureOf(admin.caller.admin.fraud.rules.upsert({ ...rule('keep_me'), condition }));
      expect(`${err?.code}:${err?.cause?.reason}`, JSON.stringify(condition)).toBe('BAD_REQUEST:fraud_rule_invalid');
      expect(((err?.cause?.details?.issues ?? []) as string[]).length).toBeGreaterThan(0);
    }
    const err = await failureOf(admin.caller.admin.fraud.rules.upsert({ ...rule('keep_me'), condition: bad[0] }));
    expect(err?.cause?.details?.issues).toEqual(['condition.feature: unknown feature "ipAtempts10m"']);
    // A new rule with a bad condition is not created either.
    expect(await reasonOf(admin.caller.admin.fraud.rules.upsert({ ...rule('never'), condition: bad[0] }))).toBe(
      'BAD_REQUEST:fraud_rule_invalid',
    );
    const rules = await admin.caller.admin.fraud.rules.list();
    expect(rules.map((r) => r.id)).not.toContain('never');
    expect(rules.find((r) => r.id === 'keep_me')).toMatchObject({ condition: { value: 7 } });
    expect((await audit('fraud_rule', 'keep_me')).items).toHaveLength(1);
    await admin.caller.admin.fraud.rules.delete({ id: 'keep_me' });
  });

  it('refuses malformed ids and scores at the input', async () => {
    for (const id of ['', 'Has Caps', 'with space', 'nul\0byte', '-leading', 'x'.repeat(65)])
      expect(await reasonOf(admin.caller.admin.fraud.rules.upsert({ ...rule('ok'), id })), JSON.stringify(id)).toBe('BAD_REQUEST:');
    for (const score of [1.5, 1001, -1001, Number.NaN])
      expect(await reasonOf(admin.caller.admin.fraud.rules.upsert({ ...rule('ok'), score })), String(score)).toBe('BAD_REQUEST:');
    expect((await admin.caller.admin.fraud.rules.list()).map((r) => r.id)).not.toContain('ok');
  });

  it('dry-runs a condition against sample features (missing ones neutral) without storing anything', async () => {
    const condition = {
      all: [
        { feature: 'isCash', op: 'eq', value: true },
        { feature: 'accountAgeHours', op: 'lt', value: 1 },
      ],
    };
    expect(await admin.caller.admin.fraud.rules.test({ condition, features: { isCash: true, accountAgeHours: 0.5 } })).toMatchObject({
      matched: true,
      features: { isCash: true, accountAgeHours: 0.5, ipAttempts10m: 1 },
    });
    expect((await admin.caller.admin.fraud.rules.test({ condition, features: { isCash: true } })).matched).toBe(false);
    expect(await reasonOf(admin.caller.admin.fraud.rules.test({ condition: { feature: 'x', op: 'gt', value: 1 }, features: {} }))).toBe(
      'BAD_REQUEST:fraud_rule_invalid',
    );
    expect(await reasonOf(admin.caller.admin.fraud.rules.test({ condition, features: { bogus: 1 } as never }))).toBe('BAD_REQUEST:');
    expect(await reasonOf(admin.caller.admin.fraud.rules.test({ condition, features: { isCash: 1 } as never }))).toBe('BAD_REQUEST:');
    expect(await admin.caller.admin.fraud.rules.list()).toEqual([]);
  });
});

describe('thresholds', () => {
  it('sets increasing thresholds (audited) and refuses any other order, changing nothing', async () => {
    const set = await admin.caller.admin.fraud.thresholds.set({ review: 25, softBlock: 55, hardBlock: 95, softBlockCooldownSeconds: 900 });
    expect(set).toMatchObject({
      review: 25,
      softBlock: 55,
      hardBlock: 95,
      softBlockCooldownSeconds: 900,
      isDefault: false,
      updatedBy: admin.user.id,
    });
    for (const bad of [
      { review: 50, softBlock: 50, hardBlock: 95 },
      { review: 25, softBlock: 95, hardBlock: 55 },
      { review: 100, softBlock: 55, hardBlock: 95 },
    ])
      expect(await reasonOf(admin.caller.admin.fraud.thresholds.set({ ...bad, softBlockCooldownSeconds: 60 }))).toBe(
        'BAD_REQUEST:fraud_thresholds_invalid',
      );
    for (const bad of [
      { review: 0 },
      { softBlockCooldownSeconds: 0 },
      { softBlockCooldownSeconds: 86_401 },
      { hardBlock: 1.5 },
      { extra: 1 },
    ])
      expect(
        await reasonOf(
          admin.caller.admin.fraud.thresholds.set({ review: 25, softBlock: 55, hardBlock: 95, softBlockCooldownSeconds: 900, ...bad }),
        ),
      ).toBe('BAD_REQUEST:');
    expect(await admin.caller.admin.fraud.thresholds.get()).toMatchObject({ review: 25, softBlock: 55, hardBlock: 95 });
    const log = await audit('fraud_settings', 'thresholds');
    expect(log.items[0]).toMatchObject({ action: 'fraud.thresholds.set', after: { review: 25, softBlock: 55, hardBlock: 95 } });
  });
});

describe('decisions', () => {
  it('lists decisions with filters and pages, and closes an open review exactly once (also when admins race)', async () => {
    await admin.caller.admin.fraud.thresholds.set({ review: 10, softBlock: 50, hardBlock: 100, softBlockCooldownSeconds: 60 });
    await admin.caller.admin.fraud.rules.upsert({
      ...rule('big_gems'),
      condition: { feature: 'amount', op: 'gte', value: 1000 },
      score: 20,
    });
    const p = await newPlayer(env.deps);
    const small = await assessPurchase(env.deps, attemptFor(p.user.id));
    const big = await Promise.all(Array.from({ length: 3 }, () => assessPurchase(env.deps, attemptFor(p.user.id, { amount: 5000 }))));
    expect(small.action).toBe('allow');
    expect(big.map((d) => d.action)).toEqual(['review', 'review', 'review']);

    const mine = await admin.caller.admin.fraud.decisions.list({ userId: p.user.id, limit: 20 });
    expect(mine.items).toHaveLength(4);
    expect(mine.items[0]).toMatchObject({ userId: p.user.id, nickname: p.user.nickname, sku: 'gems_small' });
    const open = await admin.caller.admin.fraud.decisions.list({ userId: p.user.id, reviewStatus: 'open', limit: 20 });
    expect(open.items.map((d) => d.id).sort()).toEqual(big.map((d) => d.decisionId).sort());
    expect(open.items[0]).toMatchObject({
      action: 'review',
      score: 20,
      matchedRules: [{ id: 'big_gems', score: 20 }],
      features: { amount: 5000 },
    });
    expect(
      (await admin.caller.admin.fraud.decisions.list({ userId: p.user.id, action: 'allow', limit: 20 })).items.map((d) => d.id),
    ).toEqual([small.decisionId]);
    const page1 = await admin.caller.admin.fraud.decisions.list({ userId: p.user.id, limit: 3 });
    const page2 = await admin.caller.admin.fraud.decisions.list({ userId: p.user.id, limit: 3, cursor: page1.nextCursor ?? undefined });
    expect([...page1.items, ...page2.items].map((d) => d.id)).toEqual(mine.items.map((d) => d.id));
    expect(page2.nextCursor).toBeNull();

    // Five admins approve or reject the same decision at once: one wins, the rest get a conflict.
    const target = big[0]?.decisionId ?? 0;
    const admins = [admin, ...(await Promise.all(Array.from({ length: 4 }, () => newAdmin(env.deps))))];
    const results = await Promise.all(
      admins.map((a, i) =>
        reasonOf(a.caller.admin.fraud.decisions.review({ id: target, status: i % 2 ? 'rejected' : 'approved', note: `by ${i}` })),
      ),
    );
    expect(results.filter((r) => r === 'resolved')).toHaveLength(1);
    expect(results.filter((r) => r === 'CONFLICT:fraud_decision_not_open')).toHaveLength(4);
    const [row] = await env.deps.db.select().from(fraudDecisions).where(eq(fraudDecisions.id, target));
    expect(['approved', 'rejected']).toContain(row?.reviewStatus);
    expect(row?.reviewedAt).toBeInstanceOf(Date);
    const log = await audit('fraud_decision', String(target));
    expect(log.items).toHaveLength(1);
    expect(log.items[0]).toMatchObject({ action: 'fraud.decision.review', adminId: row?.reviewedBy, meta: { userId: p.user.id } });

    const reviewed = await admin.caller.admin.fraud.decisions.review({ id: big[1]?.decisionId ?? 0, status: 'rejected' });
    expect(reviewed).toMatchObject({ reviewStatus: 'rejected', reviewedBy: admin.user.id });
    expect(
      (await admin.caller.admin.fraud.decisions.list({ userId: p.user.id, reviewStatus: 'open', limit: 20 })).items.map((d) => d.id),
    ).toEqual([big[2]?.decisionId]);
    // Only open reviews can be closed; unknown ids are not found.
    expect(await reasonOf(admin.caller.admin.fraud.decisions.review({ id: small.decisionId, status: 'approved' }))).toBe(
      'CONFLICT:fraud_decision_not_open',
    );
    expect(await reasonOf(admin.caller.admin.fraud.decisions.review({ id: 9_999_999, status: 'approved' }))).toBe(
      'NOT_FOUND:fraud_decision_not_found',
    );
    for (const bad of [
      { id: -1, status: 'approved' },
      { id: 1, status: 'open' },
      { id: 1.5, status: 'approved' },
      { id: target, status: 'approved', note: 'x'.repeat(501) },
    ])
      expect(await reasonOf(admin.caller.admin.fraud.decisions.review(bad as never))).toBe('BAD_REQUEST:');
    await admin.caller.admin.fraud.rules.delete({ id: 'big_gems' });
  });

  it("shows a player's current windows for support without counting the look", async () => {
    const p = await newPlayer(env.deps);
    for (const fp of ['fp-1', 'fp-2'])
      await assessPurchase(env.deps, attemptFor(p.user.id, { paymentFingerprint: fp, ip: '192.0.2.44', deviceId: 'dev-support-1' }));
    const view = await admin.caller.admin.fraud.features({ userId: p.user.id });
    expect(view).toMatchObject({
      userId: p.user.id,
      ip: '192.0.2.44',
      deviceId: 'dev-support-1',
      windows: { ipAttempts10m: 2, ipAttempts1h: 2, deviceAttempts1h: 2, deviceUsers24h: 1, userAttempts1h: 2, distinctFingerprints24h: 2 },
      cooldownSeconds: 0,
    });
    expect(view.history.map((h) => h.currency)).toEqual(['gold', 'gems', 'cash']);
    expect(await admin.caller.admin.fraud.features({ userId: p.user.id })).toEqual(view);
    const other = await admin.caller.admin.fraud.features({ userId: p.user.id, ip: '192.0.2.45' });
    expect(other.windows).toMatchObject({ ipAttempts10m: 0, userAttempts1h: 2 });
    expect(await reasonOf(admin.caller.admin.fraud.features({ userId: 2_000_000_000 }))).toBe('NOT_FOUND:user_not_found');
    expect(await reasonOf(admin.caller.admin.fraud.features({ userId: p.user.id, deviceId: 'short' }))).toBe('BAD_REQUEST:');
  });
});
