/**
 * Battle pass: seasons (window, levels, XP per level) with free and premium reward tracks.
 * XP comes from rounds (round-progress.ts) and rewards; each level's reward is claimed once
 * per track (battlepass_claims' key). Premium is unlocked by a shop product or an admin
 * grant through unlockBattlepassPremium, once per user and season.
 */
import {
  type BattlepassLevelRow,
  type BattlepassSeason,
  battlepassClaims,
  battlepassProgress,
  battlepassSeasons,
  type Db,
  queryRows,
  rewards,
} from '@casino/db';
import type { TBattlepassTrack, TLevelReward } from '@casino/shared';
import { and, eq, sql } from 'drizzle-orm';
import { type Deps, inTransaction, type Outbox } from '../../deps';
import { DomainError } from '../../errors';
import { grantReward, lockPlayer } from '../rewards/rewards';
import { getBalance } from '../wallet/queries';
import { runningSeasonSql } from './battlepass-xp';

export async function runningSeason(db: Db, at: Date): Promise<BattlepassSeason | null> {
  const [row] = await queryRows<{ id: number }>(db, runningSeasonSql(at));
  if (!row) return null;
  const [season] = await db
    .select()
    .from(battlepassSeasons)
    .where(eq(battlepassSeasons.id, Number(row.id)));
  return season ?? null;
}

export const levelOf = (s: Pick<BattlepassSeason, 'maxLevel' | 'xpPerLevel'>, xp: number) =>
  Math.min(s.maxLevel, Math.floor(xp / s.xpPerLevel));

const rewardAt = (s: BattlepassSeason, level: number, track: TBattlepassTrack): TLevelReward | null =>
  (s.levels as BattlepassLevelRow[]).find((l) => l.level === level)?.[track] ?? null;

export async function battlepassStatus(deps: Pick<Deps, 'db' | 'clock'>, userId: number) {
  const now = deps.clock.now();
  const season = await runningSeason(deps.db, now);
  if (!season) return { season: null, xp: 0, level: 0, xpIntoLevel: 0, xpForNextLevel: null, premium: false, levels: [] };
  const [[progress], claims] = await Promise.all([
    deps.db
      .select()
      .from(battlepassProgress)
      .where(and(eq(battlepassProgress.userId, userId), eq(battlepassProgress.seasonId, season.id))),
    deps.db
      .select({ level: battlepassClaims.level, track: battlepassClaims.track })
      .from(battlepassClaims)
      .where(and(eq(battlepassClaims.userId, userId), eq(battlepassClaims.seasonId, season.id))),
  ]);
  const xp = progress?.xp ?? 0;
  const level = levelOf(season, xp);
  const claimed = new Set(claims.map((c) => `${c.level}:${c.track}`));
  return {
    season: {
      id: season.id,
      name: season.name,
      startsAt: season.startsAt,
      endsAt: season.endsAt,
      maxLevel: season.maxLevel,
      xpPerLevel: season.xpPerLevel,
    },
    xp,
    level,
    xpIntoLevel: level >= season.maxLevel ? season.xpPerLevel : xp - level * season.xpPerLevel,
    xpForNextLevel: level >= season.maxLevel ? null : season.xpPerLevel,
    premium: progress?.premium ?? false,
    levels: Array.from({ length: season.maxLevel }, (_, i) => {
      const l = i + 1;
      return {
        level: l,
        reached: l <= level,
        free: rewardAt(season, l, 'free'),
        premium: rewardAt(season, l, 'premium'),
        freeClaimed: claimed.has(`${l}:free`),
        premiumClaimed: claimed.has(`${l}:premium`),
      };
    }),
  };
}

