/**
 * assessPurchase against the real stores: window features counted exactly (also under
 * concurrency), distinct cards, amount deviation from PostgreSQL history, every threshold,
 * the soft-block cooldown, stored decisions, and rule edits reaching a second instance at once.
 */
import { randomUUID } from 'node:crypto';
import { fraudDecisions, fraudRules, purchases, shopProducts } from '@casino/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Deps, inTransaction } from '../../deps';
import { DomainError } from '../../errors';
import { manualClock } from '../../infra/clock';
import type { Kv } from '../../infra/kv';
import { createRedisKv } from '../../infra/kv-redis';
import { createTestEnv, newAdmin, newPlayer, type TestEnv } from '../../test/harness';
import { assessPurchase, COOLDOWN_MARK, enforceDecision, type PurchaseAttempt } from './assess';
import { bumpRulesVersion } from './rules';

let env: TestEnv;
let admin: Awaited<ReturnType<typeof newAdmin>>;
const clock = manualClock('2030-01-01T00:00:00Z');
let deps: Deps;
const MIN = 60_000;
const HOUR = 60 * MIN;

beforeAll(async () => {
  env = await createTestEnv();
  deps = { ...env.deps, clock };
  admin = await newAdmin(env.deps);
  await env.deps.db
    .insert(shopProducts)
    .values({ sku: 'fraud_test_pack', name: 'Test pack', kind: 'gem_pack', priceCurrency: 'cash', priceAmount: 999, grants: { gems: 10 } });
});
afterAll(() => env.close());

/** A fresh player (each test its own, so windows and cooldowns do not mix) and an attempt builder. */
async function player() {
  const p = await newPlayer(env.deps);
  const attempt = (over: Partial<PurchaseAttempt> = {}): PurchaseAttempt => ({
    userId: p.user.id,
    sku: 'fraud_test_pack',
    currency: 'cash',
    amount: 999,
    ip: null,
    deviceId: null,
    paymentFingerprint: null,
    accountCreatedAt: new Date(clock.now().getTime() - 48 * HOUR),
    ...over,
  });
  return { ...p, attempt };
}

const uniqueIp = () =>
  `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}-${randomUUID().slice(0, 4)}`;
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

async function setRules(rules: { id: string; condition: unknown; score: number; isActive?: boolean }[]) {
  for (const r of await admin.caller.admin.fraud.rules.list()) await admin.caller.admin.fraud.rules.delete({ id: r.id });
  for (const r of rules) await admin.caller.admin.fraud.rules.upsert({ description: '', isActive: true, ...r });
}

describe('window features', () => {
  it('counts every attempt once per IP, device and player — 30 concurrent attempts of 3 players from one IP and device', async () => {
    await setRules([]);
    const players = await Promise.all([player(), player(), player()]);
    const ip = uniqueIp();
    const deviceId = `dev-${randomUUID()}`;
    const results = await Promise.all(
      players.flatMap((p) => Array.from({ length: 10 }, () => assessPurchase(deps, p.attempt({ ip, deviceId })))),
    );
    // Each attempt saw a different total: counted atomically, none lost, none doubled.
    expect(sorted(results.map((r) => r.features.ipAttempts10m))).toEqual(range(30));
    expect(sorted(results.map((r) => r.features.ipAttempts1h))).toEqual(range(30));
    expect(sorted(results.map((r) => r.features.deviceAttempts1h))).toEqual(range(30));
    for (let i = 0; i < 3; i++) expect(sorted(results.slice(i * 10, i * 10 + 10).map((r) => r.features.userAttempts1h))).toEqual(range(10));
    expect(Math.max(...results.map((r) => r.features.deviceUsers24h))).toBe(3);
    expect(results.every((r) => r.action === 'allow' && r.features.hasIp && r.features.hasDeviceId)).toBe(true);
    // Every attempt left its decision.
    const stored = await env.deps.db
      .select()
      .from(fraudDecisions)
      .where(eq(fraudDecisions.userId, players[0]?.user.id ?? 0));
    expect(stored).toHaveLength(10);

    // 11 minutes later the 10-minute window has emptied; the hour still holds all 30.
    clock.advance(11 * MIN);
    const [a] = players;
    const later = await assessPurchase(deps, a?.attempt({ ip, deviceId }) as PurchaseAttempt);
    expect(later.features).toMatchObject({ ipAttempts10m: 1, ipAttempts1h: 31, deviceAttempts1h: 31, userAttempts1h: 11 });
    clock.advance(50 * MIN);
    const after = await assessPurchase(deps, a?.attempt({ ip, deviceId }) as PurchaseAttempt);
    expect(after.features).toMatchObject({ ipAttempts10m: 1, ipAttempts1h: 2, deviceAttempts1h: 2, userAttempts1h: 2, deviceUsers24h: 3 });

    // No IP or device: those features are 0 and flagged, the player's own window still counts.
    const bare = await assessPurchase(deps, a?.attempt() as PurchaseAttempt);
    expect(bare.features).toMatchObject({
      ipAttempts10m: 0,
      ipAttempts1h: 0,
      deviceAttempts1h: 0,
      deviceUsers24h: 0,
      hasIp: false,
      hasDeviceId: false,
      userAttempts1h: 3,
    });
  });

  it('counts distinct payment cards per player over 24 hours', async () => {
    const p = await player();
    const other = await player();
    const cards = [];
    for (const fp of ['card-a', 'card-a', 'card-b', null, 'card-c', 'card-b'])
      cards.push((await assessPurchase(deps, p.attempt({ paymentFingerprint: fp }))).features.distinctFingerprints24h);
    expect(cards).toEqual([1, 1, 2, 2, 3, 3]);
    // Another player's cards are their own.
    expect((await assessPurchase(deps, other.attempt({ paymentFingerprint: 'card-a' }))).features.distinctFingerprints24h).toBe(1);
    clock.advance(24 * HOUR + MIN);
    expect((await assessPurchase(deps, p.attempt({ paymentFingerprint: 'card-z' }))).features.distinctFingerprints24h).toBe(1);
  });
});

