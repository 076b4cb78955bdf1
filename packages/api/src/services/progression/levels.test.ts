/** settleLevel: one statement moves the level on and pays each level's reward once, from what the locked row holds. */
import { rewards, users, walletLedger } from '@casino/db';
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction, type Outbox } from '../../deps';
import { manualClock } from '../../infra/clock';
import { createTestEnv, newPlayer, type TestEnv } from '../../test/harness';
import { getBalance } from '../wallet/queries';
import { settleLevel } from './levels';

const clock = manualClock('2026-06-01T12:00:00Z');
let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv({ clock });
});
afterAll(() => env.close());

const setRow = (userId: number, level: number, experience: number) =>
  env.deps.db.update(users).set({ level, experience }).where(eq(users.id, userId));
const settle = (userId: number, level: number, experience: number) =>
  inTransaction(env.deps, async (tx, outbox) => ({
    change: await settleLevel(tx, outbox, { config: env.deps.config, at: clock.now() }, userId, level, experience),
    events: [...outbox] as Outbox,
  }));
const levelOf = async (userId: number) => {
  const [u] = await env.deps.db.select({ level: users.level, experience: users.experience }).from(users).where(eq(users.id, userId));
  return u;
};
const rewardRows = (userId: number) =>
  env.deps.db
    .select()
    .from(rewards)
    .where(and(eq(rewards.userId, userId), eq(rewards.source, 'level_reward')))
    .orderBy(asc(rewards.id));

describe('settleLevel', () => {
  it('crosses two levels at once: level_up, then each level’s credits and reward event in order, with the keys grantReward writes', async () => {
    const p = await newPlayer(env.deps);
    const before = await getBalance(env.deps.db, p.user.id);
    // Level 4 needs 1,300 and level 5 1,400: 2,750 crosses both and leaves 50.
    await setRow(p.user.id, 4, 2750);
    const { change, events } = await settle(p.user.id, 4, 2750);
    expect(change).toEqual({ previousLevel: 4, level: 6, experience: 50, maxExperience: 1500, levelsGained: 2 });
    expect(await levelOf(p.user.id)).toEqual({ level: 6, experience: 50 });
    const rows = await rewardRows(p.user.id);
    expect(rows.map((r) => [r.idempotencyKey, r.gold, r.gems, r.refType, r.refId, r.description])).toEqual([
      ['level:5', 500, 5, 'level', '5', 'Level 5 reached'],
      ['level:6', 200, 0, 'level', '6', 'Level 6 reached'],
    ]);
    const ledger = await env.deps.db
      .select()
      .from(walletLedger)
      .where(and(eq(walletLedger.userId, p.user.id), eq(walletLedger.reason, 'level_reward')))
      .orderBy(asc(walletLedger.id));
    const [r5, r6] = rows;
    expect(ledger.map((e) => [e.currency, e.delta, e.refType, e.refId, e.idempotencyKey])).toEqual([
      ['gold', 500, 'reward', String(r5?.id), `reward:${r5?.id}:gold`],
      ['gems', 5, 'reward', String(r5?.id), `reward:${r5?.id}:gems`],
      ['gold', 200, 'reward', String(r6?.id), `reward:${r6?.id}:gold`],
    ]);
    expect(events.map((e) => [e.type, e.data])).toEqual([
      ['level_up', { level: 6, previousLevel: 4, experience: 50, maxExperience: 1500 }],
      ['token_update', { currency: 'gold', delta: 500, balance: before.gold + 500, reason: 'level_reward', ledgerId: ledger[0]?.id }],
      ['token_update', { currency: 'gems', delta: 5, balance: before.gems + 5, reason: 'level_reward', ledgerId: ledger[1]?.id }],
      ['reward', { source: 'level_reward', rewardId: r5?.id, description: 'Level 5 reached', gold: 500, gems: 5 }],
      ['token_update', { currency: 'gold', delta: 200, balance: before.gold + 700, reason: 'level_reward', ledgerId: ledger[2]?.id }],
      ['reward', { source: 'level_reward', rewardId: r6?.id, description: 'Level 6 reached', gold: 200 }],
    ]);
    expect(await getBalance(env.deps.db, p.user.id)).toMatchObject({ gold: before.gold + 700, gems: before.gems + 5 });
  });

  it('a stale view of the row (it gained XP since) settles from what the row holds', async () => {
    const p = await newPlayer(env.deps);
    await setRow(p.user.id, 1, 1200);
    const { change } = await settle(p.user.id, 1, 1000);
    expect(change).toMatchObject({ previousLevel: 1, level: 2, experience: 200, levelsGained: 1 });
    expect(await levelOf(p.user.id)).toEqual({ level: 2, experience: 200 });
    expect(await rewardRows(p.user.id)).toHaveLength(1);
  });

  it('five transactions settling the same level at once: one level-up, one reward', async () => {
    const p = await newPlayer(env.deps);
    const before = (await getBalance(env.deps.db, p.user.id)).gold;
    await setRow(p.user.id, 1, 1000);
    const results = await Promise.all(Array.from({ length: 5 }, () => settle(p.user.id, 1, 1000)));
    expect(results.filter((r) => r.change.levelsGained === 1)).toHaveLength(1);
    expect(results.filter((r) => r.change.levelsGained === 0 && r.events.length === 0)).toHaveLength(4);
    expect(await levelOf(p.user.id)).toEqual({ level: 2, experience: 0 });
    expect(await rewardRows(p.user.id)).toHaveLength(1);
    expect((await getBalance(env.deps.db, p.user.id)).gold).toBe(before + 200);
  });

  it('a level whose reward was paid before (the level was lowered since) moves on without paying again', async () => {
    const p = await newPlayer(env.deps);
    await setRow(p.user.id, 1, 1000);
    await settle(p.user.id, 1, 1000);
    const paid = (await getBalance(env.deps.db, p.user.id)).gold;
    await setRow(p.user.id, 1, 1000); // an operator put the player back to level 1
    const { change, events } = await settle(p.user.id, 1, 1000);
    expect(change.level).toBe(2);
    expect(events.map((e) => e.type)).toEqual(['level_up']);
    expect(await rewardRows(p.user.id)).toHaveLength(1);
    expect((await getBalance(env.deps.db, p.user.id)).gold).toBe(paid);
  });

  it('an anonymised player (a crash round settled after the account was deleted) has no level to move: no change, no error', async () => {
    const p = await newPlayer(env.deps);
    await env.deps.db.update(users).set({ level: 1, experience: 1000, status: 'deleted' }).where(eq(users.id, p.user.id));
    const { change, events } = await settle(p.user.id, 1, 1000);
    expect(change.levelsGained).toBe(0);
    expect(events).toEqual([]);
    expect(await levelOf(p.user.id)).toEqual({ level: 1, experience: 1000 });
    expect(await rewardRows(p.user.id)).toHaveLength(0);
  });
});
