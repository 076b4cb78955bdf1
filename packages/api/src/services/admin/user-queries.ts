/** Admin reads of users: the list (cursor and sorted pages with filters) and one user's detail. */
import {
  actionLog,
  adminTotp,
  type Db,
  gameRounds,
  loginAttempts,
  rewards,
  sessions,
  userGameStats,
  users,
  walletLedger,
} from '@casino/db';
import type { TRank, TUserStatus } from '@casino/shared';
import { and, asc, count, desc, eq, gt, gte, ilike, isNull, lt, lte, or, type SQL, sql } from 'drizzle-orm';
import type { Deps } from '../../deps';
import { lockoutState } from '../auth/lockout';
import { getProfile } from '../auth/profile';
import { byId, pageOf } from '../shared/page';

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export type UserFilter = {
  search?: string | undefined;
  rank?: TRank | undefined;
  /** 'anonymised' is the console's word for status 'deleted'. */
  status?: TUserStatus | 'anonymised' | undefined;
  locked?: boolean | undefined;
  createdFrom?: Date | undefined;
  createdTo?: Date | undefined;
};

const ROW = {
  id: users.id,
  siteId: users.siteId,
  nickname: users.nickname,
  role: users.role,
  rank: users.rank,
  status: users.status,
  gold: users.gold,
  gems: users.gems,
  level: users.level,
  createdAt: users.createdAt,
  lastLoginAt: users.lastLoginAt,
  lockedUntil: users.lockedUntil,
};

function filterSql(f: UserFilter, now: Date): SQL | undefined {
  const text = f.search?.trim();
  const q = text ? `%${escapeLike(text)}%` : null;
  // "#42" or "42" also finds user 42.
  const asId = text && /^#?\d{1,9}$/.test(text) ? Number(text.replace('#', '')) : null;
  const status = f.status === 'anonymised' ? 'deleted' : f.status;
  return and(
    q ? or(ilike(users.siteId, q), ilike(users.nickname, q), asId ? eq(users.id, asId) : undefined) : undefined,
    f.rank ? eq(users.rank, f.rank) : undefined,
    status ? eq(users.status, status) : undefined,
    f.locked === true ? gt(users.lockedUntil, now) : undefined,
    f.locked === false ? or(isNull(users.lockedUntil), lte(users.lockedUntil, now)) : undefined,
    f.createdFrom ? gte(users.createdAt, f.createdFrom) : undefined,
    f.createdTo ? lte(users.createdAt, f.createdTo) : undefined,
  );
}

const withLocked =
  (now: Date) =>
  <R extends { lockedUntil: Date | null }>(r: R) => ({
    ...r,
    locked: r.lockedUntil !== null && r.lockedUntil > now,
  });

/** Newest first, by id cursor (admin.users.list, as the contract names it). */
export async function listUsers(deps: Pick<Deps, 'db' | 'clock'>, f: UserFilter & { cursor?: number | undefined; limit: number }) {
  const now = deps.clock.now();
  const rows = await deps.db
    .select(ROW)
    .from(users)
    .where(and(filterSql(f, now), f.cursor ? lt(users.id, f.cursor) : undefined))
    .orderBy(desc(users.id))
    .limit(f.limit + 1);
  const page = pageOf(rows, f.limit, byId);
  return { ...page, items: page.items.map(withLocked(now)) };
}

export const USER_SORT_FIELDS = ['id', 'siteId', 'nickname', 'createdAt', 'lastLoginAt', 'gold', 'gems', 'level'] as const;
export type UserSortField = (typeof USER_SORT_FIELDS)[number];

