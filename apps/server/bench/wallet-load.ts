/**
 * One virtual admin client of `pnpm bench wallet` (runs in the load process).
 *
 * Each client is its own createCasinoClient, i.e. the production link chain
 * (refresh-retry link → httpBatchLink, superjson). A client has at most one call in
 * flight, so every batch holds exactly one operation: one HTTP request per debit,
 * as with httpLink, and the batching path real callers use is what gets measured.
 */
import { createCasinoClient, memoryTokenStore, type TokenPair } from '@casino/client';
import type { LoadOp } from './lib/http-load';

export type WalletLoadParams = { baseUrl: string; tokens: TokenPair; playerIds: number[]; clients: number };

/** Client c debits players c, c + clients, … in turn (as wallet.ts's wrk connections and pgbench clients do). */
export function createOp(params: WalletLoadParams, clientIndex: number): LoadOp {
  // The access token outlives the run, so no client ever refreshes (32 clients
  // refreshing one token family at once would trip reuse detection).
  const client = createCasinoClient({ baseUrl: params.baseUrl, tokens: memoryTokenStore(params.tokens) });
  const ids = params.playerIds.filter((_, i) => i % params.clients === clientIndex);
  let k = 0;
  return () => {
    const userId = ids[k++ % ids.length] as number;
    return client.admin.users.adjustBalance.mutate({ userId, currency: 'gold', delta: -1, reason: 'bench debit' });
  };
}
