/**
 * Every admin procedure called as a player, a support account and an admin: the router record is
 * walked, so a procedure added later is covered without editing this file (it is expected to be
 * admin-only unless listed in SUPPORT_MAY).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../../root';
import { createTestEnv, newPlayer, newStaff, type TestEnv } from '../../test/harness';
import { reasonOf } from '../../test/staff';

/** What a support account may call — the one place the support role is written down. Everything else under admin.* is admin-only. */
const SUPPORT_MAY = new Set([
  // reads
  'admin.users.list',
  'admin.users.search',
  'admin.users.get',
  'admin.users.activities',
  'admin.invites.list',
  'admin.crash.sessions',
  'admin.games.config',
  'admin.games.active',
  'admin.games.versions',
  'admin.games.version',
  'admin.shop.products.list',
  'admin.shop.limited.status',
  'admin.shop.promos.list',
  'admin.shop.purchases',
  'admin.webhooks.list',
  'admin.fraud.rules.list',
  'admin.fraud.thresholds.get',
  'admin.fraud.decisions.list',
  'admin.fraud.features',
  'admin.events.list',
  'admin.events.participations',
  'admin.missions.list',
  'admin.battlepass.seasons',
  'admin.notifications.jobs',
  'admin.stats.get',
  'admin.stats.charts',
  'admin.stats.onStats',
  'admin.audit.list',
  'admin.audit.search',
  'admin.economy.reconcile',
  'admin.economy.runReconcile', // records a run; changes no balance
  'admin.economy.reconcileHistory',
  'admin.economy.flows',
  'admin.economy.topBalances',
  'admin.economy.largeMovements',
  'admin.approvals.list',
  // actions
  'admin.users.ban',
  'admin.users.unban',
  'admin.users.unlock', // players only, as ban and unban
  'admin.users.adjustBalance', // grants up to ADMIN_SUPPORT_GRANT_CAP_*, no deductions
  'admin.rewards.grantBulk', // the batch's total up to the cap, no items
  // the caller's own second factor
  'admin.security.status',
  'admin.security.enrolStart',
  'admin.security.enrolConfirm',
  'admin.security.regenerateRecoveryCodes',
  'admin.security.disable',
  // not admin.security.resetTotp: removing another account's factor is admin-only (the walk below checks it)
]);

const ROLE_REFUSALS = [
  'FORBIDDEN:admin_required',
  'FORBIDDEN:support_not_allowed',
  'FORBIDDEN:mfa_required',
  'FORBIDDEN:totp_enrolment_required',
];

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(() => env.close());

async function call(caller: unknown, path: string, input: unknown): Promise<string> {
  const fn = path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], caller) as (i: unknown) => Promise<unknown>;
  return reasonOf(
    fn(input).then(async (out) => {
      // A subscription that started: end it so its stream lease goes.
      const it = out as AsyncIterable<unknown> | null;
      if (it && typeof it === 'object' && Symbol.asyncIterator in it) await it[Symbol.asyncIterator]().return?.();
    }),
  );
}

describe('admin roles', () => {
  it('answers every admin procedure by role as the table says', async () => {
    const [player, support, admin, target] = await Promise.all([
      newPlayer(env.deps),
      newStaff(env.deps, 'support'),
      newStaff(env.deps, 'admin'),
      newPlayer(env.deps),
    ]);
    const paths = Object.keys(appRouter._def.procedures).filter((k) => k.startsWith('admin.'));
    const unknown = [...SUPPORT_MAY].filter((p) => !paths.includes(p));
    expect(unknown, 'SUPPORT_MAY names procedures that do not exist').toEqual([]);
    const input = { userId: target.user.id, code: 'X', reason: 'role check', currency: 'gold', delta: 1 };
    const actual: Record<string, string> = {};
    const expected: Record<string, string> = {};
    for (const path of paths) {
      const asUser = await call(player.caller, path, input);
      const asSupport = await call(support.caller, path, input);
      const asAdmin = await call(admin.caller, path, input);
      actual[path] = [
        asUser,
        ROLE_REFUSALS.includes(asSupport) ? asSupport : 'allowed',
        ROLE_REFUSALS.includes(asAdmin) ? asAdmin : 'allowed',
      ].join(' | ');
      expected[path] = ['FORBIDDEN:admin_required', SUPPORT_MAY.has(path) ? 'allowed' : 'FORBIDDEN:support_not_allowed', 'allowed'].join(
        ' | ',
      );
    }
    expect(actual).toEqual(expected);
    expect(paths.length).toBeGreaterThan(SUPPORT_MAY.size);
  });

  it('caps a support grant and refuses deductions and items', async () => {
    const [support, target] = await Promise.all([newStaff(env.deps, 'support'), newPlayer(env.deps)]);
    const cap = env.deps.config.adminSecurity.supportGrantCap;
    const adjust = (currency: 'gold' | 'gems', delta: number) =>
      reasonOf(support.caller.admin.users.adjustBalance({ userId: target.user.id, currency, delta, reason: 'support grant' }));
    expect(await adjust('gold', cap.gold)).toBe('resolved');
    expect(await adjust('gold', cap.gold + 1)).toBe('FORBIDDEN:support_grant_cap');
    expect(await adjust('gems', cap.gems + 1)).toBe('FORBIDDEN:support_grant_cap');
    expect(await adjust('gold', -1)).toBe('FORBIDDEN:support_grant_cap');
    const row = (amount: number) => ({ userId: target.user.id, rewardType: 'GOLD' as const, amount, sourceDescription: 'support' });
    expect(
      await reasonOf(support.caller.admin.rewards.grantBulk({ idempotencyKey: 'support-split-1', items: [row(cap.gold), row(1)] })),
    ).toBe('FORBIDDEN:support_grant_cap');
    expect(
      await reasonOf(
        support.caller.admin.rewards.grantBulk({
          idempotencyKey: 'support-item-1',
          items: [{ userId: target.user.id, rewardType: 'ITEM', amount: 1, itemId: 'golden_dragon', sourceDescription: 'x' }],
        }),
      ),
    ).toBe('FORBIDDEN:support_grant_cap');
    expect((await target.caller.economy.wallet.balance()).gold).toBe(1000 + cap.gold);
  });

  it('lets support ban, unban and unlock players but no staff account', async () => {
    const [support, otherSupport, admin, target] = await Promise.all([
      newStaff(env.deps, 'support'),
      newStaff(env.deps, 'support'),
      newStaff(env.deps, 'admin'),
      newPlayer(env.deps),
    ]);
    const as = support.caller.admin.users;
    expect(await reasonOf(as.ban({ userId: target.user.id, reason: 'abuse in chat' }))).toBe('resolved');
    expect(await reasonOf(as.unban({ userId: target.user.id, reason: 'appeal accepted' }))).toBe('resolved');
    expect(await reasonOf(as.unlock({ userId: target.user.id, reason: 'locked out by mistake' }))).toBe('resolved');
    for (const staff of [admin, otherSupport]) {
      expect(await reasonOf(as.ban({ userId: staff.user.id, reason: 'take over' }))).toBe('FORBIDDEN:support_not_allowed');
      expect(await reasonOf(as.unlock({ userId: staff.user.id, reason: 'take over' }))).toBe('FORBIDDEN:support_not_allowed');
    }
    expect((await admin.caller.auth.me()).status).toBe('active');
  });
});
