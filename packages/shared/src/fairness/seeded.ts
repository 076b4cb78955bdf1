import { createRng, type Rng } from './rng';

/**
 * sfc32 seeded from a 32-bit integer: a fast, NON-cryptographic PRNG for simulations and
 * tests (RTP checks over millions of spins). Never use it to decide a real outcome.
 */
export function seededRng(seed: number): Rng {
  let a = 0x9e3779b9;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = seed >>> 0;
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 15; i++) next();
  return createRng({ nextUint32: next });
}
