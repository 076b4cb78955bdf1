import { type TGlobalMetrics, ZGlobalMetrics, ZTickSeconds } from '@casino/shared';
import { z } from 'zod';
import type { Deps } from '../../deps';
import { acquireIpStreamLease, type StreamLease } from '../../realtime/stream-lease';
import { ticks } from '../../realtime/ticks';
import { getGlobalMetrics } from '../../services/live/metrics';
import { publicProcedure, router } from '../../trpc';

export const metricsRouter = router({
  /** SPEC §4 global metrics: no login, no personal data, the same figures on every instance. */
  global: publicProcedure.output(ZGlobalMetrics).query(({ ctx }) => getGlobalMetrics(ctx.deps)),

  /** The same figures now and then every `intervalSec` (2–30 s) while subscribed. */
  onGlobal: publicProcedure
    .input(z.object({ intervalSec: ZTickSeconds }).default({ intervalSec: 5 }))
    .subscription(async ({ ctx, input, signal }) => {
      const lease = await acquireIpStreamLease(ctx.deps, ctx.meta.ip);
      return globalTicks(ctx.deps, lease, input.intervalSec * 1000, signal);
    }),
});

async function* globalTicks(deps: Deps, lease: StreamLease, ms: number, signal: AbortSignal | undefined): AsyncGenerator<TGlobalMetrics> {
  lease.keepAlive();
  try {
    for await (const _ of ticks(ms, signal)) yield await getGlobalMetrics(deps);
  } finally {
    await lease.release();
  }
}
