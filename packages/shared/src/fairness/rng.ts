/** Anything that yields uniformly distributed unsigned 32-bit integers. */
export interface Uint32Source {
  nextUint32(): number;
}

/** Draws built on a Uint32Source; every draw is exactly reproducible from the source. */
export interface Rng extends Uint32Source {
  /** Uniform integer in [0, maxExclusive), 1 ≤ maxExclusive ≤ 2^32; rejection sampling, no modulo bias. */
  nextInt(maxExclusive: number): number;
  /** Uniform in [0, 1) with 52 bits of precision: the next 52 bits of the source / 2^52. */
  nextFloat(): number;
  /** Index i with probability weights[i] / Σweights; weights are non-negative integers, 0 < Σ ≤ 2^32. */
  pickWeighted(weights: readonly number[]): number;
}

const TWO_32 = 2 ** 32;
const TWO_52 = 2 ** 52;

export function nextInt(source: Uint32Source, maxExclusive: number): number {
  if (!Number.isInteger(maxExclusive) || maxExclusive < 1 || maxExclusive > TWO_32) {
    throw new RangeError(`nextInt: maxExclusive must be an integer in [1, 2^32], got ${maxExclusive}`);
  }
  // Largest multiple of maxExclusive ≤ 2^32: values at or above it are redrawn so every residue is equally likely.
  const limit = TWO_32 - (TWO_32 % maxExclusive);
  for (;;) {
    const u = source.nextUint32();
    if (u < limit) return u % maxExclusive;
  }
}

export function nextFloat(source: Uint32Source): number {
  const hi = source.nextUint32();
  const lo = source.nextUint32() >>> 12;
  return (hi * 2 ** 20 + lo) / TWO_52;
}

export function weightsTotal(weights: readonly number[]): number {
  let total = 0;
  for (const w of weights) {
    if (!Number.isSafeInteger(w) || w < 0) throw new RangeError(`pickWeighted: weights must be non-negative integers, got ${w}`);
    total += w;
  }
  if (total <= 0 || total > TWO_32) throw new RangeError(`pickWeighted: total weight must be in [1, 2^32], got ${total}`);
  return total;
}

export function pickWeighted(source: Uint32Source, weights: readonly number[]): number {
  let r = nextInt(source, weightsTotal(weights));
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i] ?? 0;
    if (r < w) return i;
    r -= w;
  }
  throw new Error('pickWeighted: unreachable');
}

/** Wraps a raw source with the shared draw algorithms, so the fair stream and test PRNGs draw identically. */
export function createRng(source: Uint32Source): Rng {
  return {
    nextUint32: () => source.nextUint32(),
    nextInt: (maxExclusive) => nextInt(source, maxExclusive),
    nextFloat: () => nextFloat(source),
    pickWeighted: (weights) => pickWeighted(source, weights),
  };
}
