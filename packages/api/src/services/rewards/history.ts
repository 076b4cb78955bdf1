/** economy.rewards.history: the caller's grants, newest first, cursor by id. */
import { type Db, rewards } from '@casino/db';
import { and, desc, eq, lt } from 'drizzle-orm';
import { byId, pageOf } from '../shared/page';

export async function rewardHistory(
  db: Db,
  userId: number,
  f: { cursor?: number | undefined; limit: number; source?: string | undefined },
) {
  const rows = await db
    .select({
      id: rewards.id,
      source: rewards.source,
      description: rewards.description,
      gold: rewards.gold,
      gems: rewards.gems,
      xp: rewards.xp,
      battlepassXp: rewards.battlepassXp,
      vipPoints: rewards.vipPoints,
      items: rewards.items,
      createdAt: rewards.createdAt,
    })
    .from(rewards)
    .where(
      and(eq(rewards.userId, userId), f.source ? eq(rewards.source, f.source) : undefined, f.cursor ? lt(rewards.id, f.cursor) : undefined),
    )
    .orderBy(desc(rewards.id))
    .limit(f.limit + 1);
  return pageOf(rows, f.limit, byId);
}
