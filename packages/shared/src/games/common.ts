/**
 * The game list and the schemas every game procedure shares. GAMES feeds the pg enum
 * (packages/db schema/games.ts), the zod enums, the live events and the SPAs' menus.
 */
import { z } from 'zod';

export const GAMES = ['slot', 'gacha', 'rps', 'crash'] as const;
export type TGame = (typeof GAMES)[number];
export const ZGame = z.enum(GAMES);

/** A stake in gold: a whole number of at least one. */
export const ZBet = z.number().int().positive().max(1_000_000_000);

/** What a round answers so the player can verify it once the server seed is revealed. */
export const ZFairnessRef = z.object({ serverSeedHash: z.string(), clientSeed: z.string(), nonce: z.number() });
export type TFairnessRef = z.infer<typeof ZFairnessRef>;