describe('amount deviation', () => {
  async function completed(
    userId: number,
    currency: 'gold' | 'gems' | 'cash',
    amounts: number[],
    status: 'completed' | 'failed' = 'completed',
  ) {
    for (const amount of amounts)
      await env.deps.db.insert(purchases).values({
        userId,
        sku: 'fraud_test_pack',
        quantity: 1,
        status,
        priceCurrency: currency,
        unitPrice: amount,
        amount,
        granted: {},
        idempotencyKey: randomUUID(),
      });
  }
  const deviation = async (attempt: PurchaseAttempt) => {
    const { historyCount, amountRatio, amountZScore } = (await assessPurchase(deps, attempt)).features;
    return { historyCount, amountRatio, amountZScore };
  };

  it('is neutral without history, a ratio from one purchase, and a z-score from three', async () => {
    const p = await player();
    expect(await deviation(p.attempt({ amount: 5000 }))).toEqual({ historyCount: 0, amountRatio: 1, amountZScore: 0 });
    await completed(p.user.id, 'cash', [100]);
    expect(await deviation(p.attempt({ amount: 450 }))).toEqual({ historyCount: 1, amountRatio: 4.5, amountZScore: 0 });
    await completed(p.user.id, 'cash', [100, 100]);
    // Identical amounts: the spread is floored at 10 % of the mean (10), so 1000 is 90 spreads above.
    expect(await deviation(p.attempt({ amount: 1000 }))).toEqual({ historyCount: 3, amountRatio: 10, amountZScore: 90 });
    expect(await deviation(p.attempt({ amount: 100 }))).toEqual({ historyCount: 3, amountRatio: 1, amountZScore: 0 });
  });

  it('uses only completed purchases in the same currency', async () => {
    const p = await player();
    await completed(p.user.id, 'cash', [100, 200, 300, 400, 500]);
    await completed(p.user.id, 'gems', [5, 5, 5]);
    await completed(p.user.id, 'cash', [1_000_000], 'failed');
    // mean 300, population sd 141.42…: 600 is 2.12 sd above, twice the mean.
    expect(await deviation(p.attempt({ amount: 600 }))).toEqual({ historyCount: 5, amountRatio: 2, amountZScore: 2.12 });
    expect(await deviation(p.attempt({ currency: 'gems', amount: 50 }))).toEqual({ historyCount: 3, amountRatio: 10, amountZScore: 45 });
    expect(await deviation(p.attempt({ currency: 'gold', amount: 50 }))).toEqual({ historyCount: 0, amountRatio: 1, amountZScore: 0 });
  });

  it('measures account age in hours and flags cash', async () => {
    const p = await player();
    const made = new Date(clock.now().getTime() - 90 * MIN);
    const r = await assessPurchase(deps, p.attempt({ accountCreatedAt: made, currency: 'gems', amount: 10 }));
    expect(r.features).toMatchObject({ accountAgeHours: 1.5, isCash: false, amount: 10 });
  });
});

