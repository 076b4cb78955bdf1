/**
 * Rounds whose outcome a seed has already fixed but that are not settled yet (games with a
 * delayed outcome: crash today). While one exists, its seed must stay secret — revealing it
 * tells the player the outcome of a round they can still act on. A new delayed-outcome game
 * adds its query to DELAYED_GAMES; seed rotation consults them all.
 */
import { crashBets, type Db } from '@casino/db';
import { and, eq } from 'drizzle-orm';
import type { TGame } from './rounds';

export type UnsettledRound = { game: TGame; roundId: string };
type SeedRef = { userId: number; seedId: number };

const DELAYED_GAMES: ReadonlyArray<(tx: Db, ref: SeedRef) => Promise<UnsettledRound[]>> = [
  // user_id first: the partial unique index on active rounds answers it.
  async (tx, { userId, seedId }) =>
    (
      await tx
        .select({ id: crashBets.id })
        .from(crashBets)
        .where(and(eq(crashBets.userId, userId), eq(crashBets.status, 'active'), eq(crashBets.seedId, seedId)))
    ).map((r) => ({ game: 'crash', roundId: r.id })),
];

/** The user's unsettled rounds under `seedId`. Call it holding the seed row's lock so no round can start meanwhile. */
export async function unsettledRounds(tx: Db, ref: SeedRef): Promise<UnsettledRound[]> {
  return (await Promise.all(DELAYED_GAMES.map((q) => q(tx, ref)))).flat();
}
