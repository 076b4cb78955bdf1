/**
 * The database half of the daily streak: one tick per user, action and UTC day (streak_ticks'
 * primary key), taken under the streak row's lock. The day after the last tick adds one; a
 * gap of missed days is covered by as many streak protections (items) if the player holds
 * them — the streak continues and the consumption is recorded on the tick — else it starts
 * over at 1. The claim pays SPEC §4's formula once per day through the rewards service.
 */
import { type Db, streaks, streakTicks, userItems } from '@casino/db';
import { daysBetween, STREAK_PROTECTION_ITEM, streakReward, type TStreakAction } from '@casino/shared';
import { and, eq, gte, sql } from 'drizzle-orm';
import type { Outbox } from '../../deps';
import { grantReward, type RewardCtx } from '../rewards/rewards';

export type TickKey = { userId: number; action: TStreakAction; day: string };

export type TickResult = {
  action: TStreakAction;
  day: string;
  /** The streak after this day's tick. */
  count: number;
  /** False when the day was already ticked (nothing changed). */
  ticked: boolean;
  missedDays: number;
  protectionsUsed: number;
};

export const streakClaimKey = (k: TickKey) => `streak:${k.userId}:${k.action}:${k.day}`;

export async function protectionsOf(db: Db, userId: number, lock = false): Promise<number> {
  const q = db
    .select({ quantity: userItems.quantity })
    .from(userItems)
    .where(and(eq(userItems.userId, userId), eq(userItems.itemId, STREAK_PROTECTION_ITEM)));
  const [row] = lock ? await q.for('update') : await q;
  return row?.quantity ?? 0;
}

export async function findTick(db: Db, k: TickKey) {
  const [row] = await db
    .select()
    .from(streakTicks)
    .where(and(eq(streakTicks.userId, k.userId), eq(streakTicks.action, k.action), eq(streakTicks.day, k.day)));
  return row ?? null;
}

/** Ticks `day` unless it is ticked already (or a later day is: a late repair never rewrites history). */
export async function tickInTx(tx: Db, k: TickKey & { at: Date }): Promise<TickResult> {
  await tx.insert(streaks).values({ userId: k.userId, action: k.action, count: 0, updatedAt: k.at }).onConflictDoNothing();
  const [s] = await tx
    .select()
    .from(streaks)
    .where(and(eq(streaks.userId, k.userId), eq(streaks.action, k.action)))
    .for('update');
  const base = { action: k.action, day: k.day, ticked: false, missedDays: 0, protectionsUsed: 0 };
  if (s?.lastTickDay && s.lastTickDay >= k.day) {
    const existing = await findTick(tx, k);
    return existing
      ? { ...base, count: existing.count, missedDays: existing.missedDays, protectionsUsed: existing.protectionsUsed }
      : { ...base, count: s.count };
  }
  const missed = s?.lastTickDay ? daysBetween(s.lastTickDay, k.day) - 1 : 0;
  let count = s?.lastTickDay ? s.count + 1 : 1;
  let used = 0;
  if (missed > 0) {
    const held = await protectionsOf(tx, k.userId, true);
    if (held >= missed) {
      await tx
        .update(userItems)
        .set({ quantity: sql`${userItems.quantity} - ${missed}` })
        .where(and(eq(userItems.userId, k.userId), eq(userItems.itemId, STREAK_PROTECTION_ITEM), gte(userItems.quantity, missed)));
      used = missed;
    } else {
      count = 1;
    }
  }
  await tx
    .insert(streakTicks)
    .values({ userId: k.userId, action: k.action, day: k.day, count, missedDays: missed, protectionsUsed: used, createdAt: k.at });
  await tx
    .update(streaks)
    .set({ count, lastTickDay: k.day, lastTickAt: k.at, updatedAt: k.at })
    .where(and(eq(streaks.userId, k.userId), eq(streaks.action, k.action)));
  return { ...base, count, ticked: true, missedDays: missed, protectionsUsed: used };
}

export type ClaimResult = {
  gold: number;
  xp: number;
  streak: number;
  idempotent: boolean;
  claimId: number;
  balance: { gold: number; gems: number };
};

/** Ticks the day if needed, then pays its reward once (key `streak:{userId}:{action}:{day}`). */
export async function claimInTx(tx: Db, outbox: Outbox, ctx: RewardCtx, k: TickKey): Promise<ClaimResult & { tick: TickResult }> {
  const tick = await tickInTx(tx, { ...k, at: ctx.at });
  const { gold, xp } = streakReward(tick.count);
  const g = await grantReward(tx, outbox, ctx, {
    userId: k.userId,
    idempotencyKey: streakClaimKey(k),
    source: 'streak_claim',
    description: `Day ${tick.count} of your ${k.action} streak`,
    gold,
    xp,
    refType: 'streak',
    refId: `${k.action}:${k.day}`,
  });
  if (!g.idempotent) {
    await tx
      .update(streakTicks)
      .set({ rewardId: g.rewardId, claimedAt: ctx.at })
      .where(and(eq(streakTicks.userId, k.userId), eq(streakTicks.action, k.action), eq(streakTicks.day, k.day)));
  }
  return { gold: g.gold, xp: g.xp, streak: tick.count, idempotent: g.idempotent, claimId: g.rewardId, balance: g.balance, tick };
}
