/**
 * The gate in front of admin grants (admin.users.adjustBalance, admin.rewards.grantBulk):
 * support accounts may grant gold/gems up to the configured cap per grant and may not deduct
 * or grant items; a grant above the four-eyes threshold becomes a pending approval
 * (approvals.ts) instead of executing.
 */
import type { TRole } from '@casino/shared';
import type { Deps } from '../../deps';
import { DomainError } from '../../errors';
import { type AdjustInput, adjustBalance } from '../admin/users';
import { type BulkRow, grantBulk } from '../rewards/bulk';
import { getBalance } from '../wallet/queries';
import { requestApproval } from './approvals';

export type StaffActor = { id: number; role: TRole; ip?: string | null };

const totals = (rows: readonly BulkRow[]) => ({
  gold: rows.reduce((s, r) => s + (r.rewardType === 'GOLD' && r.amount > 0 ? r.amount : 0), 0),
  gems: rows.reduce((s, r) => s + (r.rewardType === 'GEMS' && r.amount > 0 ? r.amount : 0), 0),
});

function checkSupportCap(deps: Pick<Deps, 'config'>, actor: StaffActor, grant: { gold: number; gems: number; other: boolean }) {
  if (actor.role === 'admin') return;
  const cap = deps.config.adminSecurity.supportGrantCap;
  if (grant.other || grant.gold > cap.gold || grant.gems > cap.gems) {
    throw new DomainError(
      'support_grant_cap',
      { cap },
      `Support accounts may grant at most ${cap.gold} gold or ${cap.gems} gems per grant, and no items or deductions.`,
    );
  }
}

const needsApproval = (deps: Pick<Deps, 'config'>, t: { gold: number; gems: number }) => {
  const limit = deps.config.adminSecurity.fourEyesThreshold;
  return limit !== null && (t.gold > limit.gold || t.gems > limit.gems);
};

export async function adjustOrRequest(deps: Deps, actor: StaffActor, input: AdjustInput) {
  const grant = { gold: input.currency === 'gold' ? input.delta : 0, gems: input.currency === 'gems' ? input.delta : 0 };
  checkSupportCap(deps, actor, { ...grant, other: input.delta < 0 });
  if (input.delta > 0 && needsApproval(deps, grant)) {
    const balance = await getBalance(deps.db, input.userId);
    const approval = await requestApproval(deps, actor, {
      kind: 'adjust_balance',
      payload: input,
      ...grant,
      reason: input.reason,
      idempotencyKey: input.idempotencyKey ?? null,
      targetUserId: input.userId,
    });
    return { balance: balance[input.currency], ledgerId: null, idempotent: approval.idempotent, approval: approval.summary };
  }
  return { ...(await adjustBalance(deps, actor, input)), approval: null };
}

export async function grantBulkOrRequest(
  deps: Deps,
  actor: StaffActor,
  input: { items: BulkRow[]; idempotencyKey: string; dryRun?: boolean | undefined },
) {
  const t = totals(input.items);
  // For support the cap holds for the whole batch: many rows under it are still one grant.
  checkSupportCap(deps, actor, { ...t, other: input.items.some((r) => r.rewardType === 'ITEM') });
  if (!input.dryRun && needsApproval(deps, t)) {
    const approval = await requestApproval(deps, actor, {
      kind: 'grant_bulk',
      payload: { items: input.items },
      ...t,
      reason: input.items[0]?.sourceDescription ?? 'bulk grant',
      idempotencyKey: input.idempotencyKey,
      targetUserId: null,
    });
    return {
      success: false,
      results: input.items.map((r, index) => ({ index, userId: r.userId, status: 'pending' as const })),
      idempotent: approval.idempotent,
      dryRun: false,
      approval: approval.summary,
    };
  }
  return { ...(await grantBulk(deps, actor, input)), approval: null };
}
