import { z } from 'zod';

/** Multipliers and percentages are resolved to hundredths so payouts are computed in exact integers. */
const ZHundredths = z
  .number()
  .min(0)
  .refine((x) => Math.abs(x * 100 - Math.round(x * 100)) < 1e-6, 'at most two decimals');
const ZReelWeight = z.number().int().min(0).max(1_000_000);

export const ZSlotSymbol = z.object({
  id: z.string().min(1).max(32),
  name: z.string().min(1).max(64),
  /** Weight of the symbol on reel 1, 2 and 3; the chance on a reel is weight / Σ weights of that reel. */
  weights: z.tuple([ZReelWeight, ZReelWeight, ZReelWeight]),
});

export const ZSlotConfig = z
  .object({
    symbols: z.array(ZSlotSymbol).min(2).max(32),
    paytable: z.object({
      /** Three of a kind: multiplier of the bet, by symbol id. */
      triple: z.record(z.string(), ZHundredths.max(1000)),
      /** Exactly two equal symbols anywhere among the three reels (1–2, 2–3 or 1–3), by symbol id. */
      pair: z.record(z.string(), ZHundredths.max(1000)),
    }),
    /** Caps the whole payout, streak bonus included, at bet × this. */
    maxWinMultiplier: ZHundredths.min(1).max(10_000),
    minBet: z.number().int().min(1),
    maxBet: z.number().int().max(1_000_000),
    streakBonus: z.object({
      /** Bonus per consecutive prior win, in percent of the payout. */
      percentPerWin: ZHundredths.max(100),
      maxPercent: ZHundredths.max(100),
    }),
  })
  .refine((c) => c.minBet <= c.maxBet, 'minBet must not exceed maxBet')
  .refine((c) => new Set(c.symbols.map((s) => s.id)).size === c.symbols.length, 'symbol ids must be unique')
  .refine((c) => [0, 1, 2].every((r) => c.symbols.some((s) => (s.weights[r] ?? 0) > 0)), 'every reel needs a positive weight')
  .refine((c) => {
    const ids = new Set(c.symbols.map((s) => s.id));
    return [...Object.keys(c.paytable.triple), ...Object.keys(c.paytable.pair)].every((id) => ids.has(id));
  }, 'paytable names an unknown symbol');

export type TSlotConfig = z.infer<typeof ZSlotConfig>;
export type TSlotSymbol = z.infer<typeof ZSlotSymbol>;

/** Jitter of the streak bonus: a uniform integer permille in [950, 1050], i.e. a factor in [0.95, 1.05]. */
export const SLOT_JITTER_PERMILLE_MIN = 950;
export const SLOT_JITTER_PERMILLE_MAX = 1050;

/**
 * Default machine: 8 symbols, every reel weighted 13/12/10/9/8/6/4/2 of 64. Tuned so the
 * published RTP including the streak bonus (`slotRtp(...).rtp`) is 96.00% (base game 93.53%,
 * hit rate 40.05%). Every paying combination returns more than the bet.
 */
export const DEFAULT_SLOT_CONFIG: TSlotConfig = {
  symbols: [
    { id: 'cherry', name: 'Cherry', weights: [13, 13, 13] },
    { id: 'lemon', name: 'Lemon', weights: [12, 12, 12] },
    { id: 'orange', name: 'Orange', weights: [10, 10, 10] },
    { id: 'plum', name: 'Plum', weights: [9, 9, 9] },
    { id: 'grape', name: 'Grape', weights: [8, 8, 8] },
    { id: 'bell', name: 'Bell', weights: [6, 6, 6] },
    { id: 'bar', name: 'Bar', weights: [4, 4, 4] },
    { id: 'seven', name: 'Seven', weights: [2, 2, 2] },
  ],
  paytable: {
    triple: { cherry: 6, lemon: 8, orange: 10, plum: 12, grape: 15, bell: 25, bar: 48, seven: 100 },
    pair: { cherry: 1.5, lemon: 1.5, orange: 1.8, plum: 1.8, grape: 2.2, bell: 2.5, bar: 4, seven: 8 },
  },
  maxWinMultiplier: 500,
  minBet: 10,
  maxBet: 10_000,
  streakBonus: { percentPerWin: 4, maxPercent: 20 },
};
