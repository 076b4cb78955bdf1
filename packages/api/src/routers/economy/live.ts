import { ZLiveEventType } from '@casino/shared';
import { tracked } from '@trpc/server';
import { z } from 'zod';
import type { Deps } from '../../deps';
import { acquireStreamLease, type StreamLease } from '../../realtime/stream-lease';
import { endsSession } from '../../services/auth/sessions';
import { notePresence, PRESENCE_WRITE_MS } from '../../services/live/presence';
import { protectedProcedure } from '../../trpc';
import { ZEventId } from '../shared/inputs';

/**
 * All of the user's live events over SSE; resumes after `lastEventId` (set by the client link).
 * The lease is taken before the stream starts, so a refusal is a typed error.
 */
export const liveProcedure = protectedProcedure
  .input(
    z
      .object({
        /** Only these event types (CONTRACT "Live"); absent = all of them. */
        topics: z.array(ZLiveEventType).min(1).max(20).optional(),
        lastEventId: ZEventId.nullish(),
      })
      .optional(),
  )
  .subscription(async ({ ctx, input, signal }) => {
    const lease = await acquireStreamLease(ctx.deps, ctx.user);
    const topics = input?.topics ? new Set<string>(input.topics) : null;
    return liveEvents(ctx.deps, ctx.user, lease, { topics, lastEventId: input?.lastEventId ?? null, signal });
  });

async function* liveEvents(
  deps: Deps,
  user: { id: number; sessionId: string },
  lease: StreamLease,
  opts: { topics: Set<string> | null; lastEventId: string | null; signal: AbortSignal | undefined },
) {
  lease.keepAlive();
  // An open stream keeps its player counted online (presence is throttled per instance).
  const seen = setInterval(() => notePresence(deps, user.id), PRESENCE_WRITE_MS);
  seen.unref();
  try {
    for await (const ev of deps.bus.stream(user.id, { lastEventId: opts.lastEventId, ...(opts.signal ? { signal: opts.signal } : {}) })) {
      // Another session's end is not this stream's business; its own session's end closes it.
      const ending = ev.type === 'session_revoked';
      if (ending && !endsSession(ev.data, user.sessionId)) continue;
      // The envelope keeps the union: clients narrow `data` by `type`.
      const { id, ...envelope } = ev;
      if (!opts.topics || opts.topics.has(ev.type)) yield tracked(id, envelope);
      if (ending) return;
    }
  } finally {
    clearInterval(seen);
    await lease.release();
  }
}
