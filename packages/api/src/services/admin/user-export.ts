/**
 * A player's data export: everything stored about them, one section per table, as JSON. Secrets
 * stay out (password hash, refresh-token hashes, the server seed of a seed not yet revealed —
 * revealing it would let its rounds be predicted). Each section holds at most EXPORT_ROW_CAP
 * rows, newest first; a section that hit the cap is named in `truncated`. Audited: it is a read
 * of personal data.
 */
import {
  actionLog,
  adminAuditLog,
  battlepassClaims,
  battlepassProgress,
  crashBets,
  eventParticipations,
  fairnessSeeds,
  fraudDecisions,
  gachaPity,
  gameRounds,
  gameSessions,
  hourlyBonus,
  loginAttempts,
  missionProgress,
  notifications,
  promoRedemptions,
  purchases,
  rewards,
  sessions,
  streaks,
  streakTicks,
  userAchievements,
  userGameStats,
  userHandles,
  userItems,
  users,
  walletLedger,
} from '@casino/db';
import { and, desc, eq, getTableColumns } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Deps } from '../../deps';
import { DomainError } from '../../errors';
import { writeAudit } from '../audit/audit';
import type { Actor } from './user-guards';

export const EXPORT_ROW_CAP = 50_000;

export async function exportUser(deps: Pick<Deps, 'db' | 'clock'>, actor: Actor, userId: number, reason: string) {
  const db = deps.db;
  const { passwordHash: _secret, ...profileColumns } = getTableColumns(users);
  const [profile] = await db.select(profileColumns).from(users).where(eq(users.id, userId));
  if (!profile) throw new DomainError('user_not_found');

  const truncated: string[] = [];
  const rowsOf = async (name: string, table: PgTable, userCol: PgColumn, order?: PgColumn) => {
    const q = db
      .select()
      .from(table)
      .where(eq(userCol, userId))
      .limit(EXPORT_ROW_CAP + 1);
    const rows = (await (order ? q.orderBy(desc(order)) : q)) as Record<string, unknown>[];
    if (rows.length > EXPORT_ROW_CAP) truncated.push(name);
    return rows.slice(0, EXPORT_ROW_CAP);
  };
  const seeds = await db.select().from(fairnessSeeds).where(eq(fairnessSeeds.userId, userId)).orderBy(desc(fairnessSeeds.id));

  const sections = {
    handles: await rowsOf('handles', userHandles, userHandles.userId),
    // Refresh tokens live in their own table and stay out.
    sessions: await rowsOf('sessions', sessions, sessions.userId, sessions.createdAt),
    loginAttempts: await rowsOf('loginAttempts', loginAttempts, loginAttempts.userId, loginAttempts.id),
    ledger: await rowsOf('ledger', walletLedger, walletLedger.userId, walletLedger.id),
    rounds: await rowsOf('rounds', gameRounds, gameRounds.userId, gameRounds.createdAt),
    crashBets: await rowsOf('crashBets', crashBets, crashBets.userId, crashBets.startedAt),
    gameSessions: await rowsOf('gameSessions', gameSessions, gameSessions.userId, gameSessions.startedAt),
    gameStats: await rowsOf('gameStats', userGameStats, userGameStats.userId),
    fairnessSeeds: seeds.map((s) => ({ ...s, serverSeed: s.revealedAt ? s.serverSeed : null })),
    gachaPity: await rowsOf('gachaPity', gachaPity, gachaPity.userId),
    items: await rowsOf('items', userItems, userItems.userId),
    achievements: await rowsOf('achievements', userAchievements, userAchievements.userId),
    purchases: await rowsOf('purchases', purchases, purchases.userId, purchases.createdAt),
    promoRedemptions: await rowsOf('promoRedemptions', promoRedemptions, promoRedemptions.userId),
    fraudDecisions: await rowsOf('fraudDecisions', fraudDecisions, fraudDecisions.userId, fraudDecisions.createdAt),
    rewards: await rowsOf('rewards', rewards, rewards.userId, rewards.id),
    streaks: await rowsOf('streaks', streaks, streaks.userId),
    streakTicks: await rowsOf('streakTicks', streakTicks, streakTicks.userId),
    hourlyBonus: await rowsOf('hourlyBonus', hourlyBonus, hourlyBonus.userId),
    battlepassProgress: await rowsOf('battlepassProgress', battlepassProgress, battlepassProgress.userId),
    battlepassClaims: await rowsOf('battlepassClaims', battlepassClaims, battlepassClaims.userId),
    eventParticipations: await rowsOf('eventParticipations', eventParticipations, eventParticipations.userId),
    missionProgress: await rowsOf('missionProgress', missionProgress, missionProgress.userId),
    notifications: await rowsOf('notifications', notifications, notifications.userId, notifications.createdAt),
    actions: await rowsOf('actions', actionLog, actionLog.userId, actionLog.createdAt),
    adminActions: await db
      .select()
      .from(adminAuditLog)
      .where(and(eq(adminAuditLog.targetType, 'user'), eq(adminAuditLog.targetId, String(userId))))
      .orderBy(desc(adminAuditLog.id))
      .limit(EXPORT_ROW_CAP),
  };
  await writeAudit(db, {
    adminId: actor.id,
    action: 'user.export',
    targetType: 'user',
    targetId: userId,
    meta: { reason, sections: Object.keys(sections).length, truncated },
    ip: actor.ip ?? null,
  });
  return { format: 'casino-club.user-export.v1' as const, exportedAt: deps.clock.now(), userId, profile, sections, truncated };
}
