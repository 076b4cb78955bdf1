import { z } from 'zod';
import { listCrashRounds } from '../../services/games/crash';
import { router, staffProcedure } from '../../trpc';

const ZCrashStatus = z.enum(['active', 'cashed', 'busted', 'expired']);

/** admin.crash.sessions: the crash rounds audit, newest first. */
export const adminCrashRouter = router({
  sessions: staffProcedure
    .input(
      z
        .object({
          userId: z.number().int().positive().optional(),
          status: ZCrashStatus.optional(),
          limit: z.number().int().min(1).max(200).default(50),
        })
        .default({ limit: 50 }),
    )
    .output(
      z.array(
        z.object({
          id: z.string(),
          userId: z.number(),
          siteId: z.string(),
          nickname: z.string(),
          bet: z.number(),
          autoCashout: z.number().nullable(),
          /** Withheld (null) while the round is in play. */
          crashPoint: z.number().nullable(),
          seedId: z.number(),
          nonce: z.number(),
          status: ZCrashStatus,
          payout: z.number(),
          cashoutMultiplier: z.number().nullable(),
          startedAt: z.date(),
          expiresAt: z.date(),
          dueAt: z.date(),
          settledAt: z.date().nullable(),
        }),
      ),
    )
    .query(({ ctx, input }) => listCrashRounds(ctx.deps.db, input)),
});
