/** A player's rounds with what is needed to re-derive each one. */
import { type Db, fairnessSeeds, gameRounds } from '@casino/db';
import type { TGameOutcome } from '@casino/shared';
import { and, desc, eq, lt, or, sql } from 'drizzle-orm';
import { pageCursorOf, pageOf, parsePageCursor } from '../shared/page';
import type { TGame } from './rounds';

/** Rows strictly after a page cursor (ZPageCursor) in (createdAt, id) descending order. */
export function afterCursor(cursor: string | undefined) {
  if (!cursor) return undefined;
  const { at, id } = parsePageCursor(cursor);
  return or(lt(gameRounds.createdAt, at), and(eq(gameRounds.createdAt, at), lt(gameRounds.id, id)));
}

export async function roundsPage(db: Db, userId: number, opts: { game?: TGame | undefined; cursor?: string | undefined; limit: number }) {
  const after = afterCursor(opts.cursor);
  const rows = await db
    .select({
      id: gameRounds.id,
      game: gameRounds.game,
      currency: gameRounds.currency,
      bet: gameRounds.bet,
      payout: gameRounds.payout,
      multiplier: gameRounds.multiplier,
      result: gameRounds.result,
      outcome: gameRounds.outcome,
      nonce: gameRounds.nonce,
      configVersion: gameRounds.configVersion,
      createdAt: gameRounds.createdAt,
      serverSeedHash: fairnessSeeds.serverSeedHash,
      clientSeed: fairnessSeeds.clientSeed,
      serverSeed: sql<string | null>`CASE WHEN ${fairnessSeeds.revealedAt} IS NULL THEN NULL ELSE ${fairnessSeeds.serverSeed} END`,
    })
    .from(gameRounds)
    .innerJoin(fairnessSeeds, eq(fairnessSeeds.id, gameRounds.seedId))
    .where(and(eq(gameRounds.userId, userId), opts.game ? eq(gameRounds.game, opts.game) : undefined, after))
    .orderBy(desc(gameRounds.createdAt), desc(gameRounds.id))
    .limit(opts.limit + 1);
  // The outcome was checked against its game's schema when recordRound stored it.
  return pageOf(rows as (Omit<(typeof rows)[number], 'game' | 'outcome'> & TGameOutcome)[], opts.limit, pageCursorOf);
}
