/**
 * Experience and levels (SPEC §1/§4): a level is reached when experience reaches
 * maxExperience = 1000 + (level − 1) × 100; the surplus carries over, several levels at
 * once if it covers them. Each level reached pays its configured reward (once: key
 * `level:{level}`) and the change is pushed live as `level_up`.
 */
import { type Db, queryRows } from '@casino/db';
import { addExperience, maxExperienceFor } from '@casino/shared';
import { sql } from 'drizzle-orm';
import type { Outbox } from '../../deps';
import { DomainError } from '../../errors';
import type { RewardCtx } from '../rewards/rewards';
import { jsonColumn, preparedRow } from '../shared/prepared';
import { changesCtes } from '../wallet/statement';
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

type LevelUpRow = {
  applied: number;
  /** The row as locked: what to settle from when the caller's view was stale. */
  level: number | null;
  experience: number | null;
  rewards: { id: number | string; level: string; gold: number | string; gems: number | string }[] | string;
  ledger: { id: number | string; currency: 'gold' | 'gems'; delta: number | string; balance: number | string; reward: string }[] | string;
};

/**
 * A level change in one prepared statement: lock the player's row (`pu`) and go on only if it
 * still holds the level and experience the change was computed from (`ok`); insert a reward row
 * per level reached that pays something (`rw`, once per player and level: key `level:{n}`), and
 * with the one wallet writer's SQL credit each reward's gold and gems (keys
 * `reward:{id}:{currency}`, as grantReward writes them) while moving the level on (`u`, `l`).
 */
const levelUp = preparedRow<
  'user' | 'fromLevel' | 'fromExperience' | 'toLevel' | 'toExperience' | 'levels' | 'golds' | 'gems' | 'at',
  LevelUpRow
>(
  ['user', 'fromLevel', 'fromExperience', 'toLevel', 'toExperience', 'levels', 'golds', 'gems', 'at'],
  (x) => {
    const user = sql`CAST(${x.user} AS int)`;
    const entries = sql`SELECT CAST(c.currency AS currency), c.delta, 'level_reward', 'reward', CAST(rw.id AS text), 'reward:' || rw.id || ':' || c.currency,
        row_number() OVER (ORDER BY rw.id, c.o)
      FROM rw CROSS JOIN LATERAL (VALUES ('gold', rw.gold, 0), ('gems', rw.gems, 1)) AS c(currency, delta, o) WHERE c.delta > 0`;
    const money = changesCtes(x.user, entries, {
      guard: sql` AND EXISTS (SELECT 1 FROM ok)`,
      set: sql`, level = CAST(${x.toLevel} AS int), experience = CAST(${x.toExperience} AS int)`,
    });
    return sql`WITH pu AS (SELECT level, experience FROM users WHERE id = ${user} AND status <> 'deleted' FOR UPDATE),
      ok AS (SELECT 1 FROM pu WHERE level = CAST(${x.fromLevel} AS int) AND experience = CAST(${x.fromExperience} AS int)),
      rw AS (
        INSERT INTO rewards (user_id, idempotency_key, source, description, gold, gems, ref_type, ref_id, created_at)
        SELECT ${user}, 'level:' || r.level, 'level_reward', 'Level ' || r.level || ' reached', r.gold, r.gems, 'level', CAST(r.level AS text),
          CAST(${x.at} AS timestamptz)
        FROM unnest(CAST(${x.levels} AS int[]), CAST(${x.golds} AS bigint[]), CAST(${x.gems} AS bigint[])) AS r(level, gold, gems)
        WHERE EXISTS (SELECT 1 FROM ok)
        ON CONFLICT (user_id, idempotency_key) DO NOTHING
        RETURNING id, ref_id, gold, gems),
      ${money.ctes},
      l AS (${money.ledger})
      SELECT (SELECT count(*) FROM u)::int AS applied, (SELECT level FROM pu) AS level, (SELECT experience FROM pu) AS experience,
        (SELECT coalesce(json_agg(json_build_object('id', id, 'level', ref_id, 'gold', gold, 'gems', gems) ORDER BY id), '[]'::json) FROM rw) AS rewards,
        (SELECT coalesce(json_agg(json_build_object('id', id, 'currency', currency, 'delta', delta, 'balance', balance_after, 'reward', ref_id) ORDER BY id), '[]'::json)
          FROM l) AS ledger`;
  },
  'the level-up statement',
);

