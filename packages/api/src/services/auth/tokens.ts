/**
 * Access tokens: HS256 JWT with sub, role, rank, sid (session), iat, exp and a unique jti.
 * Refresh tokens: 256-bit opaque random strings, stored only as SHA-256.
 */
import { createHash, createSecretKey, type KeyObject, randomBytes, randomUUID } from 'node:crypto';
import type { TRank, TRole } from '@casino/shared';
import { jwtVerify, SignJWT } from 'jose';

export type AccessClaims = { sub: string; role: TRole; rank: TRank; sid: string; jti: string; iat: number; exp: number };

// A KeyObject per secret: importing the raw bytes on every verify costs more than the HMAC itself.
const keys = new Map<string, KeyObject>();
const key = (secret: string): KeyObject => {
  let k = keys.get(secret);
  if (!k) {
    k = createSecretKey(Buffer.from(secret, 'utf8'));
    keys.set(secret, k);
  }
  return k;
};

export async function signAccessToken(
  secret: string,
  claims: { userId: number; role: TRole; rank: TRank; sessionId: string },
  now: Date,
  ttlMinutes: number,
): Promise<{ token: string; expiresIn: number; jti: string }> {
  const iat = Math.floor(now.getTime() / 1000);
  const expiresIn = ttlMinutes * 60;
  const jti = randomUUID();
  const token = await new SignJWT({ role: claims.role, rank: claims.rank, sid: claims.sessionId })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(String(claims.userId))
    .setIssuedAt(iat)
    .setExpirationTime(iat + expiresIn)
    .setJti(jti)
    .sign(key(secret));
  return { token, expiresIn, jti };
}

/** Returns the claims, or null for anything not signed by us with HS256 and unexpired. */
export async function verifyAccessToken(secret: string, token: string, now: Date): Promise<AccessClaims | null> {
  try {
    const { payload } = await jwtVerify(token, key(secret), {
      algorithms: ['HS256'],
      currentDate: now,
      requiredClaims: ['sub', 'jti', 'exp', 'iat'],
    });
    if (typeof payload.sid !== 'string' || typeof payload.role !== 'string' || typeof payload.rank !== 'string') return null;
    return payload as unknown as AccessClaims;
  } catch {
    return null;
  }
}

export const newRefreshToken = () => randomBytes(32).toString('base64url');
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
