/** Achievements, awarded inside the round's transaction with their reward, once per user. */
import { type Db, userAchievements } from '@casino/db';
import { desc, eq } from 'drizzle-orm';
import type { Outbox } from '../../deps';
import { applyChange } from '../wallet/wallet';
import type { RoundRecord } from './rounds';

type Context = RoundRecord & { multiplier: number; totalBets: number };

export type AchievementDef = { code: string; title: string; description: string; rewardGold: number; earned(c: Context): boolean };

export const ACHIEVEMENTS: AchievementDef[] = [
  { code: 'first_win', title: 'First win', description: 'Win any round.', rewardGold: 100, earned: (c) => c.result === 'win' },
  {
    code: 'slot_streak_3',
    title: 'Hot streak',
    description: 'Win 3 slot spins in a row.',
    rewardGold: 300,
    earned: (c) => c.game === 'slot' && Number(c.outcome.streakAfter) >= 3,
  },
  {
    code: 'slot_streak_5',
    title: 'On fire',
    description: 'Win 5 slot spins in a row.',
    rewardGold: 1000,
    earned: (c) => c.game === 'slot' && Number(c.outcome.streakAfter) >= 5,
  },
  {
    code: 'big_multiplier_10x',
    title: 'Big multiplier',
    description: 'Win 10× your bet or more in one round.',
    rewardGold: 500,
    earned: (c) => c.multiplier >= 10,
  },
  {
    code: 'crash_5x',
    title: 'Steady hands',
    description: 'Cash out a crash round at 5× or more.',
    rewardGold: 500,
    earned: (c) => c.game === 'crash' && c.result === 'win' && c.multiplier >= 5,
  },
  {
    code: 'gacha_legendary',
    title: 'Legend',
    description: 'Pull a Legendary item.',
    rewardGold: 1000,
    earned: (c) =>
      c.game === 'gacha' &&
      Array.isArray(c.outcome.items) &&
      (c.outcome.items as { rarity: string }[]).some((i) => i.rarity === 'legendary'),
  },
  { code: 'rounds_100', title: 'Regular', description: 'Play 100 rounds of one game.', rewardGold: 200, earned: (c) => c.totalBets >= 100 },
];

/** Returns how many achievements this round unlocked. */
export async function awardAchievements(tx: Db, outbox: Outbox, c: Context): Promise<number> {
  let awarded = 0;
  for (const a of ACHIEVEMENTS) {
    if (!a.earned(c)) continue;
    const [row] = await tx
      .insert(userAchievements)
      .values({ userId: c.userId, code: a.code, rewardGold: a.rewardGold, roundId: c.roundId, unlockedAt: c.at })
      .onConflictDoNothing()
      .returning({ code: userAchievements.code });
    if (!row) continue;
    if (a.rewardGold > 0) {
      await applyChange(tx, outbox, {
        userId: c.userId,
        currency: 'gold',
        delta: a.rewardGold,
        reason: 'achievement_reward',
        refType: 'achievement',
        refId: a.code,
        idempotencyKey: `achievement:${a.code}`,
      });
    }
    outbox.push({ userId: c.userId, type: 'achievement', data: { code: a.code, title: a.title, rewardGold: a.rewardGold } });
    awarded++;
  }
  return awarded;
}

export async function listAchievements(db: Db, userId: number) {
  const unlocked = await db
    .select()
    .from(userAchievements)
    .where(eq(userAchievements.userId, userId))
    .orderBy(desc(userAchievements.unlockedAt));
  const byCode = new Map(unlocked.map((u) => [u.code, u]));
  return ACHIEVEMENTS.map((a) => ({
    code: a.code,
    title: a.title,
    description: a.description,
    rewardGold: a.rewardGold,
    unlocked: byCode.has(a.code),
    unlockedAt: byCode.get(a.code)?.unlockedAt ?? null,
  }));
}
