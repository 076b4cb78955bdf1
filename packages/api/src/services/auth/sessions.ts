/**
 * Sessions are refresh-token families. Refresh rotates the token inside the family;
 * presenting a token that was already rotated revokes the whole family.
 */
import { type Db, refreshTokens, sessions, users } from '@casino/db';
import type { TRank, TRole } from '@casino/shared';
import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { RequestMeta } from '../../context';
import { type Deps, inTransaction, type Outbox } from '../../deps';
import { DomainError } from '../../errors';
import { blacklistKey } from './authenticate';
import { hashToken, newRefreshToken, signAccessToken } from './tokens';

export type TokenPair = { accessToken: string; refreshToken: string; expiresIn: number; sessionId: string };

type Principal = { id: number; role: TRole; rank: TRank };

export async function openSession(
  deps: Pick<Deps, 'clock' | 'config'>,
  tx: Db,
  user: Principal,
  meta: Partial<RequestMeta>,
  opts: { mfa?: boolean } = {},
): Promise<TokenPair> {
  const now = deps.clock.now();
  const expiresAt = new Date(now.getTime() + deps.config.refreshTokenDays * 86_400_000);
  const [session] = await tx
    .insert(sessions)
    .values({
      userId: user.id,
      userAgent: meta.userAgent?.slice(0, 400) ?? null,
      ip: meta.ip ?? null,
      createdAt: now,
      lastUsedAt: now,
      expiresAt,
      mfaAt: opts.mfa ? now : null,
    })
    .returning({ id: sessions.id });
  const sessionId = (session as { id: string }).id;
  return issueTokens(deps, tx, user, sessionId, opts.mfa ?? false);
}

async function issueTokens(
  deps: Pick<Deps, 'clock' | 'config'>,
  tx: Db,
  user: Principal,
  sessionId: string,
  mfa: boolean,
): Promise<TokenPair> {
  const refreshToken = newRefreshToken();
  await tx.insert(refreshTokens).values({ sessionId, tokenHash: hashToken(refreshToken), createdAt: deps.clock.now() });
  const access = await signAccessToken(
    deps.config.jwtSecret,
    { userId: user.id, role: user.role, rank: user.rank, sessionId, mfa },
    deps.clock.now(),
    deps.config.jwtExpireMinutes,
  );
  return { accessToken: access.token, refreshToken, expiresIn: access.expiresIn, sessionId };
}

export async function refresh(deps: Pick<Deps, 'db' | 'bus' | 'clock' | 'config'>, presented: string): Promise<TokenPair> {
  const tokenHash = hashToken(presented);
  const now = deps.clock.now();
  const outcome = await inTransaction(deps, async (tx, outbox) => {
    // The conditional update is the race guard: of two concurrent presentations, one rotates.
    const [rotated] = await tx
      .update(refreshTokens)
      .set({ rotatedAt: now })
      .where(and(eq(refreshTokens.tokenHash, tokenHash), isNull(refreshTokens.rotatedAt)))
      .returning({ sessionId: refreshTokens.sessionId });
    const rotatedSession = rotated?.sessionId;
    if (!rotatedSession) {
      const [known] = await tx
        .select({ sessionId: refreshTokens.sessionId })
        .from(refreshTokens)
        .where(eq(refreshTokens.tokenHash, tokenHash))
        .limit(1);
      if (!known) return { error: 'refresh_invalid' as const };
      await revokeSessionRow(tx, outbox, known.sessionId, 'refresh_reused', now);
      return { error: 'refresh_reused' as const };
    }
    const [row] = await tx
      .select({
        id: users.id,
        role: users.role,
        rank: users.rank,
        status: users.status,
        revokedAt: sessions.revokedAt,
        expiresAt: sessions.expiresAt,
        mfaAt: sessions.mfaAt,
      })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(eq(sessions.id, rotatedSession));
    if (!row || row.revokedAt || row.expiresAt <= now) return { error: 'session_revoked' as const };
    if (row.status === 'banned') return { error: 'account_banned' as const };
    if (row.status !== 'active') return { error: 'refresh_invalid' as const };
    await tx.update(sessions).set({ lastUsedAt: now }).where(eq(sessions.id, rotatedSession));
    return { pair: await issueTokens(deps, tx, row, rotatedSession, row.mfaAt !== null) };
  });
  // Errors are thrown after the transaction so the family revocation commits.
  if (!outcome.pair) throw new DomainError(outcome.error ?? 'refresh_invalid');
  return outcome.pair;
}

