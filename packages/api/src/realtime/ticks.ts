/** Periodic subscriptions (onGlobal, onStats): one tick now, then every `ms` until `signal` aborts. */
import { setTimeout as delay } from 'node:timers/promises';

export async function* ticks(ms: number, signal: AbortSignal | undefined): AsyncGenerator<number> {
  for (let n = 0; !signal?.aborted; n++) {
    yield n;
    try {
      await delay(ms, undefined, signal ? { signal } : {});
    } catch {
      return; // aborted while waiting
    }
  }
}
