/**
 * Daily streak (SPEC §4), per action, one tick per UTC day of the injected clock. Guarded
 * twice: a Redis NX lock `user:{id}:streak_daily_lock:{action}:{YYYY-MM-DD}` turns same-day
 * repeats away before the database, and the database's keys (streak_ticks, rewards) decide.
 * A lock taken is also listed in `streak:pending` until its transaction committed, so the
 * repair routine (streak-repair.ts) finds locks whose day never got its tick.
 */
import { type Db, rewards, streaks, streakTicks } from '@casino/db';
import { addDays, daysBetween, nextUtcMidnight, streakReward, type TStreakAction, utcDay, weekStart } from '@casino/shared';
import { and, between, count, eq } from 'drizzle-orm';
import { type Deps, inTransaction } from '../../deps';
import { getBalance } from '../wallet/queries';
import {
  type ClaimResult,
  claimInTx,
  findTick,
  protectionsOf,
  streakClaimKey,
  type TickKey,
  type TickResult,
  tickInTx,
} from './streak-tick';

export const streakLockKey = (k: TickKey) => `user:${k.userId}:streak_daily_lock:${k.action}:${k.day}`;
export const STREAK_PENDING = 'streak:pending';
export const pendingMember = (k: TickKey) => `${k.userId}:${k.action}:${k.day}`;

type Lock = 'taken' | 'held' | 'unavailable';
export type LockValue = { at: string; claim: boolean };

/** NX lock for the day; Redis down → 'unavailable' (the database alone still decides). */
async function takeLock(deps: Deps, k: TickKey, now: Date, claim: boolean): Promise<Lock> {
  try {
    // Kept through the next day, so the repair routine can still read it after midnight.
    const ttlMs = nextUtcMidnight(now).getTime() - now.getTime() + 86_400_000;
    const value: LockValue = { at: now.toISOString(), claim };
    if (!(await deps.kv.set(streakLockKey(k), JSON.stringify(value), { nx: true, ttlMs }))) return 'held';
    await deps.kv.zadd(STREAK_PENDING, now.getTime(), pendingMember(k));
    return 'taken';
  } catch (err) {
    deps.logger.warn({ err, userId: k.userId }, 'streak lock unavailable; the database decides alone');
    return 'unavailable';
  }
}

/** Runs the day's transaction under a lock this call took: settled when it commits, released when it fails. */
async function underLock<T>(deps: Deps, lock: Lock, k: TickKey, fn: () => Promise<T>): Promise<T> {
  let ok = false;
  try {
    const res = await fn();
    ok = true;
    return res;
  } finally {
    if (lock === 'taken') {
      const cleanup = ok
        ? deps.kv.zrem(STREAK_PENDING, pendingMember(k))
        : deps.kv.del(streakLockKey(k)).then(() => deps.kv.zrem(STREAK_PENDING, pendingMember(k)));
      await cleanup.catch((err: unknown) => deps.logger.warn({ err }, 'streak lock cleanup failed; the repair routine will'));
    }
  }
}

export async function tickStreak(deps: Deps, userId: number, action: TStreakAction): Promise<TickResult> {
  const now = deps.clock.now();
  const k = { userId, action, day: utcDay(now) };
  const lock = await takeLock(deps, k, now, false);
  if (lock === 'held') {
    const done = await findTick(deps.db, k);
    if (done)
      return { action, day: k.day, count: done.count, ticked: false, missedDays: done.missedDays, protectionsUsed: done.protectionsUsed };
  }
  // Held but not in the database: the holder is still committing (the row lock waits for it) or died (this repairs it).
  return underLock(deps, lock, k, () => inTransaction(deps, (tx) => tickInTx(tx, { ...k, at: now })));
}

export async function claimStreak(deps: Deps, userId: number, action: TStreakAction): Promise<ClaimResult> {
  const now = deps.clock.now();
  const k = { userId, action, day: utcDay(now) };
  const lock = await takeLock(deps, k, now, true);
  if (lock === 'held') {
    const prior = await priorClaim(deps.db, k);
    if (prior) return prior;
  }
  const res = await underLock(deps, lock, k, () =>
    inTransaction(deps, (tx, outbox) => claimInTx(tx, outbox, { config: deps.config, at: now }, k)),
  );
  const { tick: _tick, ...claim } = res;
  return claim;
}

