/** AUTO_SEED_BASIC accounts: created idempotently, never in production, password change forced. */
import { users } from '@casino/db';
import { inArray } from 'drizzle-orm';
import { type Deps, inTransaction } from '../../deps';
import { isDomainError } from '../../errors';
import { applyChange } from '../wallet/wallet';
import { claimHandles } from './handles';
import { hashPassword } from './passwords';

export const SEED_ACCOUNTS = [
  { siteId: 'admin', nickname: 'admin', password: '123456', role: 'admin' as const },
  ...[1, 2, 3, 4].map((n) => ({ siteId: `user00${n}`, nickname: `user00${n}`, password: '123455', role: 'user' as const })),
];

export async function seedBasicAccounts(deps: Deps): Promise<{ created: string[]; existing: string[] }> {
  if (deps.config.nodeEnv === 'production') throw new Error('AUTO_SEED_BASIC refuses to run with NODE_ENV=production');
  const siteIds = SEED_ACCOUNTS.map((a) => a.siteId);
  const present = new Set(
    (await deps.db.select({ siteId: users.siteId }).from(users).where(inArray(users.siteId, siteIds))).map((r) => r.siteId),
  );
  const created: string[] = [];
  for (const account of SEED_ACCOUNTS.filter((a) => !present.has(a.siteId))) {
    const passwordHash = await hashPassword(account.password);
    const made = await inTransaction(deps, async (tx, outbox) => {
      const [u] = await tx
        .insert(users)
        .values({ siteId: account.siteId, nickname: account.nickname, passwordHash, role: account.role, mustChangePassword: true })
        .onConflictDoNothing()
        .returning({ id: users.id });
      if (!u) return false;
      await claimHandles(tx, u.id, account);
      if (deps.config.startingGold > 0) {
        await applyChange(tx, outbox, {
          userId: u.id,
          currency: 'gold',
          delta: deps.config.startingGold,
          reason: 'signup_bonus',
          idempotencyKey: 'signup:gold',
        });
      }
      return true;
    }).catch((e: unknown) => {
      // A player already owns a lookalike of this name: leave that account alone.
      if (!isDomainError(e)) throw e;
      deps.logger.warn({ siteId: account.siteId, reason: e.reason }, 'seed account skipped');
      return false;
    });
    if (made) created.push(account.siteId);
  }
  return { created, existing: [...present] };
}
