/**
 * One virtual slot player of `pnpm bench games` (runs in the load process, see lib/http-load.ts).
 *
 * Client i plays as player i with that player's own session: a player's spins are serialised
 * by its seed-row lock anyway, so one closed loop per player is what 32 concurrent players
 * are. Each client is its own createCasinoClient (refresh-retry link → httpBatchLink,
 * superjson) with one call in flight, i.e. one HTTP request per spin.
 */
import { createCasinoClient, memoryTokenStore } from '@casino/client';
import type { LoadOp } from './lib/http-load';
import type { BenchPlayer } from './lib/players';

export type SlotLoadParams = { baseUrl: string; players: BenchPlayer[]; bet: number };

export function createOp(params: SlotLoadParams, clientIndex: number): LoadOp {
  const player = params.players[clientIndex];
  if (!player) throw new Error(`no player for client ${clientIndex}`);
  // The access token outlives the run, so no client ever refreshes.
  const client = createCasinoClient({
    baseUrl: params.baseUrl,
    tokens: memoryTokenStore({ accessToken: player.accessToken, refreshToken: player.refreshToken }),
  });
  const input = { bet: params.bet };
  return () => client.games.slot.spin.mutate(input);
}
