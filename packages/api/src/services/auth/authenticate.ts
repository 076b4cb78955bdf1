/** Resolves a bearer token to the acting user; every authed procedure goes through here. */
import { sessions, users } from '@casino/db';
import type { TRank, TRole, TUserStatus } from '@casino/shared';
import { and, eq, isNull } from 'drizzle-orm';
import type { Deps } from '../../deps';
import { DomainError } from '../../errors';
import { verifyAccessToken } from './tokens';

export type AuthedUser = {
  id: number;
  role: TRole;
  rank: TRank;
  status: TUserStatus;
  nickname: string;
  sessionId: string;
  jti: string;
  tokenExp: number;
};

export const blacklistKey = (jti: string) => `jwt:bl:${jti}`;

export async function authenticate(deps: Pick<Deps, 'db' | 'kv' | 'clock' | 'config'>, token: string | null): Promise<AuthedUser> {
  if (!token) throw new DomainError('token_missing', {}, 'Log in to continue.');
  const claims = await verifyAccessToken(deps.config.jwtSecret, token, deps.clock.now());
  if (!claims) throw new DomainError('token_invalid');
  if (await deps.kv.get(blacklistKey(claims.jti))) throw new DomainError('token_revoked');
  const userId = Number(claims.sub);
  const [row] = await deps.db
    .select({ id: users.id, role: users.role, rank: users.rank, status: users.status, nickname: users.nickname, sessionId: sessions.id })
    .from(users)
    .leftJoin(sessions, and(eq(sessions.id, claims.sid), eq(sessions.userId, users.id), isNull(sessions.revokedAt)))
    .where(eq(users.id, userId))
    .limit(1);
  if (!row || row.status === 'deleted') throw new DomainError('token_invalid');
  if (row.status === 'banned') throw new DomainError('account_banned');
  if (!row.sessionId) throw new DomainError('session_revoked');
  return { ...row, sessionId: row.sessionId, jti: claims.jti, tokenExp: claims.exp };
}
