/** Own profile and the limited public view of other players. */
import { type Db, type User, userGameStats, users } from '@casino/db';
import { maxExperienceFor } from '@casino/shared';
import { eq, sql } from 'drizzle-orm';
import { DomainError } from '../../errors';

export function toProfile(u: User) {
  return {
    id: u.id,
    siteId: u.siteId,
    nickname: u.nickname,
    role: u.role,
    rank: u.rank,
    status: u.status,
    gold: u.gold,
    gems: u.gems,
    vipPoints: u.vipPoints,
    level: u.level,
    experience: u.experience,
    maxExperience: maxExperienceFor(u.level),
    battlepassLevel: u.battlepassLevel,
    mustChangePassword: u.mustChangePassword,
    createdAt: u.createdAt,
    lastLoginAt: u.lastLoginAt,
  };
}
export type Profile = ReturnType<typeof toProfile>;

export async function getProfile(db: Db, userId: number): Promise<Profile> {
  const [u] = await db.select().from(users).where(eq(users.id, userId)).limit(1);
  if (!u) throw new DomainError('user_not_found');
  return toProfile(u);
}

export async function getPublicProfile(db: Db, userId: number) {
  const [u] = await db
    .select({
      id: users.id,
      nickname: users.nickname,
      rank: users.rank,
      level: users.level,
      status: users.status,
      createdAt: users.createdAt,
    })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  if (!u || u.status === 'deleted') throw new DomainError('user_not_found');
  const [stats] = await db
    .select({
      totalRounds: sql<number>`coalesce(sum(${userGameStats.totalBets}), 0)::int`,
      totalWins: sql<number>`coalesce(sum(${userGameStats.totalWins}), 0)::int`,
      highestMultiplier: sql<number>`coalesce(max(${userGameStats.highestMultiplier}), 0)::float8`,
    })
    .from(userGameStats)
    .where(eq(userGameStats.userId, userId));
  return {
    id: u.id,
    nickname: u.nickname,
    rank: u.rank,
    level: u.level,
    memberSince: u.createdAt,
    stats: stats ?? { totalRounds: 0, totalWins: 0, highestMultiplier: 0 },
  };
}
