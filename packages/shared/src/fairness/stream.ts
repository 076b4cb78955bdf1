import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { blockMessage } from './hmac';
import { createRng, type Rng } from './rng';

export interface FairStream extends Rng {
  /** Bytes consumed so far; always a multiple of 4. */
  readonly position: number;
}

const BLOCK_BYTES = 32;

/**
 * The provably-fair byte stream of one round.
 *
 * Block 0 = HMAC-SHA256(key = serverSeed, msg = `${clientSeed}:${nonce}`) — the SPEC's h;
 * block i ≥ 1 = HMAC-SHA256(key = serverSeed, msg = `${clientSeed}:${nonce}:${i}`).
 * The stream is block 0 ‖ block 1 ‖ …; `nextUint32` reads the next 4 bytes big-endian,
 * so the first draws of a round read h itself. Draws never skip bytes except by
 * rejection sampling, which consumes whole uint32s.
 */
export function hmacStream(serverSeed: string, clientSeed: string, nonce: number): FairStream {
  if (!Number.isSafeInteger(nonce) || nonce < 0) throw new RangeError(`nonce must be a non-negative integer, got ${nonce}`);
  const keyed = hmac.create(sha256, utf8ToBytes(serverSeed));
  let block = -1;
  let bytes = new Uint8Array(0);
  let offset = BLOCK_BYTES;
  let position = 0;

  const source = {
    nextUint32(): number {
      if (offset >= BLOCK_BYTES) {
        block += 1;
        bytes = keyed
          .clone()
          .update(utf8ToBytes(blockMessage(clientSeed, nonce, block)))
          .digest();
        offset = 0;
      }
      const b0 = bytes[offset] ?? 0;
      const b1 = bytes[offset + 1] ?? 0;
      const b2 = bytes[offset + 2] ?? 0;
      const b3 = bytes[offset + 3] ?? 0;
      offset += 4;
      position += 4;
      return ((b0 << 24) | (b1 << 16) | (b2 << 8) | b3) >>> 0;
    },
  };
  const rng = createRng(source);
  return {
    ...rng,
    get position() {
      return position;
    },
  };
}
