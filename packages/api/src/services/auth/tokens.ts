/**
 * Access tokens: HS256 JWT with sub, role, rank, sid (session), amr, iat, exp and a unique jti,
 * signed and verified by fast-jwt (synchronous HMAC, the verifier pinned to HS256);
 * expiry is checked against the injected clock. Refresh tokens: 256-bit opaque random
 * strings, stored only as SHA-256.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { TRank, TRole } from '@casino/shared';
import { createSigner, createVerifier } from 'fast-jwt';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const USER_ID = /^[1-9][0-9]{0,9}$/;

export type AccessClaims = { sub: string; role: TRole; rank: TRank; sid: string; jti: string; iat: number; exp: number };

type Signer = (payload: Record<string, unknown>) => string;
type Verifier = (token: string) => Record<string, unknown>;
const signers = new Map<string, Signer>();
const verifiers = new Map<string, Verifier>();

function signerFor(secret: string): Signer {
  let s = signers.get(secret);
  if (!s) {
    // iat and exp come in the payload (from the injected clock); the signer keeps them as given.
    s = createSigner({ key: secret, algorithm: 'HS256' }) as Signer;
    signers.set(secret, s);
  }
  return s;
}

function verifierFor(secret: string): Verifier {
  let v = verifiers.get(secret);
  if (!v) {
    // Time claims are checked below against the injected clock, not the wall clock.
    v = createVerifier({
      key: secret,
      // Verified tokens are remembered (LRU): a player's calls skip the HMAC and the JSON parse.
      // Expiry is not cached (checked below against the clock on every call).
      cache: 10_000,
      algorithms: ['HS256'],
      ignoreExpiration: true,
      ignoreNotBefore: true,
      requiredClaims: ['sub', 'jti', 'exp', 'iat'],
    }) as Verifier;
    verifiers.set(secret, v);
  }
  return v;
}

export async function signAccessToken(
  secret: string,
  claims: { userId: number; role: TRole; rank: TRank; sessionId: string; mfa?: boolean },
  now: Date,
  ttlMinutes: number,
): Promise<{ token: string; expiresIn: number; jti: string }> {
  const iat = Math.floor(now.getTime() / 1000);
  const expiresIn = ttlMinutes * 60;
  const jti = randomUUID();
  const token = signerFor(secret)({
    sub: String(claims.userId),
    role: claims.role,
    rank: claims.rank,
    sid: claims.sessionId,
    // RFC 8176 methods; informational — authorization reads the session row, which refresh keeps.
    amr: claims.mfa ? ['pwd', 'otp'] : ['pwd'],
    jti,
    iat,
    exp: iat + expiresIn,
  });
  return { token, expiresIn, jti };
}

/** Returns the claims, or null for anything not signed by us with HS256 and unexpired. */
export async function verifyAccessToken(secret: string, token: string, now: Date): Promise<AccessClaims | null> {
  let payload: Record<string, unknown>;
  try {
    payload = verifierFor(secret)(token);
  } catch {
    return null;
  }
  const seconds = now.getTime() / 1000;
  const { exp, iat, sid, role, rank, sub, jti } = payload;
  if (typeof exp !== 'number' || exp <= seconds || typeof iat !== 'number' || iat > seconds + 60) return null;
  if (typeof sid !== 'string' || typeof role !== 'string' || typeof rank !== 'string' || typeof sub !== 'string' || typeof jti !== 'string')
    return null;
  // Ids go into SQL as a uuid and an int4: a malformed one is an invalid token, not a database error.
  if (!UUID.test(sid) || !USER_ID.test(sub) || Number(sub) > 2_147_483_647) return null;
  return payload as AccessClaims;
}

export const newRefreshToken = () => randomBytes(32).toString('base64url');
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
