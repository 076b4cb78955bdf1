/**
 * Progression (SPEC §4): requirement keys advanced by gameplay, reward shapes, the daily
 * streak's reward formula, levels, UTC periods. Pure and browser-safe: the server decides,
 * the SPAs use the same functions to draw bars and previews.
 */
import { z } from 'zod';
import { maxExperienceFor } from './constants';
import { ZText } from './schemas';

/** CONTRACT "Progression": what a round advances. model_index_points = 1 per 10 gold wagered in a round. */
export const REQUIREMENT_KEYS = [
  'slot_spins',
  'gacha_pulls',
  'rps_plays',
  'crash_bets',
  'wins',
  'gold_wagered',
  'model_index_points',
] as const;
export type TRequirementKey = (typeof REQUIREMENT_KEYS)[number];
export const ZRequirementKey = z.enum(REQUIREMENT_KEYS);
export type TProgress = Partial<Record<TRequirementKey, number>>;

const ZTarget = z.number().int().positive().max(1_000_000_000);
/** At least one known key, each a positive whole target. */
export const ZRequirements = z
  .partialRecord(ZRequirementKey, ZTarget)
  .refine((r) => Object.keys(r).length > 0, 'requirements: name at least one goal');
export type TRequirements = z.infer<typeof ZRequirements>;
/** Progress as answered: the same keys, each capped at its target. */
export const ZProgress = z.partialRecord(ZRequirementKey, z.number().int().nonnegative());

const ZRewardAmount = z.number().int().min(0).max(100_000_000);
/** Event and mission rewards (CONTRACT: `{ gold?, gems?, exp? }`), at least one positive. */
export const ZEventRewards = z
  .object({ gold: ZRewardAmount.optional(), gems: ZRewardAmount.optional(), exp: ZRewardAmount.optional() })
  .refine((r) => (r.gold ?? 0) + (r.gems ?? 0) + (r.exp ?? 0) > 0, 'rewards: give at least one of gold, gems or exp');
export type TEventRewards = z.infer<typeof ZEventRewards>;

export const EVENT_TYPES = ['daily', 'weekly', 'special'] as const;
export type TEventType = (typeof EVENT_TYPES)[number];
export const ZEventType = z.enum(EVENT_TYPES);

export const MISSION_PERIODS = ['daily', 'weekly', 'once'] as const;
export type TMissionPeriod = (typeof MISSION_PERIODS)[number];
export const ZMissionPeriod = z.enum(MISSION_PERIODS);

/** Streak actions are a fixed list: each one pays a daily reward, so players cannot invent more. */
export const STREAK_ACTIONS = ['DAILY_LOGIN'] as const;
export type TStreakAction = (typeof STREAK_ACTIONS)[number];
export const ZStreakAction = z.enum(STREAK_ACTIONS);

export const BATTLEPASS_TRACKS = ['free', 'premium'] as const;
export type TBattlepassTrack = (typeof BATTLEPASS_TRACKS)[number];
export const ZBattlepassTrack = z.enum(BATTLEPASS_TRACKS);

/** Items that are not gacha prizes. A streak protection covers one missed day of a streak. */
export const STREAK_PROTECTION_ITEM = 'streak_protection';
export const SPECIAL_ITEMS: Record<string, { name: string; rarity: string }> = {
  [STREAK_PROTECTION_ITEM]: { name: 'Streak protection', rarity: 'special' },
};

export const ZItemId = ZText.min(1)
  .max(64)
  .regex(/^[a-z0-9_]+$/, 'itemId: lower-case letters, digits and _');
export const ZRewardItem = z.object({ itemId: ZItemId, quantity: z.number().int().min(1).max(10_000) });
export type TRewardItem = z.infer<typeof ZRewardItem>;

/** What one battle-pass level grants on one track. */
export const ZLevelReward = z
  .object({
    gold: ZRewardAmount.optional(),
    gems: ZRewardAmount.optional(),
    exp: ZRewardAmount.optional(),
    items: z.array(ZRewardItem).max(10).optional(),
  })
  .refine(
    (r) => (r.gold ?? 0) + (r.gems ?? 0) + (r.exp ?? 0) > 0 || (r.items?.length ?? 0) > 0,
    'a level reward gives gold, gems, exp or items',
  );
export type TLevelReward = z.infer<typeof ZLevelReward>;

export const ZBattlepassLevel = z.object({
  level: z.number().int().min(1).max(1000),
  free: ZLevelReward.nullable().default(null),
  premium: ZLevelReward.nullable().default(null),
});
export type TBattlepassLevel = z.infer<typeof ZBattlepassLevel>;

/** SPEC §4: gold = round(1000 + 800·(1 − e^(−streak/6))), xp = round(50 + 40·(1 − e^(−streak/8))). */
export function streakReward(streak: number): { gold: number; xp: number } {
  return {
    gold: Math.round(1000 + 800 * (1 - Math.exp(-streak / 6))),
    xp: Math.round(50 + 40 * (1 - Math.exp(-streak / 8))),
  };
}

/**
 * Adds XP: a level is reached when experience reaches maxExperience(level); the surplus
 * carries over, as many levels as it covers.
 */
export function addExperience(level: number, experience: number, xp: number): { level: number; experience: number } {
  let l = level;
  let e = experience + Math.max(0, xp);
  for (let need = maxExperienceFor(l); e >= need; need = maxExperienceFor(l)) {
    e -= need;
    l += 1;
  }
  return { level: l, experience: e };
}

const DAY_MS = 86_400_000;

/** The UTC day of an instant, `YYYY-MM-DD`. */
export const utcDay = (at: Date): string => at.toISOString().slice(0, 10);

/** Whole days from `from` to `to` (both `YYYY-MM-DD`). */
export const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

export const addDays = (day: string, n: number): string => utcDay(new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS));

/** The next UTC midnight after `at`. */
export const nextUtcMidnight = (at: Date): Date => new Date(Date.parse(`${utcDay(at)}T00:00:00Z`) + DAY_MS);

/** Monday of the ISO week of `at` (UTC), `YYYY-MM-DD`. */
export function weekStart(at: Date): string {
  const day = utcDay(at);
  const dow = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday = 0
  return addDays(day, -dow);
}

/** The ISO week of `at` (UTC), `YYYY-Www`: the period key of weekly missions. */
export function isoWeek(at: Date): string {
  const thursday = new Date(Date.parse(`${weekStart(at)}T00:00:00Z`) + 3 * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY_MS)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The period key of a mission at `at`, and when that period ends. */
export function missionPeriod(period: TMissionPeriod, at: Date): { key: string; resetsAt: Date | null } {
  if (period === 'daily') return { key: utcDay(at), resetsAt: nextUtcMidnight(at) };
  if (period === 'weekly') return { key: isoWeek(at), resetsAt: new Date(Date.parse(`${addDays(weekStart(at), 7)}T00:00:00Z`)) };
  return { key: 'once', resetsAt: null };
}

/** Every requirement reached. */
export function isComplete(requirements: TRequirements, progress: TProgress): boolean {
  return Object.entries(requirements).every(([k, target]) => (progress[k as TRequirementKey] ?? 0) >= (target ?? 0));
}

/** How the screens name each requirement key (player pages, admin editors). */
export const REQUIREMENT_LABELS: Record<TRequirementKey, string> = {
  slot_spins: 'Slot spins',
  gacha_pulls: 'Gacha pulls',
  rps_plays: 'Rock-paper-scissors games',
  crash_bets: 'Crash rounds',
  wins: 'Wins (any game)',
  gold_wagered: 'Gold wagered',
  model_index_points: 'Model Index points (1 per 10 gold wagered)',
};
