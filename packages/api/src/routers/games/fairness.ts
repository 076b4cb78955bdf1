import { ZClientSeed, ZGame, ZVerifyInput, ZVerifyResult } from '@casino/shared';
import { z } from 'zod';
import { currentSeed, rotateSeed, seedHistory, verifyWithConfig } from '../../services/games/fairness';
import { roundsPage } from '../../services/games/history';
import { ZPageCursor } from '../../services/shared/page';
import { protectedProcedure, publicProcedure, router } from '../../trpc';
import { ZRoundsPage, ZSeedHistory, ZSeedRotation } from './outputs';

export const fairnessRouter = router({
  current: protectedProcedure
    .output(z.object({ serverSeedHash: z.string(), clientSeed: z.string(), nextNonce: z.number() }))
    .query(({ ctx }) => currentSeed(ctx.deps, ctx.user.id)),

  rotate: protectedProcedure
    .input(z.object({ clientSeed: ZClientSeed.optional() }).optional())
    .output(ZSeedRotation)
    .mutation(({ ctx, input }) => rotateSeed(ctx.deps, ctx.user.id, input?.clientSeed)),

  /** Pure re-derivation with the configuration in force: anyone can check any revealed round. */
  verify: publicProcedure
    .input(ZVerifyInput)
    .output(ZVerifyResult)
    .query(({ ctx, input }) => verifyWithConfig(ctx.deps, input)),

  seeds: protectedProcedure
    .input(z.object({ limit: z.number().int().min(1).max(100).default(20) }).default({ limit: 20 }))
    .output(ZSeedHistory)
    .query(({ ctx, input }) => seedHistory(ctx.deps.db, ctx.user.id, input.limit)),

  /** The caller's rounds with the seed data needed to verify each (server seed once revealed). */
  rounds: protectedProcedure
    .input(
      z
        .object({
          game: ZGame.optional(),
          cursor: ZPageCursor.optional(),
          limit: z.number().int().min(1).max(100).default(20),
        })
        .default({ limit: 20 }),
    )
    .output(ZRoundsPage)
    .query(({ ctx, input }) => roundsPage(ctx.deps.db, ctx.user.id, input)),
});
