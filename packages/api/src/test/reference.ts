/**
 * Outcomes re-derived without the code under test, so a bug there cannot agree with itself:
 * node:crypto for the HMAC and the SPEC §3 formulas written out again here.
 */
import { createHmac } from 'node:crypto';
import { type CrashBet, fairnessSeeds } from '@casino/db';
import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { inArray } from 'drizzle-orm';
import { expect } from 'vitest';
import type { Deps } from '../deps';
import { isDomainError } from '../errors';

/** SPEC §3: X = first 52 bits of HMAC_SHA256(serverSeed, clientSeed:nonce) / 2^52, max(1, floor((100 − edge)/(1 − X))/100). */
export function referenceCrashPoint(serverSeed: string, clientSeed: string, nonce: number, edgePercent = 1): number {
  const hex = createHmac('sha256', serverSeed).update(`${clientSeed}:${nonce}`).digest('hex');
  const X = Number.parseInt(hex.slice(0, 13), 16) / 2 ** 52;
  return Math.max(1, Math.floor((100 - edgePercent) / (1 - X)) / 100);
}

/**
 * SPEC §3: floor(bet × multiplier), capped by the per-round maximum win (floor(bet × max));
 * in integer hundredths so no float rounding can add or lose a token.
 */
export function referencePayout(bet: number, multiplier: number, maxWinMultiplier = Number.POSITIVE_INFINITY): number {
  const floorTimes = (m: number) => Math.floor((bet * Math.round(m * 100)) / 100);
  return multiplier > maxWinMultiplier ? floorTimes(maxWinMultiplier) : floorTimes(multiplier);
}

/**
 * Every settled round: its crash point re-derived from its seed row, a cashout below it paying
 * floor(bet × multiplier) from the recorded multiplier, anything else paying nothing.
 */
export async function expectCrashRoundsConsistent(deps: Pick<Deps, 'db' | 'config'>, rounds: CrashBet[]) {
  const { houseEdgePercent, maxWinMultiplier } = deps.config.games.crash;
  const seedIds = [...new Set(rounds.map((r) => r.seedId))];
  const seeds = seedIds.length ? await deps.db.select().from(fairnessSeeds).where(inArray(fairnessSeeds.id, seedIds)) : [];
  const byId = new Map(seeds.map((s) => [s.id, s]));
  for (const r of rounds) {
    const seed = byId.get(r.seedId);
    if (!seed) throw new Error(`seed ${r.seedId} missing`);
    expect(r.crashPoint, `crash point of ${r.id}`).toBe(referenceCrashPoint(seed.serverSeed, seed.clientSeed, r.nonce, houseEdgePercent));
    if (r.status === 'cashed') {
      expect(r.cashoutMultiplier).not.toBeNull();
      expect(r.cashoutMultiplier ?? 0).toBeLessThan(r.crashPoint);
      expect(r.payout, `payout of ${r.id}`).toBe(referencePayout(r.bet, r.cashoutMultiplier ?? 0, maxWinMultiplier));
    } else {
      expect(r.payout, `payout of ${r.id}`).toBe(0);
    }
  }
}

/**
 * A refusal is the typed reason and never a 5xx: a dropped condition that the database CHECK
 * catches instead surfaces as a 500 and fails here, not only by accident elsewhere.
 */
export function expectRefused(e: unknown, reason: string) {
  if (e instanceof TRPCError) {
    expect(getHTTPStatusCodeFromError(e), String(e)).toBeLessThan(500);
    expect((e.cause as { reason?: string } | undefined)?.reason, String(e)).toBe(reason);
  } else {
    expect(isDomainError(e), String(e)).toBe(true);
    expect(isDomainError(e) && e.reason).toBe(reason);
  }
}
