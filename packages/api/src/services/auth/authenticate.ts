/** Resolves a bearer token to the acting user; every authed procedure goes through here. */
import { adminTotp, type Db, sessions, users } from '@casino/db';
import type { TRank, TRole, TUserStatus } from '@casino/shared';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Deps } from '../../deps';
import { DomainError } from '../../errors';
import { perDb } from '../shared/prepared';
import type { Principal } from './principal-cache';
import { verifyAccessToken } from './tokens';

export type AuthedUser = {
  id: number;
  role: TRole;
  rank: TRank;
  status: TUserStatus;
  nickname: string;
  /** Seeded accounts: everything but the password change and session calls is refused until false. */
  mustChangePassword: boolean;
  sessionId: string;
  /** The session proved a second factor (TOTP or recovery code). */
  mfa: boolean;
  /** The account has an active TOTP factor (staff procedures then need `mfa`). */
  totpEnabled: boolean;
  jti: string;
  tokenExp: number;
};

export const blacklistKey = (jti: string) => `jwt:bl:${jti}`;

/** Prepared once per database: the user and, when still active, the token's session. */
function buildPrincipalQuery(db: Db) {
  return db
    .select({
      id: users.id,
      role: users.role,
      rank: users.rank,
      status: users.status,
      nickname: users.nickname,
      mustChangePassword: users.mustChangePassword,
      sessionId: sessions.id,
      mfaAt: sessions.mfaAt,
      totpEnabledAt: adminTotp.enabledAt,
    })
    .from(users)
    .leftJoin(sessions, and(eq(sessions.id, sql.placeholder('sessionId')), eq(sessions.userId, users.id), isNull(sessions.revokedAt)))
    .leftJoin(adminTotp, eq(adminTotp.userId, users.id))
    .where(eq(users.id, sql.placeholder('userId')))
    .limit(1)
    .prepare('auth_principal');
}
const principalQuery = perDb(buildPrincipalQuery);

/** The token's signature and expiry only (no lookup): who it names and for which session. */
export async function verifyClaims(deps: Pick<Deps, 'clock' | 'config'>, token: string | null) {
  if (!token) throw new DomainError('token_missing', {}, 'Log in to continue.');
  const claims = await verifyAccessToken(deps.config.jwtSecret, token, deps.clock.now());
  if (!claims) throw new DomainError('token_invalid');
  return claims;
}

/**
 * A signed-in caller whose session, account status and forced password change are checked by
 * the procedure's own statement (the slot spin), so the call costs no lookup of its own.
 */
export type TokenUser = { id: number; sessionId: string };

export async function authenticate(
  deps: Pick<Deps, 'db' | 'kv' | 'clock' | 'config' | 'principals'>,
  token: string | null,
): Promise<AuthedUser> {
  const claims = await verifyClaims(deps, token);
  const userId = Number(claims.sub);
  const token_ = { jti: claims.jti, tokenExp: claims.exp };
  // Known and unchanged since (principal-cache.ts): no lookup. A logout revokes the session,
  // which drops the entry on every instance, so the blacklist needs no read either.
  const cached = deps.principals?.get(userId, claims.sid);
  if (cached) return { ...cached, ...token_ };
  const mark = deps.principals?.mark() ?? 0;
  // The blacklist read and the user/session lookup go out together: every authed call pays both.
  // If Redis is down the database still refuses revoked sessions (logout revokes its session), so carry on.
  const [revoked, [row]] = await Promise.all([
    deps.kv.get(blacklistKey(claims.jti)).catch(() => null),
    principalQuery(deps.db).execute({ userId, sessionId: claims.sid }),
  ]);
  if (revoked) throw new DomainError('token_revoked');
  if (!row || row.status === 'deleted') throw new DomainError('token_invalid');
  if (row.status === 'banned') throw new DomainError('account_banned');
  if (!row.sessionId) throw new DomainError('session_revoked');
  const { mfaAt, totpEnabledAt, ...rest } = row;
  const principal: Principal = { ...rest, sessionId: row.sessionId, mfa: mfaAt !== null, totpEnabled: totpEnabledAt !== null };
  deps.principals?.set(mark, principal);
  return { ...principal, ...token_ };
}
