/**
 * VIP daily points (once per UTC day, key `vip:{userId}:{YYYY-MM-DD}`, amount by rank) and the
 * hourly refill (SPEC §8: below the gold floor, once per period since the last claim).
 */
import { hourlyBonus, rewards } from '@casino/db';
import { nextUtcMidnight, type TRank, utcDay } from '@casino/shared';
import { and, desc, eq, sql } from 'drizzle-orm';
import { type Deps, inTransaction } from '../../deps';
import { DomainError } from '../../errors';
import { grantReward, lockPlayer } from '../rewards/rewards';
import { getBalance } from '../wallet/queries';

const vipKey = (userId: number, day: string) => `vip:${userId}:${day}`;

export async function vipStatus(deps: Pick<Deps, 'db' | 'clock' | 'config'>, userId: number, rank: TRank) {
  const now = deps.clock.now();
  const [[today], [last], balance] = await Promise.all([
    deps.db
      .select({ vipPoints: rewards.vipPoints })
      .from(rewards)
      .where(and(eq(rewards.userId, userId), eq(rewards.idempotencyKey, vipKey(userId, utcDay(now))))),
    deps.db
      .select({ createdAt: rewards.createdAt })
      .from(rewards)
      .where(and(eq(rewards.userId, userId), eq(rewards.source, 'vip_daily')))
      .orderBy(desc(rewards.id))
      .limit(1),
    getBalance(deps.db, userId),
  ]);
  return {
    claimedToday: today !== undefined,
    vipPoints: balance.vipPoints,
    lastClaimAt: last?.createdAt ?? null,
    rank,
    /** What today's claim gives (or gave) at this rank. */
    points: today?.vipPoints ?? deps.config.progression.vip.dailyPoints[rank],
    nextClaimAt: today ? nextUtcMidnight(now) : now,
  };
}

export async function claimVip(deps: Deps, userId: number, rank: TRank) {
  const now = deps.clock.now();
  const key = vipKey(userId, utcDay(now));
  return inTransaction(deps, async (tx, outbox) => {
    const [prior] = await tx
      .select({ vipPoints: rewards.vipPoints })
      .from(rewards)
      .where(and(eq(rewards.userId, userId), eq(rewards.idempotencyKey, key)));
    let points = prior?.vipPoints ?? deps.config.progression.vip.dailyPoints[rank];
    let idempotent = prior !== undefined;
    if (!prior) {
      if (points <= 0) throw new DomainError('vip_not_eligible');
      const g = await grantReward(
        tx,
        outbox,
        { config: deps.config, at: now },
        {
          userId,
          idempotencyKey: key,
          source: 'vip_daily',
          description: `VIP points for ${rank}`,
          vipPoints: points,
        },
      );
      points = g.vipPoints;
      idempotent = g.idempotent;
    }
    const { vipPoints } = await getBalance(tx, userId);
    return { points, vipPoints, idempotent, nextClaimAt: nextUtcMidnight(now) };
  });
}

export async function bonusStatus(deps: Pick<Deps, 'db' | 'clock' | 'config'>, userId: number) {
  const cfg = deps.config.progression.hourlyBonus;
  const now = deps.clock.now();
  const [[state], balance] = await Promise.all([
    deps.db.select().from(hourlyBonus).where(eq(hourlyBonus.userId, userId)),
    getBalance(deps.db, userId),
  ]);
  const due = state ? new Date(state.lastClaimAt.getTime() + cfg.periodMs) : null;
  const cooling = due !== null && due > now;
  const belowFloor = balance.gold < cfg.floorGold;
  return {
    available: !cooling && belowFloor,
    /** When the next claim opens (null: not waiting on the clock). */
    nextAt: cooling ? due : null,
    amount: cfg.amountGold,
    floor: cfg.floorGold,
    periodMs: cfg.periodMs,
    gold: balance.gold,
    lastClaimAt: state?.lastClaimAt ?? null,
    /** Why it is not available: waiting for the period, or enough gold. */
    blockedBy: cooling ? ('cooldown' as const) : belowFloor ? null : ('above_floor' as const),
    /** The server's clock when it answered: the countdown to `nextAt` runs on it, not on the device's. */
    serverNow: now,
  };
}

/**
 * One claim per period: claims of a player run one at a time (the player's row lock), and a
 * conditional upsert of the hourly_bonus row lets one claim per period through; the others
 * (and any claim inside the period) answer that claim again with `idempotent: true`.
 */
export async function claimBonus(deps: Deps, userId: number) {
  const cfg = deps.config.progression.hourlyBonus;
  const now = deps.clock.now();
  return inTransaction(deps, async (tx, outbox) => {
    // One claim at a time per player: a second one waits and then answers the first (not "enough gold now").
    await lockPlayer(tx, userId);
    const replay = async () => {
      const [row] = await tx
        .select({ lastClaimAt: hourlyBonus.lastClaimAt, gold: rewards.gold })
        .from(hourlyBonus)
        .leftJoin(rewards, eq(rewards.id, hourlyBonus.lastRewardId))
        .where(eq(hourlyBonus.userId, userId));
      if (!row || row.lastClaimAt.getTime() + cfg.periodMs <= now.getTime()) return null;
      const { gold } = await getBalance(tx, userId);
      return { gold: row.gold ?? 0, balance: gold, idempotent: true, nextAt: new Date(row.lastClaimAt.getTime() + cfg.periodMs) };
    };
    const prior = await replay();
    if (prior) return prior;
    const { gold } = await getBalance(tx, userId);
    if (gold >= cfg.floorGold) throw new DomainError('bonus_not_eligible', { floor: cfg.floorGold, gold });
    const [won] = await tx
      .insert(hourlyBonus)
      .values({ userId, lastClaimAt: now, claims: 1 })
      .onConflictDoUpdate({
        target: hourlyBonus.userId,
        set: { lastClaimAt: now, claims: sql`${hourlyBonus.claims} + 1` },
        setWhere: sql`${hourlyBonus.lastClaimAt} <= ${new Date(now.getTime() - cfg.periodMs).toISOString()}::timestamptz`,
      })
      .returning({ claims: hourlyBonus.claims });
    if (!won) {
      // A concurrent claim committed first: answer it.
      const again = await replay();
      if (again) return again;
      throw new DomainError('service_unavailable');
    }
    const g = await grantReward(
      tx,
      outbox,
      { config: deps.config, at: now },
      {
        userId,
        idempotencyKey: `bonus:${won.claims}`,
        source: 'hourly_bonus',
        description: 'Refill',
        gold: cfg.amountGold,
      },
    );
    await tx.update(hourlyBonus).set({ lastRewardId: g.rewardId }).where(eq(hourlyBonus.userId, userId));
    return { gold: g.gold, balance: g.balance.gold, idempotent: false, nextAt: new Date(now.getTime() + cfg.periodMs) };
  });
}
