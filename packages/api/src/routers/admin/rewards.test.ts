/** admin.rewards.grantBulk: per-row results, a replay grants nothing again, bad rows do not block good ones, dryRun. */
import { rewardBatches, rewards, userItems } from '@casino/db';
import { DEFAULT_GAME_CONFIG } from '@casino/shared';
import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, editUser, newAdmin, newPlayer, type TestEnv } from '../../test/harness';
import { eventsOfType, expectLedgerConsistent } from '../../test/progression';
import { expectRefused } from '../../test/reference';

let env: TestEnv;
let admin: Awaited<ReturnType<typeof newAdmin>>;
beforeAll(async () => {
  env = await createTestEnv();
  admin = await newAdmin(env.deps);
});
afterAll(() => env.close());

const bulkRewards = (userId: number, key: string) =>
  env.deps.db
    .select()
    .from(rewards)
    .where(and(eq(rewards.userId, userId), like(rewards.idempotencyKey, `bulk:${key}:%`)));

describe('admin.rewards.grantBulk', () => {
  it('grants every good row, reports each bad one, and a replay of the key grants nothing again', async () => {
    const a = await newPlayer(env.deps);
    const b = await newPlayer(env.deps);
    const gone = await newPlayer(env.deps);
    await editUser(env.deps, gone.user.id, { status: 'deleted' });
    const input = {
      idempotencyKey: 'tournament-2026-08',
      items: [
        { userId: a.user.id, rewardType: 'GOLD' as const, amount: 500, sourceDescription: 'Tournament 1st place' },
        { userId: b.user.id, rewardType: 'GEMS' as const, amount: 12, sourceDescription: 'Tournament 2nd place' },
        { userId: 999_999, rewardType: 'GOLD' as const, amount: 5, sourceDescription: 'Typo in the CSV' },
        { userId: a.user.id, rewardType: 'ITEM' as const, amount: 2, itemId: 'golden_dragon', sourceDescription: 'Trophy' },
        { userId: b.user.id, rewardType: 'ITEM' as const, amount: 1, itemId: 'unicorn', sourceDescription: 'Unknown item' },
        { userId: b.user.id, rewardType: 'GOLD' as const, amount: -40, sourceDescription: 'Negative' },
        { userId: gone.user.id, rewardType: 'GOLD' as const, amount: 5, sourceDescription: 'Deleted account' },
        { userId: a.user.id, rewardType: 'ITEM' as const, amount: 1, sourceDescription: 'No item id' },
      ],
    };
    const res = await admin.caller.admin.rewards.grantBulk(input);
    expect(res.success).toBe(false);
    expect(res.idempotent).toBe(false);
    expect(res.results.map((r) => [r.index, r.userId, r.status, r.error])).toEqual([
      [0, a.user.id, 'ok', undefined],
      [1, b.user.id, 'ok', undefined],
      [2, 999_999, 'error', 'user_not_found'],
      [3, a.user.id, 'ok', undefined],
      [4, b.user.id, 'error', 'item_unknown'],
      [5, b.user.id, 'error', 'invalid_amount'],
      [6, gone.user.id, 'error', 'user_not_found'],
      [7, a.user.id, 'error', 'item_unknown'],
    ]);
    expect(res.results[2]?.message).toBe('No such player.');
    const check = async () => {
      expect((await a.caller.economy.wallet.balance()).gold).toBe(1500);
      expect((await b.caller.economy.wallet.balance()).gems).toBe(12);
      const [trophy] = await env.deps.db
        .select()
        .from(userItems)
        .where(and(eq(userItems.userId, a.user.id), eq(userItems.itemId, 'golden_dragon')));
      expect(trophy).toMatchObject({ quantity: 2, rarity: 'legendary' });
      expect(await bulkRewards(a.user.id, input.idempotencyKey)).toHaveLength(2);
    };
    await check();
    const replay = await admin.caller.admin.rewards.grantBulk(input);
    expect(replay).toEqual({ ...res, idempotent: true });
    await check();
    // The same key for other rows is a conflict, and changes nothing.
    await admin.caller.admin.rewards.grantBulk({ ...input, items: input.items.slice(0, 1) }).then(
      () => expect.fail('accepted a different batch under the key'),
      (e) => expectRefused(e, 'idempotency_conflict'),
    );
    await check();
    const ledger = await a.caller.economy.wallet.history({ limit: 5, reason: 'admin_grant' });
    expect(ledger.items.map((l) => l.delta)).toEqual([500]);
    expect((await eventsOfType(env.kv, a.user.id, 'reward')).map((e) => e.data.description)).toEqual(['Tournament 1st place', 'Trophy']);
    const audit = await admin.caller.admin.audit.list({ action: 'reward.grant', targetId: String(a.user.id) });
    expect(audit.items).toHaveLength(2);
    expect((await admin.caller.admin.audit.list({ action: 'reward.grant_bulk', targetId: input.idempotencyKey })).items).toHaveLength(1);
    await expectLedgerConsistent(admin);
  });

  it('grants once when the same batch is sent 8 times at once', async () => {
    const p = await newPlayer(env.deps);
    const input = {
      idempotencyKey: 'raced-batch-1',
      items: [
        { userId: p.user.id, rewardType: 'GOLD' as const, amount: 100, sourceDescription: 'Race' },
        { userId: p.user.id, rewardType: 'GOLD' as const, amount: 100, sourceDescription: 'Race, second row' },
      ],
    };
    const results = await Promise.all(Array.from({ length: 8 }, () => admin.caller.admin.rewards.grantBulk(input)));
    expect(results.every((r) => r.success)).toBe(true);
    expect((await p.caller.economy.wallet.balance()).gold).toBe(1200);
    expect(await bulkRewards(p.user.id, input.idempotencyKey)).toHaveLength(2);
    const [batch] = await env.deps.db.select().from(rewardBatches).where(eq(rewardBatches.idempotencyKey, input.idempotencyKey));
    expect(batch?.completedAt).not.toBeNull();
    expect((await admin.caller.admin.audit.list({ action: 'reward.grant_bulk', targetId: input.idempotencyKey })).items).toHaveLength(1);
    await expectLedgerConsistent(admin);
  });

  it('dryRun checks every row with the nickname for the preview and grants nothing', async () => {
    const p = await newPlayer(env.deps);
    const res = await admin.caller.admin.rewards.grantBulk({
      idempotencyKey: 'preview-only-1',
      dryRun: true,
      items: [
        { userId: p.user.id, rewardType: 'GOLD', amount: 250, sourceDescription: 'Preview' },
        { userId: p.user.id, rewardType: 'GOLD', amount: 2_000_000_000, sourceDescription: 'Too much' },
        { userId: 888_888, rewardType: 'GEMS', amount: 1, sourceDescription: 'Nobody' },
      ],
    });
    expect(res).toMatchObject({ success: false, dryRun: true, idempotent: false });
    expect(res.results.map((r) => [r.status, r.error ?? null, r.nickname ?? null])).toEqual([
      ['ok', null, p.user.nickname],
      ['error', 'invalid_amount', null],
      ['error', 'user_not_found', null],
    ]);
    expect((await p.caller.economy.wallet.balance()).gold).toBe(1000);
    expect(await env.deps.db.select().from(rewardBatches).where(eq(rewardBatches.idempotencyKey, 'preview-only-1'))).toEqual([]);
    // The real run afterwards under the same key.
    const real = await admin.caller.admin.rewards.grantBulk({
      idempotencyKey: 'preview-only-1',
      items: [{ userId: p.user.id, rewardType: 'GOLD', amount: 250, sourceDescription: 'Preview' }],
    });
    expect(real).toMatchObject({ success: true, dryRun: false });
    expect((await p.caller.economy.wallet.balance()).gold).toBe(1250);
  });

  it('grants the items of the published game configuration, not only the built-in ones', async () => {
    const p = await newPlayer(env.deps);
    const row = { userId: p.user.id, rewardType: 'ITEM' as const, amount: 1, itemId: 'moon_rabbit', sourceDescription: 'Launch gift' };
    const before = await admin.caller.admin.rewards.grantBulk({ idempotencyKey: 'new-item-dry', dryRun: true, items: [row] });
    expect(before.results.map((r) => r.error)).toEqual(['item_unknown']);
    const { version } = await admin.caller.admin.games.active();
    const gacha = DEFAULT_GAME_CONFIG.gacha;
    const draft = {
      ...DEFAULT_GAME_CONFIG,
      gacha: { ...gacha, items: { ...gacha.items, common: [...gacha.items.common, { id: 'moon_rabbit', name: 'Moon Rabbit' }] } },
    };
    await admin.caller.admin.games.publish({ baseVersion: version, draft, reason: 'New common prize' });
    const res = await admin.caller.admin.rewards.grantBulk({ idempotencyKey: 'new-item-1', items: [row] });
    expect(res.results.map((r) => [r.status, r.error ?? null])).toEqual([['ok', null]]);
    const held = await env.deps.db
      .select({ quantity: userItems.quantity, rarity: userItems.rarity })
      .from(userItems)
      .where(and(eq(userItems.userId, p.user.id), eq(userItems.itemId, 'moon_rabbit')));
    expect(held).toEqual([{ quantity: 1, rarity: 'common' }]);
  });
});