/** The day's claim as recorded, answered without a transaction (`idempotent: true`). */
async function priorClaim(db: Db, k: TickKey): Promise<ClaimResult | null> {
  const [row] = await db
    .select({ id: rewards.id, gold: rewards.gold, xp: rewards.xp, streak: streakTicks.count })
    .from(rewards)
    .innerJoin(streakTicks, and(eq(streakTicks.userId, rewards.userId), eq(streakTicks.action, k.action), eq(streakTicks.day, k.day)))
    .where(and(eq(rewards.userId, k.userId), eq(rewards.idempotencyKey, streakClaimKey(k))));
  if (!row) return null;
  const { gold, gems } = await getBalance(db, k.userId);
  return { gold: row.gold, xp: row.xp, streak: row.streak, idempotent: true, claimId: row.id, balance: { gold, gems } };
}

export async function streakStatus(deps: Pick<Deps, 'db' | 'clock'>, userId: number, action: TStreakAction) {
  const now = deps.clock.now();
  const day = utcDay(now);
  const [[s], today, protections] = await Promise.all([
    deps.db
      .select()
      .from(streaks)
      .where(and(eq(streaks.userId, userId), eq(streaks.action, action))),
    findTick(deps.db, { userId, action, day }),
    protectionsOf(deps.db, userId),
  ]);
  const count = s?.count ?? 0;
  const last = s?.lastTickDay ?? null;
  // What a tick now would make the streak (the same rule as tickInTx).
  let todayStreak: number;
  let broken = false;
  if (today) todayStreak = today.count;
  else if (!last) todayStreak = 1;
  else {
    const missed = daysBetween(last, day) - 1;
    broken = missed > protections;
    todayStreak = missed <= 0 || !broken ? count + 1 : 1;
  }
  return {
    action,
    count,
    lastTickAt: s?.lastTickAt ?? null,
    lastTickDay: last,
    tickedToday: today !== null,
    claimedToday: today?.rewardId != null,
    protections,
    /** The streak today's claim pays for, and whether the gap since the last tick breaks it. */
    todayStreak,
    broken,
    today: streakReward(todayStreak),
    tomorrow: streakReward(todayStreak + 1),
    day,
    nextDayAt: nextUtcMidnight(now),
  };
}

/** This week's attendance (Monday to Sunday, UTC) and this month's count of ticked days. */
export async function streakHistory(deps: Pick<Deps, 'db' | 'clock'>, userId: number, action: TStreakAction) {
  const now = deps.clock.now();
  const day = utcDay(now);
  const monday = weekStart(now);
  const days = Array.from({ length: 7 }, (_, i) => addDays(monday, i));
  const monthStart = `${day.slice(0, 7)}-01`;
  const monthEnd = addDays(utcDay(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1))), -1);
  const mine = and(eq(streakTicks.userId, userId), eq(streakTicks.action, action));
  const [ticks, [month]] = await Promise.all([
    deps.db
      .select()
      .from(streakTicks)
      .where(and(mine, between(streakTicks.day, monday, addDays(monday, 6)))),
    deps.db
      .select({ n: count() })
      .from(streakTicks)
      .where(and(mine, between(streakTicks.day, monthStart, monthEnd))),
  ]);
  const byDay = new Map(ticks.map((t) => [t.day, t]));
  return {
    action,
    today: day,
    week: days.map((d) => {
      const t = byDay.get(d);
      return {
        day: d,
        isToday: d === day,
        ticked: t !== undefined,
        claimed: t?.rewardId != null,
        count: t?.count ?? null,
        protectionsUsed: t?.protectionsUsed ?? 0,
      };
    }),
    month: day.slice(0, 7),
    monthCount: Number(month?.n ?? 0),
  };
}