describe('scores, actions and decisions', () => {
  it('maps each threshold to its action, stores the decision with its features and rules, and enforces it', async () => {
    await setRules([
      { id: 't_100', condition: { feature: 'amount', op: 'gte', value: 100 }, score: 30 },
      { id: 't_200', condition: { feature: 'amount', op: 'gte', value: 200 }, score: 30 },
      { id: 't_300', condition: { feature: 'amount', op: 'gte', value: 300 }, score: 40 },
      { id: 't_off', condition: { feature: 'amount', op: 'gte', value: 0 }, score: 500, isActive: false },
    ]);
    await admin.caller.admin.fraud.thresholds.set({ review: 30, softBlock: 60, hardBlock: 100, softBlockCooldownSeconds: 600 });
    const cases = [
      { amount: 50, action: 'allow', score: 0, rules: [] },
      { amount: 100, action: 'review', score: 30, rules: ['t_100'] },
      { amount: 200, action: 'soft_block', score: 60, rules: ['t_100', 't_200'] },
      { amount: 300, action: 'hard_block', score: 100, rules: ['t_100', 't_200', 't_300'] },
    ] as const;
    for (const c of cases) {
      const p = await player();
      const attempt = p.attempt({ amount: c.amount, ip: '203.0.113.9', deviceId: 'device-123456' });
      // As buy does it: assess and enforce before the purchase's transaction; a refusal still leaves the decision.
      const run = (async () => {
        const d = await assessPurchase(deps, attempt);
        enforceDecision(d);
        return inTransaction(deps, async () => d);
      })();
      if (c.action === 'allow' || c.action === 'review') {
        const d = await run;
        expect(d).toMatchObject({ action: c.action, score: c.score, retryAfterSeconds: null });
      } else {
        const err = await run.then(
          () => null,
          (e: unknown) => e,
        );
        expect(err).toBeInstanceOf(DomainError);
        expect((err as DomainError).reason).toBe('FRAUD_BLOCKED');
        expect((err as DomainError).code).toBe('FORBIDDEN');
        expect((err as DomainError).details).toEqual(c.action === 'soft_block' ? { soft: true, retryAfterSeconds: 600 } : {});
      }
      const [row] = await env.deps.db.select().from(fraudDecisions).where(eq(fraudDecisions.userId, p.user.id));
      expect(row).toMatchObject({
        action: c.action,
        score: c.score,
        sku: 'fraud_test_pack',
        reviewStatus: c.action === 'review' ? 'open' : null,
        matchedRules: c.rules.map((id) => ({ id, score: id === 't_300' ? 40 : 30 })),
      });
      expect(row?.features).toMatchObject({ amount: c.amount, userAttempts1h: 1, isCash: true, hasIp: true, hasDeviceId: true });
    }
  });

  it('soft block starts a cooldown: the player’s next attempts are held until it ends, without extending it', async () => {
    await setRules([
      { id: 'big', condition: { feature: 'amount', op: 'gte', value: 5000 }, score: 60 },
      { id: 'huge', condition: { feature: 'amount', op: 'gte', value: 50_000 }, score: 100 },
    ]);
    await admin.caller.admin.fraud.thresholds.set({ review: 30, softBlock: 60, hardBlock: 150, softBlockCooldownSeconds: 300 });
    const p = await player();
    const first = await assessPurchase(deps, p.attempt({ amount: 5000 }));
    expect(first).toMatchObject({ action: 'soft_block', retryAfterSeconds: 300, score: 60 });
    clock.advance(100_500);
    const held = await assessPurchase(deps, p.attempt({ amount: 10 }));
    expect(held).toMatchObject({ action: 'soft_block', score: 0, retryAfterSeconds: 200, matchedRules: [{ id: COOLDOWN_MARK, score: 0 }] });
    expect(held.features.cooldownSeconds).toBe(200);
    // Another soft block inside it reports the running cooldown, not a new one.
    expect(await assessPurchase(deps, p.attempt({ amount: 6000 }))).toMatchObject({ action: 'soft_block', retryAfterSeconds: 200 });
    // A hard block stays a hard block.
    expect((await assessPurchase(deps, p.attempt({ amount: 60_000 }))).action).toBe('hard_block');
    expect(() => enforceDecision(held)).toThrow(/Try again in 4 minutes/);
    // Other players are not affected.
    expect((await assessPurchase(deps, (await player()).attempt({ amount: 10 }))).action).toBe('allow');
    clock.advance(200_000);
    expect(await assessPurchase(deps, p.attempt({ amount: 10 }))).toMatchObject({ action: 'allow', retryAfterSeconds: null });
    expect(() => enforceDecision({ action: 'allow', retryAfterSeconds: null })).not.toThrow();
    expect(() => enforceDecision({ action: 'review', retryAfterSeconds: null })).not.toThrow();
  });
});