export async function claimBattlepass(deps: Deps, userId: number, level: number, track: TBattlepassTrack) {
  const at = deps.clock.now();
  return inTransaction(deps, async (tx, outbox) => {
    await lockPlayer(tx, userId);
    const season = await runningSeason(tx, at);
    if (!season) throw new DomainError('battlepass_no_season');
    const reward = level >= 1 && level <= season.maxLevel ? rewardAt(season, level, track) : null;
    if (!reward) throw new DomainError('battlepass_no_reward', { level, track });
    const [progress] = await tx
      .select()
      .from(battlepassProgress)
      .where(and(eq(battlepassProgress.userId, userId), eq(battlepassProgress.seasonId, season.id)));
    const result = (
      g: { gold: number; gems: number; exp: number; items: TLevelReward['items'] },
      idempotent: boolean,
      balance: { gold: number; gems: number },
    ) => ({
      seasonId: season.id,
      level,
      track,
      reward: { gold: g.gold, gems: g.gems, exp: g.exp, items: g.items ?? [] },
      idempotent,
      balance,
    });
    const [prior] = await tx
      .select({ r: rewards })
      .from(battlepassClaims)
      .innerJoin(rewards, eq(rewards.id, battlepassClaims.rewardId))
      .where(
        and(
          eq(battlepassClaims.userId, userId),
          eq(battlepassClaims.seasonId, season.id),
          eq(battlepassClaims.level, level),
          eq(battlepassClaims.track, track),
        ),
      );
    if (prior) {
      const b = await getBalance(tx, userId);
      return result({ gold: prior.r.gold, gems: prior.r.gems, exp: prior.r.xp, items: prior.r.items }, true, {
        gold: b.gold,
        gems: b.gems,
      });
    }
    if (levelOf(season, progress?.xp ?? 0) < level) throw new DomainError('battlepass_level_locked', { level });
    if (track === 'premium' && !progress?.premium) throw new DomainError('battlepass_premium_required');
    const g = await grantReward(
      tx,
      outbox,
      { config: deps.config, at },
      {
        userId,
        idempotencyKey: `battlepass:${season.id}:${level}:${track}`,
        source: 'battlepass_reward',
        description: `${season.name} — level ${level} (${track})`,
        gold: reward.gold ?? 0,
        gems: reward.gems ?? 0,
        xp: reward.exp ?? 0,
        items: reward.items ?? [],
        refType: 'battlepass',
        refId: `${season.id}:${level}:${track}`,
      },
    );
    await tx
      .insert(battlepassClaims)
      .values({ userId, seasonId: season.id, level, track, rewardId: g.rewardId, claimedAt: at })
      .onConflictDoNothing();
    return result({ gold: g.gold, gems: g.gems, exp: g.xp, items: g.items }, g.idempotent, g.balance);
  });
}

export type PremiumUnlock = { seasonId: number; premium: true; idempotent: boolean };

/**
 * Unlocks the premium track of the season running at `at` for the user, inside the caller's
 * transaction (the shop's purchase, an admin grant). Idempotent per user and season: a second
 * unlock changes nothing and answers `idempotent: true`. No running season: `battlepass_no_season`
 * (the caller's transaction rolls back, so nothing is charged for it).
 */
export async function unlockBattlepassPremium(
  tx: Db,
  outbox: Outbox,
  p: { userId: number; source: string; purchaseId?: string | null; at?: Date },
): Promise<PremiumUnlock> {
  const at = p.at ?? new Date();
  await lockPlayer(tx, p.userId);
  const season = await runningSeason(tx, at);
  if (!season) throw new DomainError('battlepass_no_season');
  const [row] = await tx
    .insert(battlepassProgress)
    .values({
      userId: p.userId,
      seasonId: season.id,
      premium: true,
      premiumSource: p.source,
      premiumRef: p.purchaseId ?? null,
      premiumAt: at,
      updatedAt: at,
    })
    .onConflictDoUpdate({
      target: [battlepassProgress.userId, battlepassProgress.seasonId],
      set: { premium: true, premiumSource: p.source, premiumRef: p.purchaseId ?? null, premiumAt: at, updatedAt: at },
      setWhere: sql`NOT ${battlepassProgress.premium}`,
    })
    .returning({ xp: battlepassProgress.xp });
  if (!row) return { seasonId: season.id, premium: true, idempotent: true };
  outbox.push({
    userId: p.userId,
    type: 'battlepass',
    data: { kind: 'premium', seasonId: season.id, level: levelOf(season, row.xp), premium: true },
  });
  return { seasonId: season.id, premium: true, idempotent: false };
}
