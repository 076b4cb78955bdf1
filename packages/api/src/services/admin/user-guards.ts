/**
 * What every admin change to a user checks first, inside its transaction: the target exists and
 * is not anonymised, the admin is not acting on themselves where that is refused, and no change
 * leaves the console without an active administrator.
 */
import { type Db, type User, users } from '@casino/db';
import { and, asc, eq } from 'drizzle-orm';
import { DomainError } from '../../errors';

export type Actor = { id: number; ip?: string | null };

/**
 * Locks the active admins (in id order, so concurrent changes queue instead of deadlocking),
 * then the target row. `removesAdmin` says the change takes the target's admin powers away
 * (demotion, ban, anonymisation): refused when no other active admin would remain. The acting
 * admin must still be one of them — two admins demoting each other at once cannot both win. A
 * support account (ban, unban, unlock) may act on players only.
 */
export async function lockTarget(
  tx: Db,
  actor: Actor,
  userId: number,
  opts: { removesAdmin?: (target: User) => boolean } = {},
): Promise<User> {
  const admins = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, 'admin'), eq(users.status, 'active')))
    .orderBy(asc(users.id))
    .for('update');
  const ids = admins.map((a) => a.id);
  // Support may reach the procedures open to it (ban, unban, unlock), on players only.
  const support = !ids.includes(actor.id) && (await isActiveSupport(tx, actor.id));
  if (!ids.includes(actor.id) && !support) throw new DomainError('admin_required');
  const [target] = await tx.select().from(users).where(eq(users.id, userId)).for('update');
  if (!target) throw new DomainError('user_not_found');
  if (target.status === 'deleted') throw new DomainError('user_anonymised');
  if (support && target.role !== 'user') throw new DomainError('support_not_allowed', {}, 'Support accounts cannot act on staff accounts.');
  if (target.role === 'admin' && opts.removesAdmin?.(target) && !ids.some((id) => id !== target.id)) {
    throw new DomainError('last_admin');
  }
  return target;
}

async function isActiveSupport(tx: Db, userId: number): Promise<boolean> {
  const [me] = await tx.select({ role: users.role, status: users.status }).from(users).where(eq(users.id, userId));
  return me?.role === 'support' && me.status === 'active';
}

export function refuseSelf(actor: Actor, userId: number, message?: string) {
  if (actor.id === userId) throw new DomainError('cannot_target_self', {}, message);
}
