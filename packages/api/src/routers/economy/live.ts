import { ZText } from '@casino/shared';
import { tracked } from '@trpc/server';
import { z } from 'zod';
import { protectedProcedure } from '../../trpc';
import { ZEventId } from '../shared/inputs';

/** All of the user's live events over SSE; resumes after `lastEventId` (set by the client link). */
export const liveProcedure = protectedProcedure
  .input(
    z
      .object({
        topics: z.array(ZText.max(40)).max(20).optional(),
        lastEventId: ZEventId.nullish(),
      })
      .optional(),
  )
  .subscription(async function* ({ ctx, input, signal }) {
    const topics = input?.topics?.length ? new Set(input.topics) : null;
    for await (const ev of ctx.bus.stream(ctx.user.id, { lastEventId: input?.lastEventId ?? null, ...(signal ? { signal } : {}) })) {
      if (!topics || topics.has(ev.type)) yield tracked(ev.id, { type: ev.type, data: ev.data, at: ev.at });
      // A ban or forced logout ends the stream; the client's reconnect then fails authentication.
      if (ev.type === 'session_revoked') return;
    }
  });
