import { ZAdminCharts, ZAdminStats, ZTickSeconds, ZTimeZone } from '@casino/shared';
import { z } from 'zod';
import { acquireStreamLease } from '../../realtime/stream-lease';
import { adminStatsStream } from '../../services/live/admin-stream';
import { getAdminCharts, getAdminStats } from '../../services/live/stats';
import { checkTimeZone } from '../../services/live/time-zone';
import { router, staffProcedure } from '../../trpc';
import { ZEventId } from '../shared/inputs';

export const adminStatsRouter = router({
  /** SPEC §5 stats; `timeZone` (IANA, default UTC) decides where today began for todayRevenue. */
  get: staffProcedure
    .input(z.object({ timeZone: ZTimeZone }).default({ timeZone: 'UTC' }))
    .output(ZAdminStats)
    .query(({ ctx, input }) => getAdminStats(ctx.deps, input.timeZone)),

  /** The dashboard's plots: rounds per minute (last hour), revenue per local day, players online. */
  charts: staffProcedure
    .input(z.object({ timeZone: ZTimeZone, days: z.number().int().min(1).max(90).default(14) }).default({ timeZone: 'UTC', days: 14 }))
    .output(ZAdminCharts)
    .query(({ ctx, input }) => getAdminCharts(ctx.deps, input.timeZone, input.days)),

  /**
   * `stats` every `intervalSec` (2–30 s), `alert` and `transaction` as they happen (tracked:
   * resumes after `lastEventId`, on any instance).
   */
  onStats: staffProcedure
    .input(
      z
        .object({ timeZone: ZTimeZone, intervalSec: ZTickSeconds, lastEventId: ZEventId.nullish() })
        .default({ timeZone: 'UTC', intervalSec: 5 }),
    )
    .subscription(async ({ ctx, input, signal }) => {
      // Refusals (a bad zone, too many streams) come before the stream starts, as typed errors of the call.
      checkTimeZone(input.timeZone);
      const lease = await acquireStreamLease(ctx.deps, ctx.user);
      return adminStatsStream(ctx.deps, ctx.user, lease, {
        timeZone: input.timeZone,
        intervalMs: input.intervalSec * 1000,
        lastEventId: input.lastEventId ?? null,
        signal,
      });
    }),
});
