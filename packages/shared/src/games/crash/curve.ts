import { z } from 'zod';

/** Growth rate of the round multiplier on the server clock: m(ms) = e^(0.00006·ms). */
export const CRASH_GROWTH_PER_MS = 0.00006;
export const DEFAULT_CRASH_HOUSE_EDGE_PERCENT = 1;

/** An auto-cashout target: above 1, at most two decimals. */
export const ZCrashTarget = z
  .number()
  .min(1.01)
  .max(1_000_000)
  .refine((x) => Math.abs(x * 100 - Math.round(x * 100)) < 1e-6, 'at most two decimals');

/** Floor to hundredths, tolerant of binary representation (1.15 × 100 = 114.999…). */
const floorHundredths = (x: number): number => Math.floor(x * 100 + 1e-7);

/** The displayed multiplier `ms` milliseconds after the round started: e^(0.00006·ms) floored to 2 decimals. */
export function multiplierAt(ms: number): number {
  return Math.floor(Math.exp(CRASH_GROWTH_PER_MS * Math.max(0, ms)) * 100) / 100;
}

/** Smallest whole millisecond at which `multiplierAt` reaches `multiplier` (0 for multipliers ≤ 1). */
export function msToReach(multiplier: number): number {
  if (!(multiplier > 1)) return 0;
  let ms = Math.max(0, Math.ceil(Math.log(multiplier) / CRASH_GROWTH_PER_MS));
  while (multiplierAt(ms) < multiplier) ms += 1;
  while (ms > 0 && multiplierAt(ms - 1) >= multiplier) ms -= 1;
  return ms;
}

/** floor(bet × multiplier) in exact integers (multiplier floored to hundredths). */
export function cashoutPayout(bet: number, multiplier: number): number {
  const raw = bet * floorHundredths(multiplier);
  return (raw - (raw % 100)) / 100;
}

/**
 * SPEC §3: a cashout pays only if its multiplier is below the crash point; the round busts when
 * the multiplier reaches it (a 1.00 crash point busts at once). So a target m wins with
 * probability P(crash > m) = P(crash ≥ m + 0.01) = (100 − edge) / (100·(m + 0.01)).
 */
export function crashCashoutWins(multiplier: number, crashPoint: number): boolean {
  return floorHundredths(multiplier) < floorHundredths(crashPoint);
}

/** Server-clock millisecond at which the round busts. */
export function crashBustMs(crashPoint: number): number {
  return msToReach(crashPoint);
}
