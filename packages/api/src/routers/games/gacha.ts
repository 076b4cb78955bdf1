import { pullsToGuarantee, ZCurrency } from '@casino/shared';
import { z } from 'zod';
import { activeGameConfig } from '../../services/game-config/cache';
import { gachaHistory, gachaPublicConfig, inventory, pityOf, pull } from '../../services/games/gacha';
import { ZPageCursor } from '../../services/shared/page';
import { protectedProcedure, publicProcedure, router } from '../../trpc';
import { ZGachaHistory, ZGachaInventory, ZGachaPublicConfig, ZGachaPull } from './outputs';

export const gachaRouter = router({
  config: publicProcedure
    .input(z.object({ version: z.number().int().min(1).max(2_147_483_647).optional() }).optional())
    .output(ZGachaPublicConfig)
    .query(({ ctx, input }) => gachaPublicConfig(ctx.deps, input?.version)),
  pull: protectedProcedure
    .input(z.object({ count: z.union([z.literal(1), z.literal(10)]), currency: ZCurrency.default('gold') }))
    .output(ZGachaPull)
    .mutation(({ ctx, input }) => pull(ctx.deps, ctx.user.id, input.count, input.currency)),
  /** `guaranteedWithin`: an Epic or better is certain within this many pulls (the next one counts as 1). */
  pity: protectedProcedure
    .output(z.object({ pityCounter: z.number().int(), threshold: z.number().int(), guaranteedWithin: z.number().int() }))
    .query(async ({ ctx }) => {
      const [pityCounter, active] = await Promise.all([pityOf(ctx.deps.db, ctx.user.id), activeGameConfig(ctx.deps)]);
      const { threshold } = active.config.gacha.pity;
      return { pityCounter, threshold, guaranteedWithin: pullsToGuarantee(threshold, pityCounter) };
    }),
  inventory: protectedProcedure.output(ZGachaInventory).query(({ ctx }) => inventory(ctx.deps.db, ctx.user.id)),
  history: protectedProcedure
    .input(z.object({ cursor: ZPageCursor.optional(), limit: z.number().int().min(1).max(100).default(20) }).default({ limit: 20 }))
    .output(ZGachaHistory)
    .query(({ ctx, input }) => gachaHistory(ctx.deps.db, ctx.user.id, input)),
});
