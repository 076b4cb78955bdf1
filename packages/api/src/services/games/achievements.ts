/** Achievements, awarded inside the round's transaction with their reward, once per user. */
import { type Db, userAchievements, userGameStats } from '@casino/db';
import { desc, eq, sql } from 'drizzle-orm';
import type { Outbox } from '../../deps';
import { jsonColumn, preparedRow } from '../shared/prepared';
import { changesCtes } from '../wallet/statement';
import type { RoundRecord } from './rounds';

export type AchievementContext = RoundRecord & { multiplier: number; totalBets: number };
type Context = AchievementContext;

type StatRow = { game: string; totalBets: number; totalWins: number; highestMultiplier: number };
export type AchievementDef = {
  code: string;
  title: string;
  description: string;
  rewardGold: number;
  earned(c: Context): boolean;
  /** Progress towards it from the player's stats: [current, target]; absent when not measurable from stats. */
  progress?(stats: StatRow[]): [number, number];
};

const sum = (rows: StatRow[], f: (r: StatRow) => number) => rows.reduce((n, r) => n + f(r), 0);
const max = (rows: StatRow[], f: (r: StatRow) => number) => rows.reduce((n, r) => Math.max(n, f(r)), 0);

export const ACHIEVEMENTS: AchievementDef[] = [
  {
    code: 'first_win',
    title: 'First win',
    description: 'Win any round.',
    rewardGold: 100,
    earned: (c) => c.result === 'win',
    progress: (s) => [
      Math.min(
        1,
        sum(s, (r) => r.totalWins),
      ),
      1,
    ],
  },
  {
    code: 'slot_streak_3',
    title: 'Hot streak',
    description: 'Win 3 slot spins in a row.',
    rewardGold: 300,
    earned: (c) => c.game === 'slot' && c.outcome.streakAfter >= 3,
  },
  {
    code: 'slot_streak_5',
    title: 'On fire',
    description: 'Win 5 slot spins in a row.',
    rewardGold: 1000,
    earned: (c) => c.game === 'slot' && c.outcome.streakAfter >= 5,
  },
  {
    code: 'big_multiplier_10x',
    title: 'Big multiplier',
    description: 'Win 10× your bet or more in one round.',
    rewardGold: 500,
    earned: (c) => c.multiplier >= 10,
    progress: (s) => [max(s, (r) => r.highestMultiplier), 10],
  },
  {
    code: 'crash_5x',
    title: 'Steady hands',
    description: 'Cash out a crash round at 5× or more.',
    rewardGold: 500,
    earned: (c) => c.game === 'crash' && c.result === 'win' && c.multiplier >= 5,
    progress: (s) => [
      max(
        s.filter((r) => r.game === 'crash'),
        (r) => r.highestMultiplier,
      ),
      5,
    ],
  },
  {
    code: 'gacha_legendary',
    title: 'Legend',
    description: 'Pull a Legendary item.',
    rewardGold: 1000,
    earned: (c) => c.game === 'gacha' && c.outcome.items.some((i) => i.rarity === 'legendary'),
  },
  {
    code: 'rounds_100',
    title: 'Regular',
    description: 'Play 100 rounds of one game.',
    rewardGold: 200,
    earned: (c) => c.totalBets >= 100,
    progress: (s) => [max(s, (r) => r.totalBets), 100],
  },
];

/** The achievements this round earns that are not among `known` (codes already unlocked). */
export function earnedAchievements(c: Context, known?: ReadonlySet<string>): AchievementDef[] {
  return ACHIEVEMENTS.filter((a) => !known?.has(a.code) && a.earned(c));
}

/**
 * One unlock in one prepared statement: the player's row first (`pl`: the order every round and
 * claim takes locks in, player before progress rows), the achievement row (`ua`, once per player
 * and code) and, hanging off it, its reward with the one wallet writer's SQL — unless a ledger
 * entry under its key already exists (the reward is paid once, whatever happened to the row).
 */
const unlock = preparedRow<
  'user' | 'code' | 'reward' | 'roundId' | 'at',
  { unlocked: number; ledger: { id: number | string; balance: number | string } | string | null }
>(
  ['user', 'code', 'reward', 'roundId', 'at'],
  (x) => {
    const key = sql`'achievement:' || CAST(${x.code} AS text)`;
    const money = changesCtes(
      x.user,
      [{ currency: sql`'gold'`, delta: x.reward, reason: sql`'achievement_reward'`, refType: sql`'achievement'`, refId: x.code, key }],
      {
        guard: sql` AND EXISTS (SELECT 1 FROM ua)
      AND NOT EXISTS (SELECT 1 FROM wallet_ledger WHERE user_id = CAST(${x.user} AS int) AND idempotency_key = ${key})`,
      },
    );
    return sql`WITH pl AS (SELECT id FROM users WHERE id = CAST(${x.user} AS int) FOR UPDATE),
      ua AS (
        INSERT INTO user_achievements (user_id, code, reward_gold, round_id, unlocked_at)
        SELECT pl.id, CAST(${x.code} AS text), CAST(${x.reward} AS int), CAST(${x.roundId} AS uuid), CAST(${x.at} AS timestamptz) FROM pl
        ON CONFLICT DO NOTHING
        RETURNING code),
      ${money.ctes},
      l AS (${money.ledger})
      SELECT (SELECT count(*) FROM ua)::int AS unlocked, (SELECT json_build_object('id', id, 'balance', balance_after) FROM l) AS ledger`;
  },
  'the achievement statement',
);

/** Returns how many achievements this round unlocked (`known`: codes already unlocked, skipped). */
export async function awardAchievements(tx: Db, outbox: Outbox, c: Context, known?: ReadonlySet<string>): Promise<number> {
  let awarded = 0;
  for (const a of earnedAchievements(c, known)) {
    const row = await unlock(tx, { user: c.userId, code: a.code, reward: a.rewardGold, roundId: c.roundId, at: c.at.toISOString() });
    if (!row.unlocked) continue;
    const ledger = jsonColumn(row.ledger);
    if (ledger) {
      outbox.push({
        userId: c.userId,
        type: 'token_update',
        data: {
          currency: 'gold',
          delta: a.rewardGold,
          balance: Number(ledger.balance),
          reason: 'achievement_reward',
          ledgerId: Number(ledger.id),
        },
      });
    }
    outbox.push({ userId: c.userId, type: 'achievement', data: { code: a.code, title: a.title, rewardGold: a.rewardGold } });
    awarded++;
  }
  return awarded;
}

export async function listAchievements(db: Db, userId: number) {
  const [unlocked, stats] = await Promise.all([
    db.select().from(userAchievements).where(eq(userAchievements.userId, userId)).orderBy(desc(userAchievements.unlockedAt)),
    db.select().from(userGameStats).where(eq(userGameStats.userId, userId)),
  ]);
  const byCode = new Map(unlocked.map((u) => [u.code, u]));
  return ACHIEVEMENTS.map((a) => ({
    code: a.code,
    title: a.title,
    description: a.description,
    rewardGold: a.rewardGold,
    unlocked: byCode.has(a.code),
    unlockedAt: byCode.get(a.code)?.unlockedAt ?? null,
    progress: byCode.has(a.code) ? { current: 1, target: 1, done: true } : progressOf(a, stats),
  }));
}

function progressOf(a: AchievementDef, stats: StatRow[]) {
  const [current, target] = a.progress?.(stats) ?? [0, 1];
  return { current: Math.min(current, target), target, done: false };
}
