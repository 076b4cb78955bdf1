/** The one wallet writer: several entries in one statement, under concurrency and replays. */
import { walletLedger } from '@casino/db';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../deps';
import { isDomainError } from '../../errors';
import { createTestEnv, newAdmin, newPlayer, type TestEnv } from '../../test/harness';
import { expectRefused } from '../../test/reference';
import { applyChanges, type WalletEntry } from './wallet';

let env: TestEnv;
let admin: Awaited<ReturnType<typeof newAdmin>>;
beforeAll(async () => {
  env = await createTestEnv({ maxConnections: 40 });
  admin = await newAdmin(env.deps);
});
afterAll(() => env.close());

const apply = (userId: number, entries: WalletEntry[]) => inTransaction(env.deps, (tx, o) => applyChanges(tx, o, { userId, entries }));
const ledgerOf = (userId: number) =>
  env.deps.db.select().from(walletLedger).where(eq(walletLedger.userId, userId)).orderBy(asc(walletLedger.id));
const reasonOf = (e: unknown) => (isDomainError(e) ? e.reason : `${getHTTPStatusCodeFromError(e as never)}:${String(e)}`);

describe('applyChanges', () => {
  it('applies entries in both currencies in one statement, each ledger row with its running balance', async () => {
    const p = await newPlayer(env.deps); // 1000 gold, 0 gems
    const res = await apply(p.user.id, [
      { currency: 'gold', delta: -300, reason: 'test_buy' },
      { currency: 'gems', delta: 5, reason: 'test_buy' },
      { currency: 'gold', delta: 0, reason: 'test_nothing' },
      { currency: 'gold', delta: 120, reason: 'test_bonus' },
    ]);
    expect(res.balances).toEqual({ gold: 820, gems: 5 });
    expect(res.entries.map((e) => [e.currency, e.delta, e.balance])).toEqual([
      ['gold', -300, 700],
      ['gems', 5, 5],
      ['gold', 120, 820],
    ]);
    const ledger = (await ledgerOf(p.user.id)).slice(1);
    expect(ledger.map((l) => [l.currency, l.delta, l.balanceAfter, l.reason])).toEqual([
      ['gold', -300, 700, 'test_buy'],
      ['gems', 5, 5, 'test_buy'],
      ['gold', 120, 820, 'test_bonus'],
    ]);
    expect((await admin.caller.admin.economy.reconcile()).violations).toEqual([]);
  });

  it('refuses a change whose running balance would dip below zero, even if the total is positive, and changes nothing', async () => {
    const p = await newPlayer(env.deps);
    const err = await apply(p.user.id, [
      { currency: 'gold', delta: -1001, reason: 'test_stake' },
      { currency: 'gold', delta: 5000, reason: 'test_payout' },
    ]).catch((e: unknown) => e);
    expect(reasonOf(err)).toBe('insufficient_funds');
    expect(isDomainError(err) && err.details).toMatchObject({ currency: 'gold', balance: 1000, required: 1001 });
    expect(await ledgerOf(p.user.id)).toHaveLength(1);
  });

  it('under 60 concurrent stake-then-payout changes, exactly the affordable ones apply and the rest are insufficient_funds', async () => {
    const p = await newPlayer(env.deps); // 1000 gold; each change needs 100 and nets −50
    const outcomes = await Promise.all(
      Array.from({ length: 60 }, () =>
        apply(p.user.id, [
          { currency: 'gold', delta: -100, reason: 'test_stake' },
          { currency: 'gold', delta: 50, reason: 'test_payout' },
        ]).then(
          () => 'ok',
          (e: unknown) => e,
        ),
      ),
    );
    // 1000 − 50k ≥ 100 before the k-th (0-based) change: k = 0…18 succeed.
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(19);
    for (const o of outcomes) if (o !== 'ok') expectRefused(o, 'insufficient_funds');
    const [me] = [await p.caller.auth.me()];
    expect(me.gold).toBe(50);
    expect((await admin.caller.admin.economy.reconcile()).violations).toEqual([]);
  });

  it('replays a keyed multi-entry change idempotently, refuses the same keys for another change, and applies 20 concurrent replays once', async () => {
    const p = await newPlayer(env.deps);
    const entries = (gems: number): WalletEntry[] => [
      { currency: 'gold', delta: -200, reason: 'test_buy', idempotencyKey: 'order-1:gold' },
      { currency: 'gems', delta: gems, reason: 'test_buy', idempotencyKey: 'order-1:gems' },
    ];
    const results = await Promise.all(Array.from({ length: 20 }, () => apply(p.user.id, entries(3))));
    expect(results.filter((r) => !r.idempotent)).toHaveLength(1);
    expect(new Set(results.map((r) => JSON.stringify(r.entries))).size).toBe(1);
    expect(results.every((r) => r.balances.gold === 800 && r.balances.gems === 3)).toBe(true);
    expect(reasonOf(await apply(p.user.id, entries(4)).catch((e: unknown) => e))).toBe('idempotency_conflict');
    expect(await ledgerOf(p.user.id)).toHaveLength(3);
    expect((await admin.caller.admin.economy.reconcile()).violations).toEqual([]);
  });
});
