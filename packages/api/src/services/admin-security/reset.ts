/**
 * An admin resets another staff account's TOTP factor (a lost phone): the factor and its
 * recovery codes are removed and the account's sessions revoked, so its next login starts
 * without a second factor (and enrols again where ADMIN_TOTP_REQUIRED). Never one's own factor
 * (that needs a current code: admin.security.disable). Audited with the reason.
 */
import { adminRecoveryCodes, adminTotp, users } from '@casino/db';
import { eq } from 'drizzle-orm';
import { type Deps, inTransaction } from '../../deps';
import { DomainError } from '../../errors';
import type { Actor } from '../admin/user-guards';
import { writeAudit } from '../audit/audit';
import { revokeAllSessions } from '../auth/sessions';
import { clearCodeFailures } from './factor';

export async function resetTotp(deps: Deps, actor: Actor, userId: number, reason: string) {
  if (actor.id === userId) {
    throw new DomainError('cannot_target_self', {}, 'You cannot reset your own second factor; use Disable on the Security page.');
  }
  const result = await inTransaction(deps, async (tx, outbox) => {
    const [target] = await tx.select({ role: users.role, status: users.status }).from(users).where(eq(users.id, userId)).for('update');
    if (!target) throw new DomainError('user_not_found');
    if (target.status === 'deleted') throw new DomainError('user_anonymised');
    const [factor] = await tx.delete(adminTotp).where(eq(adminTotp.userId, userId)).returning({ enabledAt: adminTotp.enabledAt });
    if (!factor) throw new DomainError('totp_not_enrolled');
    const codes = await tx.delete(adminRecoveryCodes).where(eq(adminRecoveryCodes.userId, userId)).returning({ id: adminRecoveryCodes.id });
    const revokedSessions = await revokeAllSessions(tx, outbox, userId, 'totp_reset', deps.clock.now());
    await writeAudit(tx, {
      adminId: actor.id,
      action: 'security.totp_reset',
      targetType: 'user',
      targetId: userId,
      before: { totp: factor.enabledAt ? 'enabled' : 'pending', recoveryCodes: codes.length },
      after: { totp: 'none', revokedSessions },
      meta: { reason },
      ip: actor.ip ?? null,
    });
    return { ok: true as const, revokedSessions };
  });
  await clearCodeFailures(deps, userId);
  return result;
}
