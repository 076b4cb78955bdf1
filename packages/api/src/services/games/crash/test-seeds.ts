/**
 * Test helper: gives a player's active seed pair the client seed that makes their next crash
 * round crash where a test needs it (a player could pick that seed; only the server seed, read
 * here from the database, is secret). Makes rare branches — a round over the moment it
 * starts at 1.00 — deterministic instead of a few percent of runs.
 */
import { fairnessSeeds } from '@casino/db';
import { crashPoint } from '@casino/shared';
import { and, eq, isNull } from 'drizzle-orm';
import type { Deps } from '../../../deps';
import { activeGameConfig } from '../../game-config/cache';
import { createSeed } from '../fairness';

export async function nextCrashPoint(deps: Deps, userId: number, wanted: (crashPoint: number) => boolean): Promise<number> {
  await createSeed(deps.db, userId);
  const [seed] = await deps.db
    .select()
    .from(fairnessSeeds)
    .where(and(eq(fairnessSeeds.userId, userId), isNull(fairnessSeeds.revealedAt)));
  if (!seed) throw new Error('no active seed pair');
  const { config } = await activeGameConfig(deps);
  for (let i = 0; i < 100_000; i++) {
    const clientSeed = `forced-${i}`;
    const point = crashPoint(seed.serverSeed, clientSeed, seed.nextNonce, config.crash.houseEdgePercent);
    if (!wanted(point)) continue;
    await deps.db.update(fairnessSeeds).set({ clientSeed }).where(eq(fairnessSeeds.id, seed.id));
    return point;
  }
  throw new Error('no client seed gives the wanted crash point');
}
