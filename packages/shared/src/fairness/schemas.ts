import { z } from 'zod';
import { ZText } from '../schemas';

/** The server seed as revealed; any printable string, used as UTF-8 bytes. */
export const ZServerSeed = ZText.min(1).max(256);
/**
 * No ':' so `${clientSeed}:${nonce}` and the stream's block messages
 * `${clientSeed}:${nonce}:${i}` can never collide across different seed/nonce pairs.
 */
export const ZClientSeed = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[\x21-\x39\x3b-\x7e]+$/, 'clientSeed: 1–64 printable ASCII characters, no spaces or ":"');
export const ZNonce = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
export const ZHouseEdgePercent = z.number().min(0).max(99);
