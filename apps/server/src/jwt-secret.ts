/**
 * The key that signs access tokens. JWT_SECRET when set (production requires it). Otherwise a
 * random secret made on first start and kept in the data folder, next to DATA_DIR
 * (`.data/jwt-secret`, mode 0600), so restarts keep sessions; tests (NODE_ENV=test) keep a
 * random one in memory. There is no built-in secret: a token forged with a published
 * constant is valid on nobody's server.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Env } from './env';

const MIN_LENGTH = 32;
const fresh = () => randomBytes(48).toString('base64url');

export const jwtSecretFile = (env: Pick<Env, 'DATA_DIR'>) => join(dirname(resolve(env.DATA_DIR)), 'jwt-secret');

function readKept(file: string): string | null {
  try {
    const kept = readFileSync(file, 'utf8').trim();
    return kept.length >= MIN_LENGTH ? kept : null;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

export function resolveJwtSecret(env: Pick<Env, 'JWT_SECRET' | 'NODE_ENV' | 'DATA_DIR'>): string {
  if (env.JWT_SECRET) return env.JWT_SECRET;
  if (env.NODE_ENV === 'production') throw new Error('JWT_SECRET is required in production');
  if (env.NODE_ENV === 'test') return fresh();
  const file = jwtSecretFile(env);
  const kept = readKept(file);
  if (kept) {
    chmodSync(file, 0o600);
    return kept;
  }
  mkdirSync(dirname(file), { recursive: true });
  const secret = fresh();
  try {
    // 'wx': two servers starting on a fresh folder agree on whichever secret was written first.
    writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
    return secret;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    const raced = readKept(file);
    if (raced) return raced;
    // An unusable leftover (empty or truncated): replace it.
    writeFileSync(file, `${secret}\n`, { mode: 0o600 });
    return secret;
  }
}
