import { ZCurrency, ZLimit, ZText } from '@casino/shared';
import { z } from 'zod';
import { getBalance, ledgerPage } from '../../services/wallet/queries';
import { protectedProcedure, router } from '../../trpc';
import { page, ZLedgerEntry } from '../shared/outputs';

export const walletRouter = router({
  balance: protectedProcedure
    .output(z.object({ gold: z.number(), gems: z.number(), vipPoints: z.number() }))
    .query(({ ctx }) => getBalance(ctx.deps.db, ctx.user.id)),

  history: protectedProcedure
    .input(
      z
        .object({
          cursor: z.number().int().positive().optional(),
          limit: ZLimit,
          currency: ZCurrency.optional(),
          reason: ZText.max(64).optional(),
        })
        .default({ limit: 20 }),
    )
    .output(page(ZLedgerEntry))
    .query(({ ctx, input }) => ledgerPage(ctx.deps.db, ctx.user.id, input)),
});
