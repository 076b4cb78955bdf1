/** The ledger is append-only in the database itself, not only by convention. */
import { walletLedger } from '@casino/db';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, newAdmin, newPlayer, type TestEnv } from '../../test/harness';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(() => env.close());

describe('wallet_ledger', () => {
  it('refuses UPDATE, DELETE and TRUNCATE; the entries and the invariant stay intact', async () => {
    const admin = await newAdmin(env.deps);
    const p = await newPlayer(env.deps);
    await admin.caller.admin.users.adjustBalance({ userId: p.user.id, currency: 'gold', delta: 50, reason: 'admin_grant' });
    const before = await env.deps.db.select().from(walletLedger).where(eq(walletLedger.userId, p.user.id));
    expect(before.length).toBeGreaterThan(0);
    const attempts = [
      () => env.deps.db.update(walletLedger).set({ delta: 1_000_000 }).where(eq(walletLedger.userId, p.user.id)),
      () => env.deps.db.delete(walletLedger).where(eq(walletLedger.userId, p.user.id)),
      () => env.deps.db.execute(sql`TRUNCATE wallet_ledger`),
    ];
    for (const attempt of attempts) {
      const err = await attempt().then(
        () => null,
        (e: unknown) => e as { cause?: Error },
      );
      expect(String(err?.cause?.message ?? err)).toMatch(/append-only/);
    }
    const after = await env.deps.db.select().from(walletLedger).where(eq(walletLedger.userId, p.user.id));
    expect(after).toEqual(before);
    expect((await admin.caller.admin.economy.reconcile()).violations).toEqual([]);
  });
});