/** Numbered pages in any sort order with the total (the console's table); ties break by id. */
export async function searchUsers(
  deps: Pick<Deps, 'db' | 'clock'>,
  f: UserFilter & { sort: UserSortField; dir: 'asc' | 'desc'; page: number; pageSize: number },
) {
  const now = deps.clock.now();
  const where = filterSql(f, now);
  const order = f.dir === 'asc' ? asc : desc;
  const sortCol = users[f.sort];
  const [rows, [total]] = await Promise.all([
    deps.db
      .select(ROW)
      .from(users)
      .where(where)
      // Never logged in (NULL) sorts last either way.
      .orderBy(f.sort === 'lastLoginAt' ? sql`${sortCol} ${sql.raw(f.dir)} nulls last` : order(sortCol), order(users.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    deps.db.select({ n: count() }).from(users).where(where),
  ]);
  return { items: rows.map(withLocked(now)), total: total?.n ?? 0, page: f.page, pageSize: f.pageSize };
}

/** One user for the console: profile, lockout, second factor, stats, recent activity, rewards, sessions and logins. */
export async function getUserDetail(deps: Pick<Deps, 'db' | 'kv' | 'clock' | 'config'>, userId: number) {
  const db: Db = deps.db;
  const profile = await getProfile(db, userId);
  const [extra] = await db
    .select({
      phoneNumber: users.phoneNumber,
      banReason: users.banReason,
      bannedAt: users.bannedAt,
      lockedUntil: users.lockedUntil,
      anonymisedAt: users.anonymisedAt,
      totpEnabledAt: adminTotp.enabledAt,
    })
    .from(users)
    .leftJoin(adminTotp, eq(adminTotp.userId, users.id))
    .where(eq(users.id, userId));
  const [lockout, stats, recentRounds, recentLedger, recentRewards, allSessions, recentLogins] = await Promise.all([
    lockoutState(deps, userId).catch(() => null),
    db
      .select({
        game: userGameStats.game,
        totalBets: userGameStats.totalBets,
        totalWins: userGameStats.totalWins,
        totalWagered: userGameStats.totalWagered,
        totalPayout: userGameStats.totalPayout,
        highestMultiplier: userGameStats.highestMultiplier,
      })
      .from(userGameStats)
      .where(eq(userGameStats.userId, userId))
      .orderBy(asc(userGameStats.game)),
    db
      .select({
        id: gameRounds.id,
        game: gameRounds.game,
        bet: gameRounds.bet,
        payout: gameRounds.payout,
        multiplier: gameRounds.multiplier,
        result: gameRounds.result,
        createdAt: gameRounds.createdAt,
      })
      .from(gameRounds)
      .where(eq(gameRounds.userId, userId))
      .orderBy(desc(gameRounds.createdAt))
      .limit(20),
    db.select().from(walletLedger).where(eq(walletLedger.userId, userId)).orderBy(desc(walletLedger.id)).limit(20),
    db
      .select({
        id: rewards.id,
        source: rewards.source,
        description: rewards.description,
        gold: rewards.gold,
        gems: rewards.gems,
        xp: rewards.xp,
        createdAt: rewards.createdAt,
      })
      .from(rewards)
      .where(eq(rewards.userId, userId))
      .orderBy(desc(rewards.id))
      .limit(20),
    db
      .select({
        id: sessions.id,
        userAgent: sessions.userAgent,
        ip: sessions.ip,
        createdAt: sessions.createdAt,
        lastUsedAt: sessions.lastUsedAt,
        revokedAt: sessions.revokedAt,
        revokedReason: sessions.revokedReason,
      })
      .from(sessions)
      .where(eq(sessions.userId, userId))
      .orderBy(desc(sessions.lastUsedAt))
      .limit(30),
    db
      .select({
        id: loginAttempts.id,
        success: loginAttempts.success,
        reason: loginAttempts.reason,
        ip: loginAttempts.ip,
        userAgent: loginAttempts.userAgent,
        createdAt: loginAttempts.createdAt,
      })
      .from(loginAttempts)
      .where(eq(loginAttempts.userId, userId))
      .orderBy(desc(loginAttempts.id))
      .limit(30),
  ]);
  const now = deps.clock.now();
  const mirrorUntil = extra?.lockedUntil && extra.lockedUntil > now ? extra.lockedUntil : null;
  return {
    profile: {
      ...profile,
      phoneNumber: extra?.phoneNumber ?? null,
      banReason: extra?.banReason ?? null,
      bannedAt: extra?.bannedAt ?? null,
      anonymisedAt: extra?.anonymisedAt ?? null,
    },
    // Redis enforces the lock; when it cannot be read, the row's mirror answers.
    lockout: lockout ?? {
      locked: mirrorUntil !== null,
      failures: 0,
      maxFailures: deps.config.loginMaxFailedAttempts,
      lockedUntil: mirrorUntil,
    },
    // A staff account's second factor (an unconfirmed enrolment counts as none).
    totp: { enabled: Boolean(extra?.totpEnabledAt), enabledAt: extra?.totpEnabledAt ?? null },
    stats,
    recentRounds,
    recentLedger,
    recentRewards,
    sessions: allSessions,
    activeSessions: allSessions.filter((s) => s.revokedAt === null),
    recentLogins,
  };
}

/** The player's action log (admin.users.activities), newest first by id cursor. */
export async function listActivities(db: Db, f: { userId: number; cursor?: number | undefined; limit: number }) {
  const rows = await db
    .select({
      id: actionLog.id,
      type: actionLog.type,
      name: actionLog.name,
      payload: actionLog.payload,
      clientAt: actionLog.clientAt,
      createdAt: actionLog.createdAt,
    })
    .from(actionLog)
    .where(and(eq(actionLog.userId, f.userId), f.cursor ? lt(actionLog.id, f.cursor) : undefined))
    .orderBy(desc(actionLog.id))
    .limit(f.limit + 1);
  return pageOf(rows, f.limit, byId);
}