/**
 * Called after experience was added (by addExperienceTx, or by the round's statement): moves
 * the level on when experience reached maxExperience, paying each level's reward, in one
 * statement. A no-op in the common case. `level`/`experience` are what the caller last saw of
 * the row; if it has moved on since, the change is settled from what the row holds.
 */
export async function settleLevel(
  tx: Db,
  outbox: Outbox,
  ctx: RewardCtx,
  userId: number,
  level: number,
  experience: number,
): Promise<LevelChange> {
  for (let attempt = 0; ; attempt++) {
    if (experience < maxExperienceFor(level)) {
      return { previousLevel: level, level, experience, maxExperience: maxExperienceFor(level), levelsGained: 0 };
    }
    const next = addExperience(level, experience, 0);
    const paid: { level: number; gold: number; gems: number }[] = [];
    for (let l = level + 1; l <= next.level; l++) {
      const r = levelReward(ctx.config.progression, l);
      const gold = r.gold ?? 0;
      const gems = r.gems ?? 0;
      if (![gold, gems].every((v) => Number.isSafeInteger(v) && v >= 0)) throw new DomainError('invalid_amount');
      if (gold || gems) paid.push({ level: l, gold, gems });
    }
    const list = (f: (p: (typeof paid)[number]) => number) => `{${paid.map(f).join(',')}}`;
    const row = await levelUp(tx, {
      user: userId,
      fromLevel: level,
      fromExperience: experience,
      toLevel: next.level,
      toExperience: next.experience,
      levels: list((p) => p.level),
      golds: list((p) => p.gold),
      gems: list((p) => p.gems),
      at: ctx.at.toISOString(),
    });
    if (row.applied) return levelChanged(outbox, userId, level, next, row);
    // No such player, or an anonymised one (a crash round settled after the account was deleted): no level to move.
    if (row.level === null || row.experience === null) {
      return { previousLevel: level, level, experience, maxExperience: maxExperienceFor(level), levelsGained: 0 };
    }
    // The row moved on since the caller read it (it is locked now): settle from what it holds.
    if (attempt > 0) throw new Error(`level of player ${userId} moved while locked`);
    level = Number(row.level);
    experience = Number(row.experience);
  }
}

/** The `level_up` event, then each reward's balance changes and its `reward` event, in level order. */
function levelChanged(
  outbox: Outbox,
  userId: number,
  from: number,
  next: { level: number; experience: number },
  row: LevelUpRow,
): LevelChange {
  const change = {
    previousLevel: from,
    level: next.level,
    experience: next.experience,
    maxExperience: maxExperienceFor(next.level),
    levelsGained: next.level - from,
  };
  outbox.push({
    userId,
    type: 'level_up',
    data: { level: change.level, previousLevel: from, experience: change.experience, maxExperience: change.maxExperience },
  });
  const ledger = jsonColumn(row.ledger) ?? [];
  for (const r of jsonColumn(row.rewards) ?? []) {
    const id = Number(r.id);
    for (const e of ledger.filter((x) => Number(x.reward) === id)) {
      outbox.push({
        userId,
        type: 'token_update',
        data: { currency: e.currency, delta: Number(e.delta), balance: Number(e.balance), reason: 'level_reward', ledgerId: Number(e.id) },
      });
    }
    const gold = Number(r.gold);
    const gems = Number(r.gems);
    outbox.push({
      userId,
      type: 'reward',
      data: {
        source: 'level_reward',
        rewardId: id,
        description: `Level ${r.level} reached`,
        ...(gold ? { gold } : {}),
        ...(gems ? { gems } : {}),
      },
    });
  }
  return change;
}
