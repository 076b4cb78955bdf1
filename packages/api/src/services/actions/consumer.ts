/**
 * Reading the action stream as an analytics consumer: a consumer group shares the entries
 * among its consumers; each entry is handled, then acknowledged. A consumer that crashed
 * first redoes its pending (delivered, unacknowledged) entries, so nothing is skipped;
 * handlers should be idempotent by action id, since a crash between handling and
 * acknowledging hands an entry over again. apps/server/src/cli/actions-consumer.ts runs this.
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { Kv } from '../../infra/kv';
import { ACTIONS_STREAM, type StreamedAction } from './log';

export type ConsumerOptions = {
  group: string;
  consumer: string;
  /** Entries per read. */
  count?: number;
  handle(actions: StreamedAction[]): Promise<void>;
};

/** One read: this consumer's pending entries if it has any, else new ones; returns how many it handled. */
export async function consumeOnce(kv: Kv, opts: ConsumerOptions): Promise<number> {
  const count = opts.count ?? 100;
  let entries = await kv.xreadGroup(ACTIONS_STREAM, opts.group, opts.consumer, { count, pending: true });
  if (entries.length === 0) entries = await kv.xreadGroup(ACTIONS_STREAM, opts.group, opts.consumer, { count });
  if (entries.length === 0) return 0;
  await opts.handle(entries.map((e) => JSON.parse(e.data) as StreamedAction));
  await kv.xack(
    ACTIONS_STREAM,
    opts.group,
    entries.map((e) => e.id),
  );
  return entries.length;
}

/** Reads until `signal` aborts, pausing `idleMs` whenever the stream has nothing new. */
export async function consumeActions(kv: Kv, opts: ConsumerOptions & { signal: AbortSignal; idleMs?: number }): Promise<number> {
  let total = 0;
  while (!opts.signal.aborted) {
    const n = await consumeOnce(kv, opts);
    total += n;
    if (n === 0) await delay(opts.idleMs ?? 1000, undefined, { signal: opts.signal }).catch(() => {});
  }
  return total;
}
