/** The one reward grant: idempotent by key under races, atomic with its ledger, items, XP and levels, pushed live. */
import { rewards, userItems, users } from '@casino/db';
import { maxExperienceFor } from '@casino/shared';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../deps';
import { createTestEnv, newAdmin, newPlayer, type TestEnv } from '../../test/harness';
import { eventsOfType, expectLedgerConsistent } from '../../test/progression';
import { expectRefused } from '../../test/reference';
import { grantReward, type RewardGrant } from './rewards';

let env: TestEnv;
let admin: Awaited<ReturnType<typeof newAdmin>>;
beforeAll(async () => {
  env = await createTestEnv();
  admin = await newAdmin(env.deps);
});
afterAll(() => env.close());

const grant = (g: RewardGrant) =>
  inTransaction(env.deps, (tx, outbox) => grantReward(tx, outbox, { config: env.deps.config, at: env.deps.clock.now() }, g));

describe('grantReward', () => {
  it('credits gold and gems through the ledger, items into the inventory, records the grant and pushes it live', async () => {
    const p = await newPlayer(env.deps);
    const res = await grant({
      userId: p.user.id,
      idempotencyKey: 'quest-1',
      source: 'quest_reward',
      description: 'First quest',
      gold: 250,
      gems: 4,
      items: [
        { itemId: 'lucky_coin', quantity: 2 },
        { itemId: 'streak_protection', quantity: 1 },
      ],
    });
    expect(res).toMatchObject({ idempotent: false, gold: 250, gems: 4, balance: { gold: 1250, gems: 4 } });
    const ledger = await p.caller.economy.wallet.history({ limit: 10, reason: 'quest_reward' });
    expect(ledger.items.map((l) => [l.currency, l.delta, l.refType, l.refId])).toEqual([
      ['gems', 4, 'reward', String(res.rewardId)],
      ['gold', 250, 'reward', String(res.rewardId)],
    ]);
    const items = await env.deps.db.select().from(userItems).where(eq(userItems.userId, p.user.id));
    expect(items.map((i) => [i.itemId, i.quantity, i.rarity]).sort()).toEqual([
      ['lucky_coin', 2, 'common'],
      ['streak_protection', 1, 'special'],
    ]);
    const history = await p.caller.economy.rewards.history({ limit: 10 });
    expect(history.items).toMatchObject([{ id: res.rewardId, source: 'quest_reward', description: 'First quest', gold: 250, gems: 4 }]);
    const live = await eventsOfType(env.kv, p.user.id, 'reward');
    expect(live.map((e) => e.data)).toEqual([
      {
        source: 'quest_reward',
        rewardId: res.rewardId,
        description: 'First quest',
        gold: 250,
        gems: 4,
        items: ['lucky_coin', 'streak_protection'],
      },
    ]);
    await expectLedgerConsistent(admin);
  });

  it('grants once per key when 30 grants race, and refuses the key for a different grant', async () => {
    const p = await newPlayer(env.deps);
    const g: RewardGrant = { userId: p.user.id, idempotencyKey: 'race-key', source: 'quest_reward', gold: 100, xp: 10 };
    const results = await Promise.all(Array.from({ length: 30 }, () => grant(g)));
    expect(results.filter((r) => !r.idempotent)).toHaveLength(1);
    expect(new Set(results.map((r) => r.rewardId)).size).toBe(1);
    expect((await p.caller.economy.wallet.balance()).gold).toBe(1100);
    expect((await p.caller.auth.me()).experience).toBe(10);
    const rows = await env.deps.db.select().from(rewards).where(eq(rewards.userId, p.user.id));
    expect(rows).toHaveLength(1);
    await expect(grant({ ...g, gold: 101 })).rejects.toMatchObject({ reason: 'idempotency_conflict' });
    await expect(grant({ ...g, source: 'other' })).rejects.toMatchObject({ reason: 'idempotency_conflict' });
    expect((await p.caller.economy.wallet.balance()).gold).toBe(1100);
    await expectLedgerConsistent(admin);
  });

  it('refuses empty, negative and unknown grants and changes nothing', async () => {
    const p = await newPlayer(env.deps);
    const base = { userId: p.user.id, source: 'quest_reward' };
    for (const [g, reason] of [
      [{ ...base, idempotencyKey: 'k1' }, 'invalid_amount'],
      [{ ...base, idempotencyKey: 'k2', gold: -5 }, 'invalid_amount'],
      [{ ...base, idempotencyKey: 'k3', gold: 1.5 }, 'invalid_amount'],
      [{ ...base, idempotencyKey: 'k4', items: [{ itemId: 'excalibur', quantity: 1 }] }, 'item_unknown'],
      [{ ...base, idempotencyKey: 'k5', items: [{ itemId: 'lucky_coin', quantity: 0 }] }, 'invalid_amount'],
      [{ ...base, userId: 999_999, idempotencyKey: 'k6', gold: 5 }, 'user_not_found'],
    ] as [RewardGrant, string][]) {
      await grant(g).then(
        () => expect.fail(`granted ${JSON.stringify(g)}`),
        (e) => expectRefused(e, reason),
      );
    }
    expect(await env.deps.db.select().from(rewards).where(eq(rewards.userId, p.user.id))).toEqual([]);
    expect((await p.caller.economy.wallet.balance()).gold).toBe(1000);
  });

  it('levels up across several levels at once, carrying the surplus, paying each level reward once and pushing level_up', async () => {
    const p = await newPlayer(env.deps);
    // Level 1 → 6 needs 1000 + 1100 + 1200 + 1300 + 1400 = 6000; 123 more carries over.
    const res = await grant({ userId: p.user.id, idempotencyKey: 'xp-bomb', source: 'quest_reward', xp: 6123 });
    expect(res.levelUp).toMatchObject({ previousLevel: 1, level: 6, experience: 123, maxExperience: maxExperienceFor(6), levelsGained: 5 });
    const me = await p.caller.auth.me();
    expect(me).toMatchObject({ level: 6, experience: 123, maxExperience: 1500 });
    const { levelRewards } = env.deps.config.progression;
    const expectedGold = [2, 3, 4, 5, 6].reduce((n, l) => n + (levelRewards.byLevel[l]?.gold ?? levelRewards.every.gold ?? 0), 0);
    const expectedGems = [2, 3, 4, 5, 6].reduce((n, l) => n + (levelRewards.byLevel[l]?.gems ?? levelRewards.every.gems ?? 0), 0);
    expect(me.gold).toBe(1000 + expectedGold);
    expect(me.gems).toBe(expectedGems);
    expect(res.balance).toEqual({ gold: 1000 + expectedGold, gems: expectedGems });
    const levelRows = await env.deps.db
      .select()
      .from(rewards)
      .where(and(eq(rewards.userId, p.user.id), eq(rewards.source, 'level_reward')));
    expect(levelRows.map((r) => r.idempotencyKey).sort()).toEqual(['level:2', 'level:3', 'level:4', 'level:5', 'level:6']);
    expect((await eventsOfType(env.kv, p.user.id, 'level_up')).map((e) => e.data)).toEqual([
      { level: 6, previousLevel: 1, experience: 123, maxExperience: 1500 },
    ]);
    // Exactly reaching the next maximum levels up with nothing left over.
    await grant({ userId: p.user.id, idempotencyKey: 'xp-exact', source: 'quest_reward', xp: 1500 - 123 });
    expect(await p.caller.auth.me()).toMatchObject({ level: 7, experience: 0 });
    await expectLedgerConsistent(admin);
  });

  it('adds VIP points and battle-pass XP (outside a season: recorded, no progress row)', async () => {
    const p = await newPlayer(env.deps);
    const res = await grant({ userId: p.user.id, idempotencyKey: 'vip-bp', source: 'quest_reward', vipPoints: 7, battlepassXp: 40 });
    expect(res).toMatchObject({ vipPoints: 7, battlepassXp: 40 });
    const [u] = await env.deps.db.select({ vipPoints: users.vipPoints }).from(users).where(eq(users.id, p.user.id));
    expect(u?.vipPoints).toBe(7);
  });

  it('economy.rewards.history pages newest first, filters by source, and shows only the caller’s grants', async () => {
    const a = await newPlayer(env.deps);
    const b = await newPlayer(env.deps);
    for (let i = 1; i <= 5; i++) await grant({ userId: a.user.id, idempotencyKey: `h${i}`, source: i % 2 ? 'odd' : 'even', gold: i });
    await grant({ userId: b.user.id, idempotencyKey: 'h1', source: 'odd', gold: 99 });
    const first = await a.caller.economy.rewards.history({ limit: 2 });
    expect(first.items.map((r) => r.gold)).toEqual([5, 4]);
    const second = await a.caller.economy.rewards.history({ limit: 2, cursor: first.nextCursor ?? undefined });
    expect(second.items.map((r) => r.gold)).toEqual([3, 2]);
    expect((await a.caller.economy.rewards.history({ limit: 10, source: 'odd' })).items.map((r) => r.gold)).toEqual([5, 3, 1]);
    expect((await b.caller.economy.rewards.history({ limit: 10 })).items.map((r) => r.gold)).toEqual([99]);
  });
});
