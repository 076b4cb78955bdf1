/**
 * The login's second step for staff with an active factor: the password step answers
 * `totp_required` with a random challenge (kept in Redis as its SHA-256, for
 * `challengeTtlSeconds`); `auth.verifyTotp { challenge, code }` checks the code and opens the
 * session marked as second-factor verified. A challenge opens at most one session.
 */
import { createHash, randomBytes } from 'node:crypto';
import { adminTotp, loginAttempts, transaction, users } from '@casino/db';
import { eq } from 'drizzle-orm';
import type { RequestMeta } from '../../context';
import type { Deps } from '../../deps';
import { DomainError } from '../../errors';
import { getProfile } from '../auth/profile';
import { openSession, touchLastLogin } from '../auth/sessions';
import { consumeSecondFactor } from './factor';

const keyOf = (challenge: string) => `totp:challenge:${createHash('sha256').update(challenge).digest('hex')}`;

export const isStaffRole = (role: string) => role === 'admin' || role === 'support';

/** True when this account must pass a second factor at login. */
export async function hasActiveFactor(deps: Pick<Deps, 'db'>, userId: number): Promise<boolean> {
  const [row] = await deps.db.select({ enabledAt: adminTotp.enabledAt }).from(adminTotp).where(eq(adminTotp.userId, userId));
  return Boolean(row?.enabledAt);
}

/** Throws `totp_required` carrying a fresh challenge for the user. */
export async function requireSecondStep(deps: Pick<Deps, 'kv' | 'config'>, userId: number): Promise<never> {
  const challenge = randomBytes(32).toString('base64url');
  const ttl = deps.config.adminSecurity.challengeTtlSeconds;
  await deps.kv.set(keyOf(challenge), JSON.stringify({ userId }), { ttlMs: ttl * 1000 });
  throw new DomainError('totp_required', { challenge, expiresInSeconds: ttl });
}

export async function verifyLoginChallenge(deps: Deps, input: { challenge: string; code: string }, meta: Partial<RequestMeta>) {
  const key = keyOf(input.challenge);
  const stored = await deps.kv.get(key);
  if (!stored) throw new DomainError('totp_challenge_invalid');
  const { userId } = JSON.parse(stored) as { userId: number };
  const factor = await consumeSecondFactor(deps, userId, input.code);
  // The first right code ends the challenge; a second one racing it opens nothing.
  if ((await deps.kv.del(key)) !== 1) throw new DomainError('totp_challenge_invalid');
  const [user] = await deps.db
    .select({ id: users.id, role: users.role, rank: users.rank, status: users.status, siteId: users.siteId })
    .from(users)
    .where(eq(users.id, userId));
  if (!user || user.status === 'deleted') throw new DomainError('totp_challenge_invalid');
  if (user.status === 'banned') throw new DomainError('account_banned');
  const now = deps.clock.now();
  const tokens = await transaction(deps.db, async (tx) => {
    await touchLastLogin(tx, user.id, now);
    return openSession(deps, tx, user, meta, { mfa: true });
  });
  await deps.db.insert(loginAttempts).values({
    identifier: user.siteId,
    userId: user.id,
    success: true,
    reason: factor.method === 'recovery' ? 'recovery_code' : 'totp',
    ip: meta.ip ?? null,
    userAgent: meta.userAgent?.slice(0, 400) ?? null,
    createdAt: now,
  });
  return { ...tokens, user: await getProfile(deps.db, user.id) };
}