/**
 * A `session_revoked` event names the sessions that ended (all of the user's when
 * `sessionIds` is absent); live streams of those sessions end on it, on every instance.
 */
export type SessionRevoked = { reason: string; sessionIds?: string[] };

export function endsSession(data: Record<string, unknown>, sessionId: string): boolean {
  const ids = (data as SessionRevoked).sessionIds;
  return !Array.isArray(ids) || ids.includes(sessionId);
}

async function revokeSessionRow(tx: Db, outbox: Outbox, sessionId: string, reason: string, now: Date, userId?: number) {
  const rows = await tx
    .update(sessions)
    .set({ revokedAt: now, revokedReason: reason })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt), userId === undefined ? undefined : eq(sessions.userId, userId)))
    .returning({ userId: sessions.userId });
  for (const r of rows) outbox.push({ userId: r.userId, type: 'session_revoked', data: { reason, sessionIds: [sessionId] } });
  return rows.length;
}

/**
 * Blacklists an access token's jti until it would have expired anyway. Best effort: the
 * session row is already revoked, and authenticate refuses a revoked session without Redis.
 */
export async function blacklistAccessToken(deps: Pick<Deps, 'kv' | 'clock' | 'logger'>, jti: string, exp: number) {
  const ttlMs = exp * 1000 - deps.clock.now().getTime();
  if (ttlMs <= 0) return;
  await deps.kv.set(blacklistKey(jti), '1', { ttlMs }).catch((err) => deps.logger.warn({ err }, 'access token blacklist unavailable'));
}

type CurrentUser = { id: number; sessionId: string; jti: string; tokenExp: number };

export async function logout(deps: Pick<Deps, 'db' | 'bus' | 'kv' | 'clock' | 'logger'>, user: CurrentUser, refreshToken?: string) {
  const now = deps.clock.now();
  await inTransaction(deps, async (tx, outbox) => {
    await revokeSessionRow(tx, outbox, user.sessionId, 'logout', now);
    if (refreshToken) {
      // A refresh token of another of the user's sessions may be handed in too.
      const [row] = await tx
        .select({ sessionId: refreshTokens.sessionId })
        .from(refreshTokens)
        .innerJoin(sessions, eq(sessions.id, refreshTokens.sessionId))
        .where(and(eq(refreshTokens.tokenHash, hashToken(refreshToken)), eq(sessions.userId, user.id)));
      if (row) await revokeSessionRow(tx, outbox, row.sessionId, 'logout', now);
    }
  });
  await blacklistAccessToken(deps, user.jti, user.tokenExp);
  return { ok: true as const };
}

/** Ends every session of the user; their live streams end on the event it queues. */
export async function revokeAllSessions(tx: Db, outbox: Outbox, userId: number, reason: string, now: Date): Promise<number> {
  const rows = await tx
    .update(sessions)
    .set({ revokedAt: now, revokedReason: reason })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  outbox.push({ userId, type: 'session_revoked', data: { reason } });
  return rows.length;
}

export async function logoutAll(deps: Pick<Deps, 'db' | 'bus' | 'kv' | 'clock' | 'logger'>, user: CurrentUser) {
  const revoked = await inTransaction(deps, (tx, outbox) => revokeAllSessions(tx, outbox, user.id, 'logout_all', deps.clock.now()));
  await blacklistAccessToken(deps, user.jti, user.tokenExp);
  return { revoked };
}

export async function listSessions(deps: Pick<Deps, 'db' | 'clock'>, userId: number, currentSessionId: string) {
  const rows = await deps.db
    .select({
      id: sessions.id,
      userAgent: sessions.userAgent,
      ip: sessions.ip,
      createdAt: sessions.createdAt,
      lastUsedAt: sessions.lastUsedAt,
      expiresAt: sessions.expiresAt,
    })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), gt(sessions.expiresAt, deps.clock.now())))
    .orderBy(desc(sessions.lastUsedAt));
  return rows.map((r) => ({ ...r, current: r.id === currentSessionId }));
}

export async function revokeSession(deps: Pick<Deps, 'db' | 'bus' | 'clock'>, userId: number, sessionId: string) {
  const revoked = await inTransaction(deps, (tx, outbox) =>
    revokeSessionRow(tx, outbox, sessionId, 'revoked_by_user', deps.clock.now(), userId),
  );
  // Another user's session id answers exactly like an unknown one.
  if (!revoked) throw new DomainError('session_not_found');
  return { ok: true as const };
}

export const touchLastLogin = (tx: Db, userId: number, now: Date) =>
  tx.update(users).set({ lastLoginAt: now, updatedAt: sql`now()` }).where(eq(users.id, userId));
