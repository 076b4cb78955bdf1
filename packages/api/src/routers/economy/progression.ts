/** economy.rewards / streak / vip / bonus: the player's own rewards and daily claims. */
import { ZLimit, ZStreakAction, ZText } from '@casino/shared';
import { z } from 'zod';
import { bonusStatus, claimBonus, claimVip, vipStatus } from '../../services/progression/daily';
import { claimStreak, streakHistory, streakStatus, tickStreak } from '../../services/progression/streak';
import { rewardHistory } from '../../services/rewards/history';
import { protectedProcedure, router } from '../../trpc';
import {
  ZBonusClaim,
  ZBonusStatus,
  ZRewardPage,
  ZStreakClaim,
  ZStreakHistory,
  ZStreakStatus,
  ZStreakTick,
  ZVipClaim,
  ZVipStatus,
} from '../shared/progression-outputs';

const ZActionInput = z.object({ action: ZStreakAction.default('DAILY_LOGIN') }).default({ action: 'DAILY_LOGIN' });

export const rewardsRouter = router({
  history: protectedProcedure
    .input(
      z
        .object({
          cursor: z.number().int().positive().optional(),
          limit: ZLimit,
          source: ZText.max(64).optional(),
        })
        .default({ limit: 20 }),
    )
    .output(ZRewardPage)
    .query(({ ctx, input }) => rewardHistory(ctx.deps.db, ctx.user.id, input)),
});

export const streakRouter = router({
  status: protectedProcedure
    .input(ZActionInput)
    .output(ZStreakStatus)
    .query(({ ctx, input }) => streakStatus(ctx.deps, ctx.user.id, input.action)),
  tick: protectedProcedure
    .input(ZActionInput)
    .output(ZStreakTick)
    .mutation(({ ctx, input }) => tickStreak(ctx.deps, ctx.user.id, input.action)),
  claim: protectedProcedure
    .input(ZActionInput)
    .output(ZStreakClaim)
    .mutation(({ ctx, input }) => claimStreak(ctx.deps, ctx.user.id, input.action)),
  history: protectedProcedure
    .input(ZActionInput)
    .output(ZStreakHistory)
    .query(({ ctx, input }) => streakHistory(ctx.deps, ctx.user.id, input.action)),
});

export const vipRouter = router({
  status: protectedProcedure.output(ZVipStatus).query(({ ctx }) => vipStatus(ctx.deps, ctx.user.id, ctx.user.rank)),
  claim: protectedProcedure.output(ZVipClaim).mutation(({ ctx }) => claimVip(ctx.deps, ctx.user.id, ctx.user.rank)),
});

export const bonusRouter = router({
  status: protectedProcedure.output(ZBonusStatus).query(({ ctx }) => bonusStatus(ctx.deps, ctx.user.id)),
  claim: protectedProcedure.output(ZBonusClaim).mutation(({ ctx }) => claimBonus(ctx.deps, ctx.user.id)),
});
