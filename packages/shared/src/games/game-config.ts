/**
 * The versioned game configuration admins edit (everything that decides an outcome or a
 * payout), its exact return to player per game, the allowed RTP band, and a readable diff
 * between two versions. Browser-safe: the admin console previews with the same functions
 * the server validates with.
 */
import { z } from 'zod';
import { DEFAULT_CRASH_HOUSE_EDGE_PERCENT } from './crash/curve';
import { DEFAULT_GACHA_CONFIG, GACHA_RARITIES, ZGachaConfig } from './gacha/config';
import { gachaEffectiveRates } from './gacha/odds';
import { DEFAULT_RPS_HOUSE_EDGE_PERCENT, rpsRtp } from './rps/play';
import { DEFAULT_SLOT_CONFIG, ZSlotConfig } from './slot/config';
import { slotRtp } from './slot/rtp';

/** Edges are resolved to hundredths of a percent, as the payout code computes them. */
const ZEdge = z
  .number()
  .min(0)
  .max(50)
  .refine((x) => Math.abs(x * 100 - Math.round(x * 100)) < 1e-6, 'at most two decimals');
const ZLimits = { minBet: z.number().int().min(1).max(1_000_000), maxBet: z.number().int().min(1).max(1_000_000) };
const limitsOk = (c: { minBet: number; maxBet: number }) => c.minBet <= c.maxBet;

export const ZRpsGameConfig = z.object({ ...ZLimits, houseEdgePercent: ZEdge }).refine(limitsOk, 'minBet must not exceed maxBet');
export const ZCrashGameConfig = z
  .object({
    ...ZLimits,
    houseEdgePercent: ZEdge,
    /** Caps one round's payout at bet × this; also the highest auto-cashout target. */
    maxWinMultiplier: z.number().min(1.01).max(1_000_000),
  })
  .refine(limitsOk, 'minBet must not exceed maxBet');

export const ZGameConfig = z.object({ slot: ZSlotConfig, gacha: ZGachaConfig, rps: ZRpsGameConfig, crash: ZCrashGameConfig });
export type TGameConfig = z.infer<typeof ZGameConfig>;

export const DEFAULT_GAME_CONFIG: TGameConfig = {
  slot: DEFAULT_SLOT_CONFIG,
  gacha: DEFAULT_GACHA_CONFIG,
  rps: { minBet: 10, maxBet: 10_000, houseEdgePercent: DEFAULT_RPS_HOUSE_EDGE_PERCENT },
  crash: { minBet: 10, maxBet: 10_000, houseEdgePercent: DEFAULT_CRASH_HOUSE_EDGE_PERCENT, maxWinMultiplier: 1000 },
};

/** A configuration whose return to player of any game falls outside this band is refused. */
export const RTP_BAND = { min: 0.85, max: 0.99 } as const;

export const ZGameConfigRtp = z.object({
  /** Exact, streak bonus included (slotRtp); base game and hit rate for reference. */
  slot: z.object({ rtp: z.number(), baseRtp: z.number(), hitRate: z.number() }),
  /** Long-run item value per cost with pity, for single pulls and for ten. */
  gacha: z.object({ single: z.number(), ten: z.number(), valuePerPull: z.number() }),
  rps: z.object({ rtp: z.number() }),
  /** Any cash-out target up to the cap returns this: P(crash ≥ m) = (1 − edge) / m. */
  crash: z.object({ rtp: z.number() }),
});
export type TGameConfigRtp = z.infer<typeof ZGameConfigRtp>;

export function gameConfigRtp(c: TGameConfig): TGameConfigRtp {
  const s = slotRtp(c.slot);
  const rates = gachaEffectiveRates(c.gacha);
  const valuePerPull = GACHA_RARITIES.reduce((sum, r) => sum + rates[r] * c.gacha.values[r], 0);
  const per = (cost: number, pulls: number) => (cost > 0 ? (valuePerPull * pulls) / cost : Number.POSITIVE_INFINITY);
  return {
    slot: { rtp: s.rtp, baseRtp: s.baseRtp, hitRate: s.hitRate },
    gacha: { single: per(c.gacha.costs.single, 1), ten: per(c.gacha.costs.ten, 10), valuePerPull },
    rps: { rtp: rpsRtp(c.rps.houseEdgePercent) },
    crash: { rtp: 1 - c.crash.houseEdgePercent / 100 },
  };
}

export const ZRtpIssue = z.object({ game: z.string(), measure: z.string(), rtp: z.number(), min: z.number(), max: z.number() });
export type TRtpIssue = z.infer<typeof ZRtpIssue>;

/** Every RTP figure outside RTP_BAND; empty when the configuration may be published. */
export function rtpIssues(rtp: TGameConfigRtp): TRtpIssue[] {
  const figures: [string, string, number][] = [
    ['slot', 'rtp', rtp.slot.rtp],
    ['gacha', 'single', rtp.gacha.single],
    ['gacha', 'ten', rtp.gacha.ten],
    ['rps', 'rtp', rtp.rps.rtp],
    ['crash', 'rtp', rtp.crash.rtp],
  ];
  return figures
    .filter(([, , v]) => !(v >= RTP_BAND.min && v <= RTP_BAND.max))
    .map(([game, measure, v]) => ({ game, measure, rtp: v, min: RTP_BAND.min, max: RTP_BAND.max }));
}

export type TConfigChange = { path: string; before: unknown; after: unknown };

/** Leaf-level differences (`slot.paytable.triple.seven: 100 → 120`), in a stable order. */
export function diffConfigs(before: unknown, after: unknown, path = ''): TConfigChange[] {
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
  if (isObj(before) && isObj(after) && Array.isArray(before) === Array.isArray(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    if (!Array.isArray(before)) keys.sort();
    return keys.flatMap((k) => diffConfigs(before[k], after[k], path ? `${path}.${k}` : k));
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [{ path, before, after }];
}
