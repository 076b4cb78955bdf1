/** Server-to-server entry: the same client with an EventSource for Node (which has none built in). */
import { EventSource } from 'eventsource';
import { type CasinoClient, type ClientOptions, createCasinoClient } from './index';

export * from './index';

export function createNodeClient(opts: ClientOptions): CasinoClient {
  return createCasinoClient({ EventSource: EventSource as unknown as typeof globalThis.EventSource, ...opts });
}
