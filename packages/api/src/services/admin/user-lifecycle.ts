/**
 * Admin changes to an account's identity and access: profile fields, password reset, unlock and
 * anonymisation. Each runs in one transaction with its audit row (before/after and the reason).
 */
import { randomInt } from 'node:crypto';
import { actionLog, loginAttempts, sessions, users } from '@casino/db';
import type { TRank, TRole } from '@casino/shared';
import { eq, sql } from 'drizzle-orm';
import { type Deps, inTransaction, principalChanged } from '../../deps';
import { DomainError, isUniqueViolation } from '../../errors';
import { writeAudit } from '../audit/audit';
import { releaseHandles, replaceNicknameHandles } from '../auth/handles';
import { clearLockout } from '../auth/lockout';
import { hashPassword } from '../auth/passwords';
import { revokeAllSessions } from '../auth/sessions';
import { type Actor, lockTarget, refuseSelf } from './user-guards';

type Changes = { nickname?: string | undefined; rank?: TRank | undefined; role?: TRole | undefined };

export async function updateUser(deps: Deps, actor: Actor, userId: number, changes: Changes, reason: string) {
  try {
    const result = await inTransaction(deps, async (tx) => {
      const target = await lockTarget(tx, actor, userId, { removesAdmin: () => changes.role !== undefined && changes.role !== 'admin' });
      const before: Changes = {};
      const after: Changes = {};
      for (const key of ['nickname', 'rank', 'role'] as const) {
        const next = changes[key];
        if (next !== undefined && next !== target[key]) {
          Object.assign(before, { [key]: target[key] });
          Object.assign(after, { [key]: next });
        }
      }
      if (!Object.keys(after).length) throw new DomainError('nothing_to_change');
      if (after.nickname !== undefined) await replaceNicknameHandles(tx, userId, { siteId: target.siteId, nickname: after.nickname });
      await tx
        .update(users)
        .set({ ...after, updatedAt: sql`now()` })
        .where(eq(users.id, userId));
      await writeAudit(tx, {
        adminId: actor.id,
        action: 'user.update',
        targetType: 'user',
        targetId: userId,
        before,
        after,
        meta: { reason },
        ip: actor.ip ?? null,
      });
      return { ok: true as const, before, after };
    });
    principalChanged(deps, userId);
    return result;
  } catch (e) {
    if (isUniqueViolation(e, 'users_nickname_lower_uq')) throw new DomainError('nickname_taken');
    throw e;
  }
}

/** Unambiguous letters and digits (no 0/O, 1/l/I) so a temporary password survives being read out. */
const TEMP_ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const newTemporaryPassword = (length = 14) => Array.from({ length }, () => TEMP_ALPHABET[randomInt(TEMP_ALPHABET.length)]).join('');

/**
 * A one-time temporary password, returned once and never stored in clear or audited; the player
 * must change it at the next login. Every session ends and any lockout is lifted, so the player
 * can log in with it at once.
 */
export async function resetPassword(deps: Deps, actor: Actor, userId: number, reason: string) {
  refuseSelf(actor, userId, 'Change your own password from your account, not by a reset.');
  const temporaryPassword = newTemporaryPassword();
  const passwordHash = await hashPassword(temporaryPassword);
  const revoked = await inTransaction(deps, async (tx, outbox) => {
    await lockTarget(tx, actor, userId);
    await tx
      .update(users)
      .set({ passwordHash, mustChangePassword: true, lockedUntil: null, updatedAt: sql`now()` })
      .where(eq(users.id, userId));
    const n = await revokeAllSessions(tx, outbox, userId, 'password_reset', deps.clock.now());
    await writeAudit(tx, {
      adminId: actor.id,
      action: 'user.reset_password',
      targetType: 'user',
      targetId: userId,
      after: { mustChangePassword: true },
      meta: { reason, revokedSessions: n },
      ip: actor.ip ?? null,
    });
    return n;
  });
  await clearLockout(deps, userId);
  return { temporaryPassword, mustChangePassword: true as const, revokedSessions: revoked };
}

/** Lifts a login lockout in Redis (which enforces it) and in the row's mirror. */
export async function unlockLogin(deps: Deps, actor: Actor, userId: number, reason: string) {
  const before = await inTransaction(deps, async (tx) => {
    const target = await lockTarget(tx, actor, userId);
    await tx.update(users).set({ lockedUntil: null }).where(eq(users.id, userId));
    await writeAudit(tx, {
      adminId: actor.id,
      action: 'user.unlock',
      targetType: 'user',
      targetId: userId,
      before: { lockedUntil: target.lockedUntil },
      after: { lockedUntil: null },
      meta: { reason },
      ip: actor.ip ?? null,
    });
    return target.lockedUntil;
  });
  await clearLockout(deps, userId);
  return { ok: true as const, wasLockedUntil: before };
}

/** Placeholders no signup or admin edit can produce (':' is not allowed in a siteId, nicknames stop at 20 characters). */
export const anonymisedNames = (userId: number) => ({ siteId: `deleted:${userId}`, nickname: `Anonymised account #${userId}` });

/**
 * Irreversible. Keeps the ledger, rounds, balances and statistics (so every sum still holds);
 * replaces and frees the siteId and nickname, drops the phone number and the password, scrubs IPs
 * and devices from sessions and login attempts, ends every session. The account can never log in
 * again: login and tokens refuse status 'deleted'.
 */
export async function anonymizeUser(deps: Deps, actor: Actor, userId: number, reason: string) {
  const now = deps.clock.now();
  const names = anonymisedNames(userId);
  const revoked = await inTransaction(deps, async (tx, outbox) => {
    const target = await lockTarget(tx, actor, userId, { removesAdmin: () => true });
    await releaseHandles(tx, userId);
    await tx
      .update(users)
      .set({
        ...names,
        // Not an argon2 hash: no password verifies against it.
        passwordHash: '!anonymised',
        phoneNumber: null,
        role: 'user',
        status: 'deleted',
        mustChangePassword: false,
        banReason: null,
        bannedAt: null,
        lockedUntil: null,
        anonymisedAt: now,
        updatedAt: sql`now()`,
      })
      .where(eq(users.id, userId));
    const n = await revokeAllSessions(tx, outbox, userId, 'account_anonymised', now);
    await tx.update(sessions).set({ ip: null, userAgent: null }).where(eq(sessions.userId, userId));
    await tx.update(loginAttempts).set({ identifier: names.siteId, ip: null, userAgent: null }).where(eq(loginAttempts.userId, userId));
    await tx.delete(actionLog).where(eq(actionLog.userId, userId));
    await writeAudit(tx, {
      adminId: actor.id,
      action: 'user.anonymize',
      targetType: 'user',
      targetId: userId,
      // Only what does not identify the person: the names are gone on purpose.
      before: { status: target.status, role: target.role },
      after: { status: 'deleted', role: 'user', anonymisedAt: now },
      meta: { reason, revokedSessions: n },
      ip: actor.ip ?? null,
    });
    return n;
  });
  await clearLockout(deps, userId);
  return { ok: true as const, anonymisedAt: now, revokedSessions: revoked };
}
