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
 * admin must still be one of them — two admins demoting each other at once cannot both win.
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
  if (!ids.includes(actor.id)) throw new DomainError('admin_required');
  const [target] = await tx.select().from(users).where(eq(users.id, userId)).for('update');
  if (!target) throw new DomainError('user_not_found');
  if (target.status === 'deleted') throw new DomainError('user_anonymised');
  if (target.role === 'admin' && opts.removesAdmin?.(target) && !ids.some((id) => id !== target.id)) {
    throw new DomainError('last_admin');
  }
  return target;
}

export function refuseSelf(actor: Actor, userId: number, message?: string) {
  if (actor.id === userId) throw new DomainError('cannot_target_self', {}, message);
}
