/**
 * Every live event the server pushes (economy.live, games.crash.onRound), as one zod
 * discriminated union on `type`, in its JSON form (dates are ISO strings). The server
 * validates each event as it writes it to the outbox; clients receive them typed.
 */
import { z } from 'zod';
import { ZGame } from './games/common';
import { ZCurrency } from './schemas';

const ZIso = z.string();

export const ZTokenUpdate = z.object({
  currency: ZCurrency,
  delta: z.number().int(),
  balance: z.number().int().nonnegative(),
  reason: z.string(),
  ledgerId: z.number().int(),
});

export const ZGameSessionEvent = z.object({
  event: z.enum(['start', 'end']),
  id: z.string(),
  gameType: ZGame,
  startedAt: ZIso,
  endedAt: ZIso.nullable(),
  active: z.boolean(),
  durationMs: z.number(),
  totalRounds: z.number().int(),
  totalBet: z.number().int(),
  totalWin: z.number().int(),
  netProfit: z.number().int(),
  roi: z.number(),
  averageRoundMs: z.number(),
});

export const ZAchievementEvent = z.object({ code: z.string(), title: z.string(), rewardGold: z.number().int().nonnegative() });

export const ZCrashEvent = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('start'), gameId: z.string(), bet: z.number().int(), autoCashout: z.number().nullable(), startedAt: ZIso }),
  z.object({
    kind: z.enum(['cashout', 'bust', 'expired']),
    gameId: z.string(),
    multiplier: z.number().nullable(),
    crashPoint: z.number(),
    payout: z.number().int(),
    balance: z.number().int(),
  }),
]);

/** A multiplier tick of games.crash.onRound: computed on the server clock while a round is in play, never stored. */
export const ZCrashTick = z.object({
  kind: z.literal('tick'),
  gameId: z.string(),
  multiplier: z.number(),
  elapsedMs: z.number(),
  serverNow: ZIso,
});

/** What games.crash.onRound yields: the user's `crash` live events and the ticks between them. */
export const ZCrashRoundEvent = z.discriminatedUnion('kind', [ZCrashTick, ZCrashEvent]);

/** `sessionIds` names the sessions that ended; absent = every session of the user. */
export const ZSessionRevoked = z.object({ reason: z.string(), sessionIds: z.array(z.string()).optional() });

export const ZRewardEvent = z.object({
  source: z.string(),
  /** The economy.rewards.history row. */
  rewardId: z.number().int().optional(),
  description: z.string().nullish(),
  gold: z.number().int().optional(),
  gems: z.number().int().optional(),
  xp: z.number().int().optional(),
  battlepassXp: z.number().int().optional(),
  vipPoints: z.number().int().optional(),
  items: z.array(z.string()).optional(),
});
export const ZLevelUp = z.object({
  level: z.number().int(),
  previousLevel: z.number().int(),
  experience: z.number().int().nonnegative().optional(),
  maxExperience: z.number().int().positive().optional(),
});
/** A battle-pass level reached, or premium unlocked, in the season `seasonId`. */
export const ZBattlepassEvent = z.object({
  kind: z.enum(['level', 'premium']),
  seasonId: z.number().int(),
  level: z.number().int().nonnegative(),
  previousLevel: z.number().int().nonnegative().optional(),
  premium: z.boolean(),
});
/** An event or mission the server's progress just completed (claimable now). */
export const ZProgressEvent = z.object({
  kind: z.enum(['event', 'mission']),
  id: z.number().int(),
  title: z.string(),
  completed: z.boolean(),
});
export const ZNotificationEvent = z.object({
  id: z.string(),
  title: z.string(),
  body: z.string(),
  data: z.record(z.string(), z.unknown()).nullish(),
});

export const ZLiveEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('token_update'), data: ZTokenUpdate }),
  z.object({ type: z.literal('game_session'), data: ZGameSessionEvent }),
  z.object({ type: z.literal('achievement'), data: ZAchievementEvent }),
  z.object({ type: z.literal('crash'), data: ZCrashEvent }),
  z.object({ type: z.literal('session_revoked'), data: ZSessionRevoked }),
  z.object({ type: z.literal('reward'), data: ZRewardEvent }),
  z.object({ type: z.literal('level_up'), data: ZLevelUp }),
  z.object({ type: z.literal('battlepass'), data: ZBattlepassEvent }),
  z.object({ type: z.literal('progress'), data: ZProgressEvent }),
  z.object({ type: z.literal('notification'), data: ZNotificationEvent }),
  z.object({ type: z.literal('ADMIN_NOTIFICATION'), data: ZNotificationEvent }),
  z.object({ type: z.literal('ADMIN_BROADCAST'), data: ZNotificationEvent }),
]);

/** Live event types, for the `topics` filter of economy.live. */
export const LIVE_EVENT_TYPES = ZLiveEvent.options.map((o) => o.shape.type.value);
export const ZLiveEventType = z.enum(LIVE_EVENT_TYPES as [TLiveEventType, ...TLiveEventType[]]);

/**
 * The admin feed (admin.stats.onStats): alerts and notable transactions, found by the feed
 * scanner in the database and appended once each (by `id`) to one Redis stream for every admin.
 */
export const ZAdminAlert = z.object({
  /** `<source>:<key>`: the same problem is announced once (a day). */
  id: z.string(),
  source: z.string(),
  severity: z.enum(['critical', 'warning']),
  title: z.string(),
  detail: z.string(),
  /** What it is about, for a link in the admin SPA (e.g. `{ type: 'webhook_event', id }`). */
  ref: z.object({ type: z.string(), id: z.string() }).nullable(),
});
export const ZAdminTransaction = z.object({
  kind: z.enum(['purchase', 'big_win']),
  /** The purchase or round id. */
  id: z.string(),
  userId: z.number().int(),
  nickname: z.string(),
  /** Cents for a cash purchase, else gold or gems. */
  amount: z.number().int(),
  currency: z.enum(['gold', 'gems', 'cash']),
  game: z.string().nullable(),
  sku: z.string().nullable(),
  multiplier: z.number().nullable(),
  occurredAt: ZIso,
});
export const ZAdminFeedEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('alert'), data: ZAdminAlert }),
  z.object({ type: z.literal('transaction'), data: ZAdminTransaction }),
]);
export type TAdminAlert = z.infer<typeof ZAdminAlert>;
export type TAdminTransaction = z.infer<typeof ZAdminTransaction>;
export type TAdminFeedEvent = z.infer<typeof ZAdminFeedEvent>;

export type TLiveEvent = z.infer<typeof ZLiveEvent>;
export type TLiveEventType = TLiveEvent['type'];
/** A delivered event: the union plus its time (the SSE id carries the resume point). */
export type TLiveEnvelope = TLiveEvent & { at: string };
export type TCrashEvent = z.infer<typeof ZCrashEvent>;
export type TCrashTick = z.infer<typeof ZCrashTick>;
export type TCrashRoundEvent = z.infer<typeof ZCrashRoundEvent>;
