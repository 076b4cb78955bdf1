/** AUTO_SEED_BASIC accounts: created idempotently, never in production, password change forced. */
import { type Db, users } from '@casino/db';
import { inArray } from 'drizzle-orm';
import type { ApiConfig } from '../../config';
import { type Deps, inTransaction, type Outbox } from '../../deps';
import { isDomainError } from '../../errors';
import { createSeed } from '../games/fairness';
import { applyChange } from '../wallet/wallet';
import { claimHandles } from './handles';
import { hashPassword } from './passwords';

export const SEED_ACCOUNTS = [
  { siteId: 'admin', nickname: 'admin', password: '123456', role: 'admin' as const },
  ...[1, 2, 3, 4].map((n) => ({ siteId: `user00${n}`, nickname: `user00${n}`, password: '123455', role: 'user' as const })),
];

export type NewAccount = { siteId: string; nickname: string; passwordHash: string; role: 'user' | 'admin'; mustChangePassword: boolean };

/**
 * An account made by an operator (seeds, bootstrap admin) rather than by signup: starting gold
 * through the ledger, no invite. Returns its id, or null when the siteId or nickname is taken.
 */
export async function insertAccount(tx: Db, outbox: Outbox, config: ApiConfig, account: NewAccount): Promise<number | null> {
  const [u] = await tx.insert(users).values(account).onConflictDoNothing().returning({ id: users.id });
  if (!u) return null;
  // Its names join the one namespace of siteIds and nicknames (a lookalike of a taken name is refused).
  await claimHandles(tx, u.id, account);
  await createSeed(tx, u.id);
  if (config.startingGold > 0) {
    await applyChange(tx, outbox, {
      userId: u.id,
      currency: 'gold',
      delta: config.startingGold,
      reason: 'signup_bonus',
      idempotencyKey: 'signup:gold',
    });
  }
  return u.id;
}

export async function seedBasicAccounts(deps: Deps): Promise<{ created: string[]; existing: string[] }> {
  if (deps.config.nodeEnv === 'production') throw new Error('AUTO_SEED_BASIC refuses to run with NODE_ENV=production');
  const siteIds = SEED_ACCOUNTS.map((a) => a.siteId);
  const present = new Set(
    (await deps.db.select({ siteId: users.siteId }).from(users).where(inArray(users.siteId, siteIds))).map((r) => r.siteId),
  );
  const created: string[] = [];
  for (const { password, ...account } of SEED_ACCOUNTS.filter((a) => !present.has(a.siteId))) {
    const passwordHash = await hashPassword(password);
    const id = await inTransaction(deps, (tx, outbox) =>
      insertAccount(tx, outbox, deps.config, { ...account, passwordHash, mustChangePassword: true }),
    ).catch((e: unknown) => {
      // A player already owns a lookalike of this name: leave that account alone.
      if (!isDomainError(e)) throw e;
      deps.logger.warn({ siteId: account.siteId, reason: e.reason }, 'seed account skipped');
      return null;
    });
    if (id !== null) created.push(account.siteId);
  }
  return { created, existing: [...present] };
}
