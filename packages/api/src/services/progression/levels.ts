/**
 * Experience and levels (SPEC §1/§4): a level is reached when experience reaches
 * maxExperience = 1000 + (level − 1) × 100; the surplus carries over, several levels at
 * once if it covers them. Each level reached pays its configured reward (once: key
 * `level:{level}`) and the change is pushed live as `level_up`.
 */
import { type Db, queryRows, users } from '@casino/db';
import { addExperience, maxExperienceFor } from '@casino/shared';
import { eq, sql } from 'drizzle-orm';
import type { Outbox } from '../../deps';
import { DomainError } from '../../errors';
import { grantReward, type RewardCtx } from '../rewards/rewards';
import type { ProgressionConfig } from './config';

export type LevelChange = { previousLevel: number; level: number; experience: number; maxExperience: number; levelsGained: number };

export function levelReward(config: ProgressionConfig, level: number) {
  return config.levelRewards.byLevel[level] ?? config.levelRewards.every;
}

/** Adds XP to the user row (its lock is taken or already held by the caller) and settles any level reached. */
export async function addExperienceTx(tx: Db, outbox: Outbox, ctx: RewardCtx, userId: number, xp: number): Promise<LevelChange> {
  const [row] = await queryRows<{ level: number; experience: number }>(
    tx,
    sql`UPDATE users SET experience = experience + ${xp}::int WHERE id = ${userId}::int RETURNING level, experience`,
  );
  if (!row) throw new DomainError('user_not_found');
  return settleLevel(tx, outbox, ctx, userId, Number(row.level), Number(row.experience));
}

/**
 * Called after experience was added (by addExperienceTx, or by the round's statement): moves
 * the level on when experience reached maxExperience. A no-op in the common case.
 */
export async function settleLevel(
  tx: Db,
  outbox: Outbox,
  ctx: RewardCtx,
  userId: number,
  level: number,
  experience: number,
): Promise<LevelChange> {
  if (experience < maxExperienceFor(level)) {
    return { previousLevel: level, level, experience, maxExperience: maxExperienceFor(level), levelsGained: 0 };
  }
  const next = addExperience(level, experience, 0);
  await tx.update(users).set({ level: next.level, experience: next.experience }).where(eq(users.id, userId));
  const change = {
    previousLevel: level,
    level: next.level,
    experience: next.experience,
    maxExperience: maxExperienceFor(next.level),
    levelsGained: next.level - level,
  };
  outbox.push({
    userId,
    type: 'level_up',
    data: { level: change.level, previousLevel: level, experience: change.experience, maxExperience: change.maxExperience },
  });
  for (let l = level + 1; l <= next.level; l++) {
    const r = levelReward(ctx.config.progression, l);
    if (!(r.gold ?? 0) && !(r.gems ?? 0)) continue;
    await grantReward(tx, outbox, ctx, {
      userId,
      idempotencyKey: `level:${l}`,
      source: 'level_reward',
      description: `Level ${l} reached`,
      gold: r.gold ?? 0,
      gems: r.gems ?? 0,
      refType: 'level',
      refId: String(l),
    });
  }
  return change;
}
