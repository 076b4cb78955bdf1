import { ZBet, ZCrashRoundEvent, ZCrashTarget, ZFairnessRef, ZText } from '@casino/shared';
import { tracked } from '@trpc/server';
import { z } from 'zod';
import { acquireStreamLease } from '../../realtime/stream-lease';
import { cashout, crashPublicConfig, crashRoundEvents, currentRound, placeBet } from '../../services/games/crash';
import { protectedProcedure, publicProcedure, router } from '../../trpc';
import { ZEventId } from '../shared/inputs';
import { ZCrashPublicConfig } from './outputs';

/** games.crash.*: thin procedures over services/games/crash (no crash point before a round ends). */
export const crashRouter = router({
  config: publicProcedure
    .input(z.object({ version: z.number().int().min(1).max(2_147_483_647).optional() }).optional())
    .output(ZCrashPublicConfig)
    .query(({ ctx, input }) => crashPublicConfig(ctx.deps, input?.version)),
  bet: protectedProcedure
    .input(z.object({ bet: ZBet, autoCashout: ZCrashTarget.nullish() }))
    .output(
      z.object({
        gameId: z.string(),
        startedAt: z.date(),
        balance: z.number(),
        autoCashout: z.number().nullable(),
        fairness: ZFairnessRef,
        /** The game configuration version the round keeps until it settles (edge and cap). */
        configVersion: z.number().int(),
      }),
    )
    .mutation(({ ctx, input }) => placeBet(ctx.deps, ctx.user.id, input)),

  cashout: protectedProcedure
    // Any string: an unknown id answers NOT_FOUND like a settled one; omitted → the round in play.
    .input(z.object({ gameId: ZText.max(64).optional() }))
    .output(z.object({ gameId: z.string(), multiplier: z.number(), payout: z.number(), balance: z.number(), crashPoint: z.number() }))
    .mutation(({ ctx, input }) => cashout(ctx.deps, ctx.user.id, input.gameId ?? null)),

  current: protectedProcedure
    .output(
      z.object({
        available: z.boolean(),
        serverNow: z.date(),
        session: z
          .object({
            gameId: z.string(),
            bet: z.number(),
            autoCashout: z.number().nullable(),
            startedAt: z.date(),
            expiresAt: z.date(),
            elapsedMs: z.number(),
            multiplier: z.number(),
            settling: z.boolean(),
            serverNow: z.date(),
          })
          .nullable(),
      }),
    )
    .query(({ ctx }) => currentRound(ctx.deps, ctx.user.id)),

  /**
   * Ticks (every games.crash.tickMs, server clock) and start / cashout / bust / expired events; resumable by last event id.
   * tRPC's .output() would parse the returned iterable, not what it yields, so each bus event is checked against ZCrashRoundEvent here.
   */
  onRound: protectedProcedure
    .input(z.object({ lastEventId: ZEventId.nullish() }).optional())
    .subscription(async ({ ctx, input, signal }) => {
      const lease = await acquireStreamLease(ctx.deps, ctx.user);
      return (async function* () {
        lease.keepAlive();
        try {
          const events = crashRoundEvents(ctx.deps, ctx.user, { lastEventId: input?.lastEventId ?? null, ...(signal ? { signal } : {}) });
          // Ticks are built on this server from a typed round (four per second per stream): only bus events are re-checked.
          for await (const ev of events) yield tracked(ev.id, ev.data.kind === 'tick' ? ev.data : ZCrashRoundEvent.parse(ev.data));
        } finally {
          await lease.release();
        }
      })();
    }),
});
