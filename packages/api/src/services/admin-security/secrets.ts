/**
 * TOTP secrets sealed at rest (AES-256-GCM, key from ADMIN_TOTP_KEY or derived from the JWT
 * secret with HKDF), and recovery codes: 10 random codes shown once, stored as SHA-256 only
 * (they carry 50 bits of randomness each, so a fast hash does not make them guessable).
 */
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes, randomInt } from 'node:crypto';
import type { ApiConfig } from '../../config';

const keys = new Map<string, Buffer>();

function keyOf(config: Pick<ApiConfig, 'jwtSecret' | 'adminSecurity'>): Buffer {
  const material = config.adminSecurity.totpKey ?? config.jwtSecret;
  let key = keys.get(material);
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', material, 'casino-club', 'admin-totp-secret', 32));
    keys.set(material, key);
  }
  return key;
}

export function sealSecret(config: Pick<ApiConfig, 'jwtSecret' | 'adminSecurity'>, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyOf(config), iv);
  const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url')).join('.');
}

export function openSecret(config: Pick<ApiConfig, 'jwtSecret' | 'adminSecurity'>, sealed: string): string {
  const [iv, tag, body] = sealed.split('.').map((p) => Buffer.from(p, 'base64url'));
  if (!iv || !tag || !body) throw new Error('malformed sealed TOTP secret');
  const decipher = createDecipheriv('aes-256-gcm', keyOf(config), iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
}

/** Crockford-style alphabet: no 0/O, 1/I/L confusion when read off paper. */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const RECOVERY_CODE_COUNT = 10;

/** `XXXXX-XXXXX`: what the admin writes down. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/** Case, spaces and dashes do not matter when a code is typed back. */
export const normaliseCode = (code: string) => code.replace(/[\s-]/g, '').toUpperCase();

export const hashRecoveryCode = (code: string) =>
  createHash('sha256')
    .update(`recovery:${normaliseCode(code)}`)
    .digest('hex');
