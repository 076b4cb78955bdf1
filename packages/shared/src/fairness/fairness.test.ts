import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { crashPoint, first52Bits } from './crash-point';
import { hashServerSeed, hmacSha256Hex } from './hmac';
import { createRng, type Uint32Source } from './rng';
import { seededRng } from './seeded';
import { hmacStream } from './stream';

const scripted = (values: number[]): Uint32Source & { used: number } => {
  const src = {
    used: 0,
    nextUint32() {
      const v = values[src.used];
      if (v === undefined) throw new Error('script exhausted');
      src.used += 1;
      return v;
    },
  };
  return src;
};

describe('seed hashing and HMAC (cross-checked with node:crypto)', () => {
  it('hashServerSeed is SHA-256 hex of the UTF-8 string', () => {
    expect(hashServerSeed('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    for (const seed of ['0f'.repeat(32), 'é-ünïcode', 'x']) {
      expect(hashServerSeed(seed)).toBe(createHash('sha256').update(seed, 'utf8').digest('hex'));
    }
  });

  it('stream block 0 is HMAC(serverSeed, clientSeed:nonce) and block i is HMAC(serverSeed, clientSeed:nonce:i)', () => {
    const s = hmacStream('server', 'client', 7);
    const words = Array.from({ length: 24 }, () => s.nextUint32().toString(16).padStart(8, '0')).join('');
    const mac = (msg: string) => createHmac('sha256', 'server').update(msg).digest('hex');
    expect(words).toBe(mac('client:7') + mac('client:7:1') + mac('client:7:2'));
    expect(hmacSha256Hex('server', 'client:7')).toBe(mac('client:7'));
    expect(s.position).toBe(96);
  });

  it('the same seeds give the same draws, a different nonce different ones', () => {
    const draw = (nonce: number) => {
      const s = hmacStream('s', 'c', nonce);
      return [s.nextInt(37), s.nextFloat(), s.pickWeighted([1, 2, 3]), s.nextUint32()];
    };
    expect(draw(1)).toEqual(draw(1));
    expect(draw(1)).not.toEqual(draw(2));
  });
});

describe('draw algorithms', () => {
  it('nextInt rejects the biased tail instead of taking a modulo', () => {
    // 2^32 mod 3 = 1, so 2^32 − 1 is the single rejected value for maxExclusive = 3.
    const src = scripted([0xffffffff, 5]);
    expect(createRng(src).nextInt(3)).toBe(2);
    expect(src.used).toBe(2);
    expect(createRng(scripted([0xfffffffe])).nextInt(3)).toBe(0xfffffffe % 3);
    expect(createRng(scripted([0xffffffff])).nextInt(2 ** 32)).toBe(0xffffffff);
    expect(() => createRng(scripted([])).nextInt(0)).toThrow(RangeError);
    expect(() => createRng(scripted([])).nextInt(1.5)).toThrow(RangeError);
  });

  it('nextInt is uniform (chi-square, 60k draws, 6 bins)', () => {
    const rng = seededRng(42);
    const counts = new Array<number>(6).fill(0);
    for (let i = 0; i < 60_000; i++) {
      const k = rng.nextInt(6);
      counts[k] = (counts[k] ?? 0) + 1;
    }
    const chi = counts.reduce((acc, c) => acc + (c - 10_000) ** 2 / 10_000, 0);
    expect(chi).toBeLessThan(20.5); // p ≈ 0.001 for 5 degrees of freedom
  });

  it('nextFloat takes 52 bits and stays in [0, 1)', () => {
    expect(createRng(scripted([0, 0])).nextFloat()).toBe(0);
    expect(createRng(scripted([0xffffffff, 0xffffffff])).nextFloat()).toBe(1 - 2 ** -52);
    expect(createRng(scripted([0x80000000, 0])).nextFloat()).toBe(0.5);
  });

  it('pickWeighted follows integer weights and never picks a zero weight', () => {
    const rng = seededRng(7);
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 100_000; i++) {
      const k = rng.pickWeighted([1, 0, 3, 6]);
      counts[k] = (counts[k] ?? 0) + 1;
    }
    expect(counts[1]).toBe(0);
    expect(Math.abs((counts[0] ?? 0) / 100_000 - 0.1)).toBeLessThan(0.004);
    expect(Math.abs((counts[3] ?? 0) / 100_000 - 0.6)).toBeLessThan(0.006);
    expect(createRng(scripted([3])).pickWeighted([1, 0, 3, 6])).toBe(2);
    expect(() => rngThrows([0, 0])).toThrow(RangeError);
    expect(() => rngThrows([1, -1, 2])).toThrow(RangeError);
    expect(() => rngThrows([0.5, 1])).toThrow(RangeError);
  });
});

function rngThrows(weights: number[]) {
  return createRng(scripted([0])).pickWeighted(weights);
}

describe('crashPoint', () => {
  const reference = (serverSeed: string, clientSeed: string, nonce: number, edge = 1) => {
    const hex = createHmac('sha256', serverSeed).update(`${clientSeed}:${nonce}`).digest('hex');
    const X = Number.parseInt(hex.slice(0, 13), 16) / 2 ** 52;
    return Math.max(1, Math.floor((100 - edge) / (1 - X)) / 100);
  };

  it('matches fixed vectors and an independent node:crypto derivation', () => {
    const vectors = Object.keys(FIXED_VECTORS).map((n) => crashPoint('server-seed', 'client-seed', Number(n)));
    expect(vectors).toEqual(Object.values(FIXED_VECTORS));
    for (let n = 0; n < 500; n++) {
      expect(crashPoint('abc', 'def', n)).toBe(reference('abc', 'def', n));
      expect(crashPoint('abc', 'def', n, 4)).toBe(reference('abc', 'def', n, 4));
    }
  });

  it('X is the first nextFloat of the round stream; extremes of X', () => {
    const X = hmacStream('abc', 'def', 3).nextFloat();
    expect(crashPoint('abc', 'def', 3)).toBe(Math.max(1, Math.floor(99 / (1 - X)) / 100));
    expect(first52Bits(new Uint8Array(32).fill(0xff))).toBe(2 ** 52 - 1);
    expect(first52Bits(new Uint8Array([0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0]))).toBe(0x123456789abcd);
    expect(() => crashPoint('a', 'b', 0, 100)).toThrow(RangeError);
  });

  it('P(crash ≥ m) ≈ 0.99 / m over 200k seeded rounds', () => {
    const n = 200_000;
    const points = Array.from({ length: n }, (_, i) => crashPoint('stat-server-seed', 'stat-client', i));
    expect(points.reduce((a, b) => Math.min(a, b))).toBe(1);
    expect(points.filter((x) => x === 1).length / n).toBeCloseTo(1 - 0.99 / 1.01, 2);
    for (const m of [1.01, 1.5, 2, 3, 10, 100]) {
      const p = 0.99 / m;
      const observed = points.filter((x) => x >= m).length / n;
      const sigma = Math.sqrt((p * (1 - p)) / n);
      expect(Math.abs(observed - p), `m = ${m}`).toBeLessThanOrEqual(4 * sigma);
    }
  });
});

/** nonce → crash point for ('server-seed', 'client-seed'), edge 1%. */
const FIXED_VECTORS: Record<number, number> = { 0: 9.22, 1: 1.93, 2: 2.08, 3: 1.05, 4: 1.05, 6: 1, 82: 286.46, 152: 499.8 };
