/** Output schemas of the progression procedures (economy.* and admin.*): complete, so screens need no second call. */
import {
  ZBattlepassTrack,
  ZEventType,
  ZLevelReward,
  ZMissionPeriod,
  ZProgress,
  ZRank,
  ZRequirementKey,
  ZRewardItem,
  ZStreakAction,
} from '@casino/shared';
import { z } from 'zod';
import { page } from './outputs';

const ZInt = z.number().int();
const ZBalance = z.object({ gold: ZInt, gems: ZInt });
/** Stored rewards as they are (the input refinement does not apply to what was saved). */
const ZRewardsOut = z.object({ gold: ZInt.optional(), gems: ZInt.optional(), exp: ZInt.optional() });
const ZRequirementsOut = z.partialRecord(ZRequirementKey, ZInt);

export const ZRewardRow = z.object({
  id: ZInt,
  source: z.string(),
  description: z.string().nullable(),
  gold: ZInt,
  gems: ZInt,
  xp: ZInt,
  battlepassXp: ZInt,
  vipPoints: ZInt,
  items: z.array(ZRewardItem),
  createdAt: z.date(),
});
export const ZRewardPage = page(ZRewardRow);

const ZStreakReward = z.object({ gold: ZInt, xp: ZInt });
export const ZStreakStatus = z.object({
  action: ZStreakAction,
  count: ZInt,
  lastTickAt: z.date().nullable(),
  lastTickDay: z.string().nullable(),
  tickedToday: z.boolean(),
  claimedToday: z.boolean(),
  protections: ZInt,
  todayStreak: ZInt,
  broken: z.boolean(),
  today: ZStreakReward,
  tomorrow: ZStreakReward,
  day: z.string(),
  nextDayAt: z.date(),
});
export const ZStreakTick = z.object({
  action: ZStreakAction,
  day: z.string(),
  count: ZInt,
  ticked: z.boolean(),
  missedDays: ZInt,
  protectionsUsed: ZInt,
});
export const ZStreakClaim = z.object({
  gold: ZInt,
  xp: ZInt,
  streak: ZInt,
  idempotent: z.boolean(),
  claimId: ZInt,
  balance: ZBalance,
});
export const ZStreakHistory = z.object({
  action: ZStreakAction,
  today: z.string(),
  week: z.array(
    z.object({
      day: z.string(),
      isToday: z.boolean(),
      ticked: z.boolean(),
      claimed: z.boolean(),
      count: ZInt.nullable(),
      protectionsUsed: ZInt,
    }),
  ),
  month: z.string(),
  monthCount: ZInt,
});

export const ZVipStatus = z.object({
  claimedToday: z.boolean(),
  vipPoints: ZInt,
  lastClaimAt: z.date().nullable(),
  rank: ZRank,
  points: ZInt,
  nextClaimAt: z.date(),
});
export const ZVipClaim = z.object({ points: ZInt, vipPoints: ZInt, idempotent: z.boolean(), nextClaimAt: z.date() });

export const ZBonusStatus = z.object({
  available: z.boolean(),
  nextAt: z.date().nullable(),
  amount: ZInt,
  floor: ZInt,
  periodMs: ZInt,
  gold: ZInt,
  lastClaimAt: z.date().nullable(),
  blockedBy: z.enum(['cooldown', 'above_floor']).nullable(),
  serverNow: z.date(),
});
export const ZBonusClaim = z.object({ gold: ZInt, balance: ZInt, idempotent: z.boolean(), nextAt: z.date() });

export const ZPlayerEvent = z.object({
  id: ZInt,
  title: z.string(),
  description: z.string(),
  type: ZEventType,
  startsAt: z.date(),
  endsAt: z.date(),
  requirements: ZRequirementsOut,
  rewards: ZRewardsOut,
  priority: ZInt,
  participationCount: ZInt,
  joined: z.boolean(),
  progress: ZProgress,
  completed: z.boolean(),
  claimed: z.boolean(),
  joinedAt: z.date().nullable(),
  completedAt: z.date().nullable(),
  claimedAt: z.date().nullable(),
  status: z.enum(['upcoming', 'running', 'ended']),
});
export const ZEventClaim = z.object({
  eventId: ZInt,
  gold: ZInt,
  gems: ZInt,
  exp: ZInt,
  idempotent: z.boolean(),
  rewardId: ZInt,
  balance: ZBalance,
});
export const ZPublicEvent = z.object({
  id: ZInt,
  title: z.string(),
  type: ZEventType,
  startsAt: z.date(),
  endsAt: z.date(),
  rewards: z.object({ gold: ZInt, gems: ZInt, exp: ZInt }),
  participationCount: ZInt,
});

