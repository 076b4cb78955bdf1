/**
 * Repair of daily-streak locks taken while the count did not advance (the process died, or
 * the transaction failed and its cleanup too, between the NX lock and the commit). Every
 * lock taken is listed in `streak:pending` until its day committed; an entry older than
 * `staleLockMs` whose day has no tick gets the tick (and the claim, if the lock was taken for
 * one) it was taken for — if the streak has not moved past that day meanwhile, else the lock
 * is released. Safe on every instance at once: the database's keys decide.
 */
import { streaks } from '@casino/db';
import { ZStreakAction } from '@casino/shared';
import { and, eq } from 'drizzle-orm';
import { type Deps, inTransaction } from '../../deps';
import { type LockValue, pendingMember, STREAK_PENDING, streakLockKey } from './streak';
import { claimInTx, findTick, type TickKey, tickInTx } from './streak-tick';

export type RepairReport = { checked: number; repaired: number; released: number };

function parseMember(m: string): TickKey | null {
  const match = /^(\d+):([A-Z0-9_]+):(\d{4}-\d{2}-\d{2})$/.exec(m);
  const action = ZStreakAction.safeParse(match?.[2]);
  return match && action.success ? { userId: Number(match[1]), action: action.data, day: String(match[3]) } : null;
}

export async function repairStreakLocks(deps: Deps, opts: { limit?: number } = {}): Promise<RepairReport> {
  const now = deps.clock.now();
  const members = await deps.kv.zrangeByScore(
    STREAK_PENDING,
    now.getTime() - deps.config.progression.streak.staleLockMs,
    opts.limit ?? 100,
  );
  const report: RepairReport = { checked: 0, repaired: 0, released: 0 };
  for (const m of members) {
    report.checked++;
    const k = parseMember(m);
    const raw = k ? await deps.kv.get(streakLockKey(k)) : null;
    if (k && raw) {
      const lock = JSON.parse(raw) as LockValue;
      const outcome = await repairDay(deps, k, lock.claim, now);
      if (outcome === 'repaired') report.repaired++;
      if (outcome === 'released') {
        await deps.kv.del(streakLockKey(k));
        report.released++;
      }
    }
    // Gone locks (expired, flushed) hold nothing back: the database alone decides that day.
    await deps.kv.zrem(STREAK_PENDING, k ? pendingMember(k) : m);
  }
  return report;
}

async function repairDay(deps: Deps, k: TickKey, claim: boolean, now: Date): Promise<'ok' | 'repaired' | 'released'> {
  const tick = await findTick(deps.db, k);
  if (tick && (!claim || tick.rewardId != null)) return 'ok';
  const [s] = await deps.db
    .select({ lastTickDay: streaks.lastTickDay })
    .from(streaks)
    .where(and(eq(streaks.userId, k.userId), eq(streaks.action, k.action)));
  // A later day was ticked already: that day's tick cannot be inserted behind it.
  if (!tick && s?.lastTickDay && s.lastTickDay > k.day) return 'released';
  // A claim for a past day is still paid: the player asked on that day and a fault lost it.
  const at = now;
  await inTransaction(deps, async (tx, outbox) => {
    if (claim) await claimInTx(tx, outbox, { config: deps.config, at }, k);
    else await tickInTx(tx, { ...k, at });
  });
  deps.logger.info({ userId: k.userId, action: k.action, day: k.day, claim }, 'streak lock repaired');
  return 'repaired';
}

/** The repair routine on a timer (every instance runs one; passes are idempotent). */
export function startStreakRepair(deps: Deps, opts: { intervalMs?: number } = {}): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  const pass = () => {
    running = repairStreakLocks(deps).catch((err) => deps.logger.warn({ err }, 'streak repair pass failed'));
  };
  const timer = setInterval(() => void running.then(pass), opts.intervalMs ?? 30_000);
  timer.unref?.();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
