/** An achievement is unlocked, and its reward paid, once per player — however often and however concurrently it is earned. */
import { randomUUID } from 'node:crypto';
import { userAchievements, walletLedger } from '@casino/db';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction, type Outbox } from '../../deps';
import { manualClock } from '../../infra/clock';
import { createTestEnv, newPlayer, type TestEnv } from '../../test/harness';
import { getBalance } from '../wallet/queries';
import { applyChange } from '../wallet/wallet';
import { type AchievementContext, awardAchievements } from './achievements';

const clock = manualClock('2026-06-01T12:00:00Z');
let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv({ clock });
});
afterAll(() => env.close());

/** A won RPS round of `userId` at 2×: earns `first_win` (100 gold) and nothing else. */
const winOf = (userId: number): AchievementContext => ({
  roundId: randomUUID(),
  userId,
  game: 'rps',
  currency: 'gold',
  bet: 10,
  payout: 20,
  result: 'win',
  seed: { seedId: 0, nonce: 0 },
  configVersion: 1,
  at: clock.now(),
  outcome: { choice: 'rock', serverChoice: 'scissors', result: 'win', payout: 20, bet: 10, houseEdgePercent: 0 },
  multiplier: 2,
  totalBets: 1,
});

const award = (c: AchievementContext) =>
  inTransaction(env.deps, async (tx, outbox) => ({ awarded: await awardAchievements(tx, outbox, c), events: [...outbox] as Outbox }));

const rewardsOf = (userId: number) =>
  env.deps.db
    .select()
    .from(walletLedger)
    .where(and(eq(walletLedger.userId, userId), eq(walletLedger.reason, 'achievement_reward')));

describe('awardAchievements', () => {
  it('unlocks once with one reward and its live events, under 10 concurrent wins of one player', async () => {
    const p = await newPlayer(env.deps);
    const before = (await getBalance(env.deps.db, p.user.id)).gold;
    const results = await Promise.all(Array.from({ length: 10 }, () => award(winOf(p.user.id))));
    const winners = results.filter((r) => r.awarded === 1);
    expect(winners).toHaveLength(1);
    expect(results.filter((r) => r.awarded === 0)).toHaveLength(9);
    const rewards = await rewardsOf(p.user.id);
    expect(rewards.map((r) => [r.delta, r.idempotencyKey, r.balanceAfter])).toEqual([[100, 'achievement:first_win', before + 100]]);
    expect(winners[0]?.events.map((e) => [e.type, e.data])).toEqual([
      ['token_update', { currency: 'gold', delta: 100, balance: before + 100, reason: 'achievement_reward', ledgerId: rewards[0]?.id }],
      ['achievement', { code: 'first_win', title: 'First win', rewardGold: 100 }],
    ]);
    expect((await getBalance(env.deps.db, p.user.id)).gold).toBe(before + 100);
  });

  it('a reward already in the ledger under its key is not paid again: the achievement is recorded without a second credit', async () => {
    const p = await newPlayer(env.deps);
    await inTransaction(env.deps, (tx, outbox) =>
      applyChange(tx, outbox, {
        userId: p.user.id,
        currency: 'gold',
        delta: 100,
        reason: 'achievement_reward',
        refType: 'achievement',
        refId: 'first_win',
        idempotencyKey: 'achievement:first_win',
      }),
    );
    const before = (await getBalance(env.deps.db, p.user.id)).gold;
    const { awarded, events } = await award(winOf(p.user.id));
    expect(awarded).toBe(1);
    expect(events.map((e) => e.type)).toEqual(['achievement']);
    expect(await env.deps.db.select().from(userAchievements).where(eq(userAchievements.userId, p.user.id))).toHaveLength(1);
    expect(await rewardsOf(p.user.id)).toHaveLength(1);
    expect((await getBalance(env.deps.db, p.user.id)).gold).toBe(before);
  });
});
