import { hmacSha256 } from './hmac';

/** The first 52 bits of h as an integer in [0, 2^52); exact in a double. */
export function first52Bits(h: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < 6; i++) n = n * 256 + (h[i] ?? 0);
  return n * 16 + ((h[6] ?? 0) >>> 4);
}

/**
 * SPEC §3 (bustabit): h = HMAC_SHA256(key = serverSeed, msg = clientSeed + ":" + nonce),
 * X = (first 52 bits of h) / 2^52, crashPoint = max(1, floor((100 − edge) / (1 − X)) / 100).
 * Evaluated literally in IEEE-754 doubles: X and 1 − X are exact (multiples of 2^-52), so the
 * division is the only rounding step and every JS engine yields the same number.
 * Hence P(crashPoint ≥ m) = (100 − edge) / (100·m) for m ≥ 1.
 */
export function crashPoint(serverSeed: string, clientSeed: string, nonce: number, houseEdgePercent = 1): number {
  if (!(houseEdgePercent >= 0 && houseEdgePercent < 100))
    throw new RangeError(`houseEdgePercent must be in [0, 100), got ${houseEdgePercent}`);
  const h = hmacSha256(serverSeed, `${clientSeed}:${nonce}`);
  const X = first52Bits(h) / 2 ** 52;
  return Math.max(1, Math.floor((100 - houseEdgePercent) / (1 - X)) / 100);
}
