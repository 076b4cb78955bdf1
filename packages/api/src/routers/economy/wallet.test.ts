import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../deps';
import { createRedisKv } from '../../infra/kv-redis';
import { silentLogger } from '../../infra/logger';
import { EventBus } from '../../realtime/bus';
import { applyChange } from '../../services/wallet/wallet';
import { createTestEnv, deferred, newAdmin, newPlayer, type TestEnv } from '../../test/harness';
import { expectRefused } from '../../test/reference';

let env: TestEnv;
let admin: Awaited<ReturnType<typeof newAdmin>>;
beforeAll(async () => {
  env = await createTestEnv({ maxConnections: 40 });
  admin = await newAdmin(env.deps);
});
afterAll(() => env.close());

const debit = (userId: number, amount: number, key?: string) =>
  inTransaction(env.deps, (tx, outbox) =>
    applyChange(tx, outbox, { userId, currency: 'gold', delta: -amount, reason: 'test_debit', idempotencyKey: key ?? null }),
  );

describe('wallet ledger', () => {
  it('100 parallel debits of 15 on 1,000 gold: exactly 66 succeed and the rest are insufficient_funds', async () => {
    const p = await newPlayer(env.deps);
    const results = await Promise.allSettled(Array.from({ length: 100 }, () => debit(p.user.id, 15)));
    const ok = results.filter((r) => r.status === 'fulfilled');
    expect(ok).toHaveLength(66);
    for (const r of results) if (r.status === 'rejected') expectRefused(r.reason, 'insufficient_funds');
    const balance = await p.caller.economy.wallet.balance();
    expect(balance.gold).toBe(1000 - 66 * 15);
    const balances = new Set(
      (await p.caller.economy.wallet.history({ limit: 100, reason: 'test_debit' })).items.map((i) => i.balanceAfter),
    );
    expect(balances.size).toBe(66);
    expect((await admin.caller.admin.economy.reconcile()).violations).toEqual([]);
  });

  it('20 parallel admin debits of 100 on 1,000 gold through the router: 10 apply, 10 are BAD_REQUEST insufficient_funds, none a 5xx', async () => {
    const p = await newPlayer(env.deps);
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () =>
        admin.caller.admin.users.adjustBalance({ userId: p.user.id, currency: 'gold', delta: -100, reason: 'race debit' }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(10);
    for (const r of results) if (r.status === 'rejected') expectRefused(r.reason, 'insufficient_funds');
    expect((await p.caller.economy.wallet.balance()).gold).toBe(0);
    expect((await admin.caller.admin.economy.reconcile()).violations).toEqual([]);
  });

  it('applies a change with an idempotency key once, even when raced', async () => {
    const p = await newPlayer(env.deps);
    const results = await Promise.all(Array.from({ length: 20 }, () => debit(p.user.id, 100, 'same-key-123')));
    expect(new Set(results.map((r) => r.ledgerId)).size).toBe(1);
    expect(results.filter((r) => !r.idempotent)).toHaveLength(1);
    expect((await p.caller.economy.wallet.balance()).gold).toBe(900);
    await expect(
      inTransaction(env.deps, (tx, o) =>
        applyChange(tx, o, { userId: p.user.id, currency: 'gold', delta: -5, reason: 'test_debit', idempotencyKey: 'same-key-123' }),
      ),
    ).rejects.toMatchObject({ reason: 'idempotency_conflict' });
  });

  it('never goes negative and rejects non-integer or zero amounts', async () => {
    const p = await newPlayer(env.deps);
    await expect(debit(p.user.id, 1001)).rejects.toMatchObject({ reason: 'insufficient_funds' });
    await expect(debit(p.user.id, 0.5)).rejects.toMatchObject({ reason: 'invalid_amount' });
    await expect(debit(p.user.id, 0)).rejects.toMatchObject({ reason: 'invalid_amount' });
    expect((await p.caller.economy.wallet.balance()).gold).toBe(1000);
  });

  it('pages history newest first with cursor, currency and reason filters', async () => {
    const p = await newPlayer(env.deps);
    for (let i = 1; i <= 5; i++) await debit(p.user.id, i);
    await admin.caller.admin.users.adjustBalance({ userId: p.user.id, currency: 'gems', delta: 7, reason: 'compensation' });
    const first = await p.caller.economy.wallet.history({ limit: 3 });
    expect(first.items.map((i) => i.delta)).toEqual([7, -5, -4]);
    const second = await p.caller.economy.wallet.history({ limit: 3, cursor: first.nextCursor ?? undefined });
    expect(second.items.map((i) => i.delta)).toEqual([-3, -2, -1]);
    const third = await p.caller.economy.wallet.history({ limit: 3, cursor: second.nextCursor ?? undefined });
    expect(third).toMatchObject({ items: [{ reason: 'signup_bonus' }], nextCursor: null });
    expect((await p.caller.economy.wallet.history({ limit: 10, currency: 'gems' })).items).toHaveLength(1);
    expect((await p.caller.economy.wallet.history({ limit: 10, reason: 'signup_bonus' })).items).toHaveLength(1);
  });

  it("shows only the caller's own ledger", async () => {
    const a = await newPlayer(env.deps);
    const b = await newPlayer(env.deps);
    await debit(b.user.id, 10);
    const mine = await a.caller.economy.wallet.history({ limit: 50 });
    expect(mine.items).toHaveLength(1);
  });
});

describe('economy.live', () => {
  it('delivers token_update to a subscriber on another server instance', async () => {
    const p = await newPlayer(env.deps);
    // A second instance: its own Redis connections (or the same in-process roles) and its own bus.
    const otherKv = process.env.REDIS_URL ? createRedisKv(process.env.REDIS_URL, env.kv.prefix) : env.kv;
    const otherBus = new EventBus(env.deps.db, otherKv, silentLogger);
    const ac = new AbortController();
    const received: unknown[] = [];
    const ready = deferred();
    const it = otherBus.stream(p.user.id, { signal: ac.signal, onReady: ready.resolve });
    const first = it.next();
    await ready.promise;
    await debit(p.user.id, 25);
    const ev = await first;
    received.push(ev.value);
    ac.abort();
    await it.return(undefined);
    if (otherKv !== env.kv) await otherKv.close();
    expect(received[0]).toMatchObject({ type: 'token_update', data: { currency: 'gold', delta: -25, balance: 975, reason: 'test_debit' } });
  });

  it('resumes after a reconnect from the last event id without loss or duplicates', async () => {
    const p = await newPlayer(env.deps);
    const ac = new AbortController();
    const ready = deferred();
    const stream = env.deps.bus.stream(p.user.id, { signal: ac.signal, onReady: ready.resolve });
    const firstP = stream.next();
    await ready.promise;
    await debit(p.user.id, 1);
    const first = (await firstP).value;
    ac.abort();
    await stream.return(undefined);
    // Missed while disconnected:
    await debit(p.user.id, 2);
    await debit(p.user.id, 3);
    const ac2 = new AbortController();
    const resumed = env.deps.bus.stream(p.user.id, { lastEventId: first?.id ?? null, signal: ac2.signal });
    const a = (await resumed.next()).value;
    const b = (await resumed.next()).value;
    const cP = resumed.next();
    await debit(p.user.id, 4);
    const c = (await cP).value;
    ac2.abort();
    await resumed.return(undefined);
    expect([a, b, c].map((e) => e?.data.delta)).toEqual([-2, -3, -4]);
  });

  it('keeps events of different users apart', async () => {
    const [one, two] = [await newPlayer(env.deps), await newPlayer(env.deps)];
    const ac = new AbortController();
    const ready = deferred();
    const s = env.deps.bus.stream(one.user.id, { signal: ac.signal, onReady: ready.resolve });
    const next = s.next();
    await ready.promise;
    await inTransaction(env.deps, async (_tx, outbox) => {
      outbox.push(
        { userId: two.user.id, type: 'reward', data: { source: 'test', gold: 2 } },
        { userId: one.user.id, type: 'reward', data: { source: 'test', gold: 1 } },
      );
    });
    expect((await next).value?.data).toEqual({ source: 'test', gold: 1 });
    ac.abort();
    await s.return(undefined);
  });
});
