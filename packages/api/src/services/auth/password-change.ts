import { users } from '@casino/db';
import { eq, sql } from 'drizzle-orm';
import { type Deps, principalChanged } from '../../deps';
import { DomainError } from '../../errors';
import { hashPassword, verifyPassword } from './passwords';

/** Changing the password ends every other session of the user. */
export async function changePassword(
  deps: Pick<Deps, 'db' | 'clock' | 'principals'>,
  user: { id: number; sessionId: string },
  current: string,
  next: string,
) {
  const [row] = await deps.db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, user.id));
  if (!row || !(await verifyPassword(row.passwordHash, current))) throw new DomainError('wrong_password');
  if (current === next) throw new DomainError('password_unchanged', {}, 'Choose a password different from the current one.');
  const passwordHash = await hashPassword(next);
  await deps.db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, mustChangePassword: false, updatedAt: sql`now()` }).where(eq(users.id, user.id));
    await tx.execute(
      sql`UPDATE sessions SET revoked_at = ${deps.clock.now().toISOString()}, revoked_reason = 'password_changed' WHERE user_id = ${user.id} AND revoked_at IS NULL AND id <> ${user.sessionId}`,
    );
  });
  principalChanged(deps, user.id);
  return { ok: true as const };
}