describe('rule changes without restart', () => {
  it('the very next assessment uses an edit, on this instance and on a second one sharing the database and Redis', async () => {
    // A second server instance: its own Redis connection (same prefix) and so its own rules cache.
    const url = process.env.REDIS_URL;
    const kvB: Kv = url ? createRedisKv(url, env.kv.prefix) : { ...env.kv };
    const depsB: Deps = { ...deps, kv: kvB };
    try {
      await setRules([{ id: 'edit_me', condition: { feature: 'amount', op: 'gte', value: 1000 }, score: 40 }]);
      await admin.caller.admin.fraud.thresholds.set({ review: 30, softBlock: 60, hardBlock: 100, softBlockCooldownSeconds: 60 });
      const a = await player();
      const b = await player();
      const both = async (amount: number) =>
        [await assessPurchase(deps, a.attempt({ amount })), await assessPurchase(depsB, b.attempt({ amount }))].map((d) => ({
          action: d.action,
          rules: d.matchedRules.map((r) => r.id),
        }));
      // Both caches warm.
      expect(await both(500)).toEqual([
        { action: 'allow', rules: [] },
        { action: 'allow', rules: [] },
      ]);

      await admin.caller.admin.fraud.rules.upsert({
        id: 'edit_me',
        description: 'lowered',
        condition: { feature: 'amount', op: 'gte', value: 100 },
        score: 40,
        isActive: true,
      });
      expect(await both(500)).toEqual([
        { action: 'review', rules: ['edit_me'] },
        { action: 'review', rules: ['edit_me'] },
      ]);
      await admin.caller.admin.fraud.thresholds.set({ review: 10, softBlock: 40, hardBlock: 100, softBlockCooldownSeconds: 60 });
      expect((await both(500)).map((d) => d.action)).toEqual(['soft_block', 'soft_block']);
      clock.advance(61_000);
      await admin.caller.admin.fraud.rules.upsert({
        id: 'edit_me',
        description: 'off',
        condition: { feature: 'amount', op: 'gte', value: 100 },
        score: 40,
        isActive: false,
      });
      expect((await both(500)).map((d) => d.action)).toEqual(['allow', 'allow']);
      await admin.caller.admin.fraud.rules.upsert({
        id: 'fresh',
        condition: { feature: 'amount', op: 'gt', value: 499 },
        score: 200,
        isActive: true,
        description: '',
      });
      expect((await both(500)).map((d) => d.action)).toEqual(['hard_block', 'hard_block']);
      await admin.caller.admin.fraud.rules.delete({ id: 'fresh' });
      expect((await both(500)).map((d) => d.action)).toEqual(['allow', 'allow']);

      // The cache is real: a row written around the API is not seen until the version moves…
      await env.deps.db.insert(fraudRules).values({ id: 'sneaky', condition: { feature: 'amount', op: 'gte', value: 1 }, score: 200 });
      expect((await both(500)).map((d) => d.action)).toEqual(['allow', 'allow']);
      await bumpRulesVersion(deps);
      expect((await both(500)).map((d) => d.action)).toEqual(['hard_block', 'hard_block']);
      // …and a Redis that lost the token (flush, failover) makes every instance reload.
      await env.deps.db.delete(fraudRules).where(eq(fraudRules.id, 'sneaky'));
      await env.kv.flush();
      expect((await both(500)).map((d) => d.action)).toEqual(['allow', 'allow']);
    } finally {
      if (url) await kvB.close();
    }
  });

  it('skips a stored rule that does not validate instead of failing purchases', async () => {
    await setRules([{ id: 'good', condition: { feature: 'amount', op: 'gte', value: 1 }, score: 35 }]);
    await env.deps.db.insert(fraudRules).values({ id: 'broken', condition: { feature: 'nope', op: 'gt', value: 1 }, score: 500 });
    await bumpRulesVersion(deps);
    const d = await assessPurchase(deps, (await player()).attempt({ amount: 10 }));
    expect(d).toMatchObject({ action: 'review', matchedRules: [{ id: 'good', score: 35 }] });
    await env.deps.db.delete(fraudRules).where(eq(fraudRules.id, 'broken'));
  });
});
