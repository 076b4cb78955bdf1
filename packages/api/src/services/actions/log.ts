/**
 * economy.actions.log: batches of at most 50 actions (32 KB) from a logged-in player. Personal
 * data is masked first; the actions are stored (indexed by user+time and type+time), then
 * appended to the Redis stream analytics consumers read with a consumer group (consumer.ts).
 * PostgreSQL is the record: a Redis outage loses stream entries, never stored actions.
 */
import { actionLog } from '@casino/db';
import { MAX_ACTION_BATCH_BYTES, type TAction } from '@casino/shared';
import { RateLimiterRes } from 'rate-limiter-flexible';
import type { Deps } from '../../deps';
import { DomainError } from '../../errors';
import { maskPii, maskText } from './mask';

export const ACTIONS_STREAM = 'stream:actions';
/** Entries kept in the stream for consumers that fall behind (about; Redis trims in whole blocks). */
export const ACTIONS_STREAM_MAX = 100_000;
/** Batches per player per minute: a well-behaved SPA sends a few. */
export const ACTION_BATCHES_PER_MINUTE = 60;
/** A client time this far off is not believed (kept as null). */
const CLIENT_SKEW_MS = 24 * 60 * 60 * 1000;

/** What a stream entry holds (JSON in its `d` field). */
export type StreamedAction = {
  id: number;
  userId: number;
  type: string;
  name: string | null;
  payload: Record<string, unknown> | null;
  clientAt: string | null;
  at: string;
};

type Limiter = ReturnType<Deps['kv']['limiter']>;
const limiters = new WeakMap<Deps['kv'], Limiter>();

async function takeBatch(deps: Pick<Deps, 'kv'>, userId: number) {
  let l = limiters.get(deps.kv);
  if (!l) {
    l = deps.kv.limiter({ keyPrefix: 'actions', points: ACTION_BATCHES_PER_MINUTE, durationSec: 60 });
    limiters.set(deps.kv, l);
  }
  try {
    await l.consume(String(userId));
  } catch (e) {
    if (e instanceof RateLimiterRes) throw new DomainError('rate_limited', { retryAfterMs: e.msBeforeNext });
    throw e;
  }
}

export async function logActions(deps: Deps, userId: number, actions: readonly TAction[]): Promise<{ accepted: number }> {
  const bytes = new TextEncoder().encode(JSON.stringify(actions)).length;
  if (bytes > MAX_ACTION_BATCH_BYTES) throw new DomainError('action_batch_too_large', { bytes, maxBytes: MAX_ACTION_BATCH_BYTES });
  await takeBatch(deps, userId);
  const now = deps.clock.now();
  const rows = await deps.db
    .insert(actionLog)
    .values(
      actions.map((a) => ({
        userId,
        type: a.type,
        name: a.name ? maskText(a.name) : null,
        payload: a.payload ? (maskPii(a.payload) as Record<string, unknown>) : null,
        clientAt: a.at && Math.abs(a.at.getTime() - now.getTime()) <= CLIENT_SKEW_MS ? a.at : null,
        createdAt: now,
      })),
    )
    .returning();
  const streamed = rows.map(
    (r): StreamedAction => ({
      id: r.id,
      userId: r.userId,
      type: r.type,
      name: r.name,
      payload: (r.payload as Record<string, unknown> | null) ?? null,
      clientAt: r.clientAt?.toISOString() ?? null,
      at: r.createdAt.toISOString(),
    }),
  );
  await Promise.all(streamed.map((a) => deps.kv.xadd(ACTIONS_STREAM, JSON.stringify(a), { maxLen: ACTIONS_STREAM_MAX }))).catch((err) =>
    deps.logger.warn({ err, actions: rows.length }, 'action log: stored, but not appended to the analytics stream'),
  );
  return { accepted: rows.length };
}
