import { ZUserId } from '@casino/shared';
import { z } from 'zod';
import { writeAudit } from '../../services/audit/audit';
import { gachaPublicConfig } from '../../services/games/gacha';
import { recalculateStats } from '../../services/games/recalculate';
import { rpsPublicConfig } from '../../services/games/rps';
import { slotPublicConfig } from '../../services/games/slot';
import { adminProcedure, router } from '../../trpc';

export const adminGamesRouter = router({
  /** Read-only view of every game's configuration and its return to player. */
  config: adminProcedure.query(({ ctx }) => ({
    slot: slotPublicConfig(ctx.deps),
    gacha: gachaPublicConfig(ctx.deps),
    rps: rpsPublicConfig(ctx.deps),
    crash: { ...ctx.deps.config.games.crash, rtp: 1 - ctx.deps.config.games.crash.houseEdgePercent / 100 },
    bigWinThresholdGold: ctx.deps.config.games.bigWinThresholdGold,
  })),

  /** Rebuilds user_game_stats from the round records; `mismatched` = rows that differed (0 when healthy). */
  recalculateStats: adminProcedure
    .input(z.object({ userId: ZUserId.optional() }).optional())
    .output(z.object({ rows: z.number(), mismatched: z.number() }))
    .mutation(async ({ ctx, input }) => {
      const res = await recalculateStats(ctx.deps.db, input?.userId);
      await writeAudit(ctx.deps.db, {
        adminId: ctx.user.id,
        action: 'games.recalculate_stats',
        targetType: 'stats',
        targetId: input?.userId ?? null,
        after: res,
        ip: ctx.meta.ip,
      });
      return res;
    }),
});
