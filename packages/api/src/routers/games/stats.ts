import { ZGame, ZUserId } from '@casino/shared';
import { z } from 'zod';
import { listAchievements } from '../../services/games/achievements';
import { leaderboard, statsOf } from '../../services/games/stats';
import { protectedProcedure, router } from '../../trpc';
import { ZAchievements, ZGameStats, ZLeaderboard } from './outputs';

export const statsProcedures = {
  stats: router({
    mine: protectedProcedure.output(ZGameStats).query(({ ctx }) => statsOf(ctx.deps.db, ctx.user.id)),
    /** Another player's game stats: public by design (no balances). */
    user: protectedProcedure
      .input(z.object({ userId: ZUserId }))
      .output(ZGameStats)
      .query(({ ctx, input }) => statsOf(ctx.deps.db, input.userId)),
  }),
  leaderboard: protectedProcedure
    .input(
      z.object({
        game: z.union([ZGame, z.literal('all')]).default('all'),
        period: z.enum(['day', 'week', 'month', 'all']).default('week'),
        metric: z.enum(['profit', 'wins', 'wagered', 'multiplier']).default('profit'),
        limit: z.number().int().min(1).max(100).default(20),
      }),
    )
    .output(ZLeaderboard)
    .query(({ ctx, input }) => leaderboard(ctx.deps.db, { ...input, now: ctx.deps.clock.now() })),
  achievements: protectedProcedure.output(ZAchievements).query(({ ctx }) => listAchievements(ctx.deps.db, ctx.user.id)),
};