export const ZPlayerMission = z.object({
  id: ZInt,
  title: z.string(),
  description: z.string(),
  period: ZMissionPeriod,
  requirements: ZRequirementsOut,
  rewards: ZRewardsOut,
  progress: ZProgress,
  completed: z.boolean(),
  claimed: z.boolean(),
  completedAt: z.date().nullable(),
  claimedAt: z.date().nullable(),
  periodKey: z.string(),
  resetsAt: z.date().nullable(),
});
export const ZMissionClaim = ZEventClaim.omit({ eventId: true }).extend({ missionId: ZInt, periodKey: z.string() });

const ZLevelRewardOut = ZLevelReward.nullable();
export const ZBattlepassStatus = z.object({
  season: z.object({ id: ZInt, name: z.string(), startsAt: z.date(), endsAt: z.date(), maxLevel: ZInt, xpPerLevel: ZInt }).nullable(),
  xp: ZInt,
  level: ZInt,
  xpIntoLevel: ZInt,
  xpForNextLevel: ZInt.nullable(),
  premium: z.boolean(),
  levels: z.array(
    z.object({
      level: ZInt,
      reached: z.boolean(),
      free: ZLevelRewardOut,
      premium: ZLevelRewardOut,
      freeClaimed: z.boolean(),
      premiumClaimed: z.boolean(),
    }),
  ),
});
export const ZBattlepassClaim = z.object({
  seasonId: ZInt,
  level: ZInt,
  track: ZBattlepassTrack,
  reward: z.object({ gold: ZInt, gems: ZInt, exp: ZInt, items: z.array(ZRewardItem) }),
  idempotent: z.boolean(),
  balance: ZBalance,
});
export const ZPremiumUnlock = z.object({ seasonId: ZInt, premium: z.literal(true), idempotent: z.boolean() });

// Admin views.
export const ZAdminEvent = z.object({
  id: ZInt,
  title: z.string(),
  description: z.string(),
  type: ZEventType,
  startsAt: z.date(),
  endsAt: z.date(),
  requirements: ZRequirementsOut,
  rewards: ZRewardsOut,
  priority: ZInt,
  isActive: z.boolean(),
  publishedAt: z.date().nullable(),
  seedKey: z.string().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
  participationCount: ZInt,
  completedCount: ZInt,
  claimedCount: ZInt,
});
export const ZParticipationPage = z.object({
  items: z.array(
    z.object({
      userId: ZInt,
      nickname: z.string(),
      progress: z.record(z.string(), ZInt),
      joinedAt: z.date(),
      completedAt: z.date().nullable(),
      claimedAt: z.date().nullable(),
      rewardId: ZInt.nullable(),
    }),
  ),
  nextCursor: ZInt.nullable(),
});
export const ZAdminMission = z.object({
  id: ZInt,
  title: z.string(),
  description: z.string(),
  period: ZMissionPeriod,
  requirements: ZRequirementsOut,
  rewards: ZRewardsOut,
  isActive: z.boolean(),
  sortOrder: ZInt,
  createdAt: z.date(),
  updatedAt: z.date(),
  completedThisPeriod: ZInt,
  claimedThisPeriod: ZInt,
});
export const ZAdminSeason = z.object({
  id: ZInt,
  name: z.string(),
  startsAt: z.date(),
  endsAt: z.date(),
  maxLevel: ZInt,
  xpPerLevel: ZInt,
  levels: z.array(z.object({ level: ZInt, free: ZLevelRewardOut, premium: ZLevelRewardOut })),
  isActive: z.boolean(),
  createdAt: z.date(),
  updatedAt: z.date(),
  players: ZInt,
  premiumPlayers: ZInt,
});
export const ZBulkAnswer = z.object({
  success: z.boolean(),
  results: z.array(
    z.object({
      index: ZInt,
      userId: ZInt,
      /** pending: the batch waits for a second admin's approval (`approval`). */
      status: z.enum(['ok', 'error', 'pending']),
      error: z.string().optional(),
      message: z.string().optional(),
      nickname: z.string().optional(),
    }),
  ),
  idempotent: z.boolean(),
  dryRun: z.boolean(),
  approval: z.object({ id: ZInt, status: z.enum(['pending', 'approved', 'rejected']) }).nullable(),
});
export const ZCreated = z.object({ id: ZInt });
