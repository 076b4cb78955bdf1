import { ZUserId } from '@casino/shared';
import { z } from 'zod';
import { crashPublicConfig } from '../../services/games/crash';
import { gachaPublicConfig } from '../../services/games/gacha';
import { recalculateStatsAudited } from '../../services/games/recalculate';
import { rpsPublicConfig } from '../../services/games/rps';
import { slotPublicConfig } from '../../services/games/slot';
import { adminProcedure, router, staffProcedure } from '../../trpc';
import { ZCrashPublicConfig, ZGachaPublicConfig, ZRpsPublicConfig, ZSlotPublicConfig } from '../games/outputs';

export const adminGamesRouter = router({
  /** Read-only view of every game's configuration and its return to player. */
  config: staffProcedure
    .output(
      z.object({
        slot: ZSlotPublicConfig,
        gacha: ZGachaPublicConfig,
        rps: ZRpsPublicConfig,
        crash: ZCrashPublicConfig.extend({ tickMs: z.number().int() }),
        bigWinThresholdGold: z.number().int(),
      }),
    )
    .query(({ ctx }) => ({
      slot: slotPublicConfig(ctx.deps),
      gacha: gachaPublicConfig(ctx.deps),
      rps: rpsPublicConfig(ctx.deps),
      crash: { ...ctx.deps.config.games.crash, ...crashPublicConfig(ctx.deps) },
      bigWinThresholdGold: ctx.deps.config.games.bigWinThresholdGold,
    })),

  /** Rebuilds user_game_stats from the round records; `mismatched` = rows that differed (0 when healthy). */
  recalculateStats: adminProcedure
    .input(z.object({ userId: ZUserId.optional() }).optional())
    .output(z.object({ rows: z.number(), mismatched: z.number() }))
    .mutation(({ ctx, input }) => recalculateStatsAudited(ctx.deps.db, { id: ctx.user.id, ip: ctx.meta.ip }, input?.userId)),
});
