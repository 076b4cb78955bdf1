/**
 * The way into a deployment that has no seed accounts and no invite codes (production):
 * an operator creates an admin, from the `admin:create` CLI or once at start from
 * BOOTSTRAP_ADMIN_*. Never changes an existing account: a taken siteId or nickname is
 * refused, and `onlyIfNoAdmin` makes the start-up bootstrap a no-op once any admin exists,
 * so leaving the variables set can never reset a password. The password sat in an
 * environment variable or a terminal, so the first login asks for a new one.
 */
import { users } from '@casino/db';
import { ZSiteId } from '@casino/shared';
import { eq, sql } from 'drizzle-orm';
import type { ApiConfig } from '../../config';
import { type Deps, inTransaction } from '../../deps';
import { hashPassword } from './passwords';
import { insertAccount } from './seed';

export const ADMIN_PASSWORD_MIN_LENGTH = { production: 12, other: 8 } as const;

/** Why `password` is too weak for an operator-made admin, or null. Never echoes the password. */
export function adminPasswordProblem(password: string, nodeEnv: ApiConfig['nodeEnv']): string | null {
  const min = nodeEnv === 'production' ? ADMIN_PASSWORD_MIN_LENGTH.production : ADMIN_PASSWORD_MIN_LENGTH.other;
  if (password.length < min) return `must be at least ${min} characters${nodeEnv === 'production' ? ' in production' : ''}`;
  if (password.length > 128) return 'must be at most 128 characters';
  if (new Set(password).size < 4) return 'must use at least 4 different characters';
  return null;
}

export type CreateAdminResult =
  | { status: 'created'; userId: number; siteId: string }
  /** onlyIfNoAdmin, and an admin already exists: nothing was written. */
  | { status: 'admin_exists'; siteId: string }
  /** The siteId or nickname belongs to an existing account, which was left as it was. */
  | { status: 'taken'; siteId: string };

const hasAdmin = async (db: Deps['db']) =>
  (await db.select({ id: users.id }).from(users).where(eq(users.role, 'admin')).limit(1)).length > 0;

export async function createAdmin(
  deps: Deps,
  input: { siteId: string; password: string },
  opts: { onlyIfNoAdmin?: boolean } = {},
): Promise<CreateAdminResult> {
  const siteId = ZSiteId.parse(input.siteId);
  const problem = adminPasswordProblem(input.password, deps.config.nodeEnv);
  if (problem) throw new Error(`admin password ${problem}`);
  // Every restart with BOOTSTRAP_ADMIN_* set lands here: skip the password hash when there is nothing to do.
  if (opts.onlyIfNoAdmin && (await hasAdmin(deps.db))) return { status: 'admin_exists', siteId };
  const passwordHash = await hashPassword(input.password);
  return inTransaction(deps, async (tx, outbox) => {
    // Instances starting together take turns, so "no admin yet" holds until the insert commits.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('casino.bootstrap_admin'))`);
    if (opts.onlyIfNoAdmin && (await hasAdmin(tx))) return { status: 'admin_exists', siteId };
    const account = { siteId, nickname: siteId.slice(0, 20), passwordHash, role: 'admin' as const, mustChangePassword: true };
    const userId = await insertAccount(tx, outbox, deps.config, account);
    return userId === null ? { status: 'taken', siteId } : { status: 'created', userId, siteId };
  });
}
