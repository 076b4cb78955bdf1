/** Four-eyes: grants above the threshold wait; another admin approves (once, even racing) or rejects; never the requester. */
import { adminApprovals, walletLedger } from '@casino/db';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, newPlayer, newStaff, type TestEnv } from '../../test/harness';
import { expectLedgerConsistent } from '../../test/progression';
import { reasonOf } from '../../test/staff';

const threshold = { gold: 50_000, gems: 500 };
let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv({});
  env.deps.config = { ...env.deps.config, adminSecurity: { ...env.deps.config.adminSecurity, fourEyesThreshold: threshold } };
});
afterAll(() => env.close());

const grants = (userId: number) =>
  env.deps.db
    .select()
    .from(walletLedger)
    .where(and(eq(walletLedger.userId, userId), eq(walletLedger.reason, 'admin_grant')));

describe('four-eyes approvals', () => {
  it('executes a grant at the threshold at once, and holds one above it until another admin approves', async () => {
    const [alice, bob, player] = await Promise.all([newStaff(env.deps, 'admin'), newStaff(env.deps, 'admin'), newPlayer(env.deps)]);
    const small = await alice.caller.admin.users.adjustBalance({
      userId: player.user.id,
      currency: 'gold',
      delta: threshold.gold,
      reason: 'at threshold',
    });
    expect(small.approval).toBeNull();
    expect(small.ledgerId).toEqual(expect.any(Number));

    const big = {
      userId: player.user.id,
      currency: 'gold' as const,
      delta: threshold.gold + 1,
      reason: 'tournament prize',
      idempotencyKey: 'four-eyes-1',
    };
    const pending = await alice.caller.admin.users.adjustBalance(big);
    expect(pending).toMatchObject({ ledgerId: null, idempotent: false, approval: { status: 'pending' }, balance: 1000 + threshold.gold });
    const id = pending.approval?.id ?? 0;
    // The same request again answers the same approval; another request under the key is a conflict.
    expect(await alice.caller.admin.users.adjustBalance(big)).toMatchObject({ idempotent: true, approval: { id } });
    expect(await reasonOf(alice.caller.admin.users.adjustBalance({ ...big, delta: big.delta + 1 }))).toBe('CONFLICT:idempotency_conflict');
    expect((await player.caller.economy.wallet.balance()).gold).toBe(1000 + threshold.gold);

    const list = await bob.caller.admin.approvals.list({ status: 'pending' });
    expect(list.items.find((a) => a.id === id)).toMatchObject({
      kind: 'adjust_balance',
      gold: big.delta,
      requestedByNickname: alice.user.nickname,
    });

    expect(await reasonOf(alice.caller.admin.approvals.approve({ approvalId: id }))).toBe('FORBIDDEN:approval_self');
    const done = await bob.caller.admin.approvals.approve({ approvalId: id });
    expect(done).toMatchObject({ approval: { id, status: 'approved' }, idempotent: false });
    expect((await player.caller.economy.wallet.balance()).gold).toBe(1000 + threshold.gold + big.delta);
    // Approving again: bob gets the stored answer, nobody gets a second grant.
    expect(await bob.caller.admin.approvals.approve({ approvalId: id })).toMatchObject({ idempotent: true });
    expect(await reasonOf(alice.caller.admin.approvals.reject({ approvalId: id, note: 'too late' }))).toBe('CONFLICT:approval_decided');
    expect(await grants(player.user.id)).toHaveLength(2);
    const audit = await bob.caller.admin.audit.list({ action: 'approval.approve', targetId: String(id) });
    expect(audit.items).toHaveLength(1);
    await expectLedgerConsistent(bob);
  });

  it('runs a grant once when two admins approve at the same moment', async () => {
    const [requester, player] = await Promise.all([newStaff(env.deps, 'admin'), newPlayer(env.deps)]);
    const approvers = await Promise.all(Array.from({ length: 4 }, () => newStaff(env.deps, 'admin')));
    const { approval } = await requester.caller.admin.users.adjustBalance({
      userId: player.user.id,
      currency: 'gems',
      delta: threshold.gems * 3,
      reason: 'race',
    });
    const outcomes = await Promise.all(approvers.map((a) => reasonOf(a.caller.admin.approvals.approve({ approvalId: approval?.id ?? 0 }))));
    expect(outcomes.filter((o) => o === 'resolved')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'CONFLICT:approval_decided')).toHaveLength(3);
    expect((await player.caller.economy.wallet.balance()).gems).toBe(threshold.gems * 3);
    expect(await grants(player.user.id)).toHaveLength(1);
  });

  it('holds a bulk grant whose total is above the threshold, executes it once on approval, and a rejected one never', async () => {
    const [alice, bob, support, a, b] = await Promise.all([
      newStaff(env.deps, 'admin'),
      newStaff(env.deps, 'admin'),
      newStaff(env.deps, 'support'),
      newPlayer(env.deps),
      newPlayer(env.deps),
    ]);
    // Two rows each under the threshold, together above it.
    const items = [a, b].map((p) => ({
      userId: p.user.id,
      rewardType: 'GOLD' as const,
      amount: threshold.gold,
      sourceDescription: 'season prize',
    }));
    const res = await alice.caller.admin.rewards.grantBulk({ idempotencyKey: 'bulk-four-eyes', items });
    expect(res).toMatchObject({ success: false, approval: { status: 'pending' } });
    expect(res.results.map((r) => r.status)).toEqual(['pending', 'pending']);
    const id = res.approval?.id ?? 0;
    expect(await reasonOf(support.caller.admin.approvals.approve({ approvalId: id }))).toBe('FORBIDDEN:support_not_allowed');
    const [first, second] = await Promise.all([
      bob.caller.admin.approvals.approve({ approvalId: id }),
      bob.caller.admin.approvals.approve({ approvalId: id }),
    ]);
    expect([first.idempotent, second.idempotent].sort()).toEqual([false, true]);
    for (const p of [a, b]) expect((await p.caller.economy.wallet.balance()).gold).toBe(1000 + threshold.gold);
    const [row] = await env.deps.db.select().from(adminApprovals).where(eq(adminApprovals.id, id));
    expect(row).toMatchObject({ status: 'approved', decidedBy: bob.user.id, result: { success: true } });

    const rejected = await alice.caller.admin.rewards.grantBulk({ idempotencyKey: 'bulk-four-eyes-2', items });
    const rid = rejected.approval?.id ?? 0;
    await bob.caller.admin.approvals.reject({ approvalId: rid, note: 'duplicate of the earlier batch' });
    expect(await reasonOf(bob.caller.admin.approvals.approve({ approvalId: rid }))).toBe('CONFLICT:approval_decided');
    expect(await reasonOf(bob.caller.admin.approvals.approve({ approvalId: 999_999 }))).toBe('NOT_FOUND:approval_not_found');
    for (const p of [a, b]) expect((await p.caller.economy.wallet.balance()).gold).toBe(1000 + threshold.gold);
    // A dry run is only a preview: it never creates an approval.
    const dry = await alice.caller.admin.rewards.grantBulk({ idempotencyKey: 'bulk-four-eyes-3', items, dryRun: true });
    expect(dry.approval).toBeNull();
  });
});
