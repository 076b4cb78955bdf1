/** Admin invite management; each mutation writes the audit log in its transaction. */
import { randomBytes } from 'node:crypto';
import { inviteCodes, transaction } from '@casino/db';
import { eq } from 'drizzle-orm';
import type { Deps } from '../../deps';
import { DomainError } from '../../errors';
import { writeAudit } from '../audit/audit';
import { createInvite } from '../auth/invites';
import type { Actor } from './users';

export async function adminCreateInvite(
  deps: Pick<Deps, 'db' | 'clock'>,
  actor: Actor,
  input: { code?: string | undefined; maxUses?: number | null | undefined; expiresAt?: Date | null | undefined },
) {
  if (input.expiresAt && input.expiresAt <= deps.clock.now())
    throw new DomainError('invalid_expiry', {}, 'expiresAt must be in the future.');
  const code = input.code ?? randomBytes(6).toString('base64url').toUpperCase();
  return transaction(deps.db, async (tx) => {
    const created = await createInvite(tx, {
      code,
      maxUses: input.maxUses ?? null,
      expiresAt: input.expiresAt ?? null,
      createdBy: actor.id,
    });
    await writeAudit(tx, {
      adminId: actor.id,
      action: 'invite.create',
      targetType: 'invite',
      targetId: created.id,
      after: created,
      ip: actor.ip ?? null,
    });
    return created;
  });
}

export async function adminDeactivateInvite(deps: Pick<Deps, 'db'>, actor: Actor, code: string) {
  return transaction(deps.db, async (tx) => {
    const [row] = await tx.update(inviteCodes).set({ isActive: false }).where(eq(inviteCodes.code, code)).returning();
    if (!row) throw new DomainError('invite_not_found');
    await writeAudit(tx, {
      adminId: actor.id,
      action: 'invite.deactivate',
      targetType: 'invite',
      targetId: row.id,
      before: { isActive: true },
      after: { isActive: false },
      ip: actor.ip ?? null,
    });
    return { ok: true as const };
  });
}
