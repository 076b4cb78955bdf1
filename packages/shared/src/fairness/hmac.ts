import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/**
 * Seeds are used as the UTF-8 bytes of the exact strings shown to the player
 * (a hex-looking server seed is NOT hex-decoded), so anyone can recompute them
 * with any HMAC tool.
 */
export function hashServerSeed(serverSeed: string): string {
  return bytesToHex(sha256(utf8ToBytes(serverSeed)));
}

export function hmacSha256(key: string, message: string): Uint8Array {
  return hmac(sha256, utf8ToBytes(key), utf8ToBytes(message));
}

export function hmacSha256Hex(key: string, message: string): string {
  return bytesToHex(hmacSha256(key, message));
}

/** The message of block `block` of a round's stream; block 0 is the SPEC's `${clientSeed}:${nonce}`. */
export function blockMessage(clientSeed: string, nonce: number, block: number): string {
  return block === 0 ? `${clientSeed}:${nonce}` : `${clientSeed}:${nonce}:${block}`;
}
