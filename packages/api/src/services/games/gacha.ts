/** Gacha: one round per 1- or 10-pull, pity kept per user, items into the inventory. */
import { type Db, gachaPity, gameRounds, userItems } from '@casino/db';
import { gachaCost, gachaOdds, hmacStream, pullGachaBatch, pullsToGuarantee, type TCurrency, type TGachaOutcome } from '@casino/shared';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Deps } from '../../deps';
import { activeGameConfig, gameConfigAt } from '../game-config/cache';
import { pageCursorOf, pageOf } from '../shared/page';
import { fairnessRef } from './fairness';
import { afterCursor } from './history';
import { playRound } from './play';

async function lockPity(tx: Db, userId: number): Promise<number> {
  await tx.insert(gachaPity).values({ userId, counter: 0 }).onConflictDoNothing();
  const [row] = await tx.select({ counter: gachaPity.counter }).from(gachaPity).where(eq(gachaPity.userId, userId)).for('update');
  return row?.counter ?? 0;
}

export async function pull(deps: Deps, userId: number, count: 1 | 10, currency: TCurrency) {
  const { version, config } = await activeGameConfig(deps);
  const cfg = config.gacha;
  const cost = gachaCost(cfg, count);
  const round = await playRound(deps, {
    userId,
    game: 'gacha',
    configVersion: version,
    currency,
    cost,
    decide: async (seed, tx) => {
      const pityBefore = await lockPity(tx, userId);
      const pulls = pullGachaBatch(cfg, hmacStream(seed.serverSeed, seed.clientSeed, seed.nonce), { count, pityCounter: pityBefore });
      const best = pulls.some((p) => p.rarity === 'legendary' || p.rarity === 'epic');
      return {
        payout: 0,
        result: best ? 'win' : 'loss',
        outcome: { count, pityBefore, items: pulls, pityAfter: pulls.at(-1)?.pityCounter ?? pityBefore },
      };
    },
    beforeCommit: async (o, tx) => {
      await tx.update(gachaPity).set({ counter: o.pityAfter, updatedAt: deps.clock.now() }).where(eq(gachaPity.userId, userId));
      for (const p of o.items) {
        await tx
          .insert(userItems)
          .values({ userId, itemId: p.itemId, rarity: p.rarity, quantity: 1, firstAcquiredAt: deps.clock.now() })
          .onConflictDoUpdate({ target: [userItems.userId, userItems.itemId], set: { quantity: sql`${userItems.quantity} + 1` } });
      }
    },
  });
  const names = new Map(Object.values(cfg.items).flatMap((list) => list.map((i) => [i.id, i.name] as const)));
  return {
    roundId: round.roundId,
    items: round.outcome.items.map((p) => ({
      rarity: p.rarity,
      item: { id: p.itemId, name: names.get(p.itemId) ?? p.itemId },
      animationType: p.animationType,
    })),
    pityCounter: round.outcome.pityAfter,
    guaranteedWithin: pullsToGuarantee(cfg.pity.threshold, round.outcome.pityAfter),
    cost,
    currency,
    balance: round.balance,
    fairness: fairnessRef(round.seed),
    configVersion: version,
  };
}

export async function gachaPublicConfig(deps: Deps, at?: number) {
  const active = at === undefined ? await activeGameConfig(deps) : { version: at, config: await gameConfigAt(deps, at) };
  const cfg = active.config.gacha;
  // Weights and near-miss weights are published in full so clients can re-derive pulls exactly.
  return {
    version: active.version,
    rarities: gachaOdds(cfg),
    weights: cfg.weights,
    nearMiss: cfg.nearMiss,
    costs: { single: cfg.costs.single, ten: cfg.costs.ten },
    pity: cfg.pity,
    items: cfg.items,
    values: cfg.values,
  };
}

export async function pityOf(db: Db, userId: number): Promise<number> {
  const [row] = await db.select({ counter: gachaPity.counter }).from(gachaPity).where(eq(gachaPity.userId, userId));
  return row?.counter ?? 0;
}

export async function inventory(db: Db, userId: number) {
  return db.select().from(userItems).where(eq(userItems.userId, userId)).orderBy(desc(userItems.quantity));
}

export async function gachaHistory(db: Db, userId: number, opts: { cursor?: string | undefined; limit: number }) {
  const rows = await db
    .select({
      id: gameRounds.id,
      cost: gameRounds.bet,
      currency: gameRounds.currency,
      outcome: gameRounds.outcome,
      nonce: gameRounds.nonce,
      createdAt: gameRounds.createdAt,
    })
    .from(gameRounds)
    .where(and(eq(gameRounds.userId, userId), eq(gameRounds.game, 'gacha'), afterCursor(opts.cursor)))
    .orderBy(desc(gameRounds.createdAt), desc(gameRounds.id))
    .limit(opts.limit + 1);
  // Stored by pull(), checked against ZGachaOutcome by recordRound.
  return pageOf(rows as (Omit<(typeof rows)[number], 'outcome'> & { outcome: TGachaOutcome })[], opts.limit, pageCursorOf);
}
