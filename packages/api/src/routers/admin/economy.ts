import {
  ZCurrency,
  ZEconomyFlows,
  ZLargeMovementPage,
  ZReconcileRun,
  ZReconcileRunPage,
  ZReconcileViolation,
  ZTimeZone,
  ZTopBalances,
} from '@casino/shared';
import { z } from 'zod';
import { economyFlows, largeMovements, listReconciliationRuns, runReconciliation, topBalances } from '../../services/economy/reports';
import { reconcile } from '../../services/wallet/queries';
import { router, staffProcedure } from '../../trpc';

const ZRunId = z.number().int().positive();

export const adminEconomyRouter = router({
  /** CONTRACT: balance = sum(ledger) for every user, answered without recording a run. */
  reconcile: staffProcedure
    .output(z.object({ checkedUsers: z.number(), violations: z.array(ZReconcileViolation) }))
    .query(({ ctx }) => reconcile(ctx.deps.db)),

  /** The same check, recorded in the history with who asked (the page's "Run reconciliation"). */
  runReconcile: staffProcedure.output(ZReconcileRun).mutation(async ({ ctx }) => {
    const { allViolations: _all, ...run } = await runReconciliation(ctx.deps, 'manual', ctx.user.id);
    return run;
  }),

  /** Recorded reconciliations (manual and the periodic alert scan's), newest first. */
  reconcileHistory: staffProcedure
    .input(z.object({ cursor: ZRunId.optional(), limit: z.number().int().min(1).max(100).default(20) }).default({ limit: 20 }))
    .output(ZReconcileRunPage)
    .query(({ ctx, input }) => listReconciliationRuns(ctx.deps.db, input)),

  /** Sources and sinks of gold and gems: ledger credits and debits per local day and reason. */
  flows: staffProcedure
    .input(z.object({ timeZone: ZTimeZone, days: z.number().int().min(1).max(90).default(14) }).default({ timeZone: 'UTC', days: 14 }))
    .output(ZEconomyFlows)
    .query(({ ctx, input }) => economyFlows(ctx.deps, input.timeZone, input.days)),

  topBalances: staffProcedure
    .input(
      z
        .object({ currency: ZCurrency.default('gold'), limit: z.number().int().min(1).max(100).default(20) })
        .default({ currency: 'gold', limit: 20 }),
    )
    .output(ZTopBalances)
    .query(({ ctx, input }) => topBalances(ctx.deps.db, input.currency, input.limit)),

  /** Single ledger entries of at least `minAmount` (either way), newest first. */
  largeMovements: staffProcedure
    .input(
      z
        .object({
          minAmount: z.number().int().min(1).max(1e12).default(10_000),
          currency: ZCurrency.optional(),
          from: z.coerce.date().optional(),
          to: z.coerce.date().optional(),
          cursor: z.number().int().positive().optional(),
          limit: z.number().int().min(1).max(100).default(50),
        })
        .default({ minAmount: 10_000, limit: 50 }),
    )
    .output(ZLargeMovementPage)
    .query(({ ctx, input }) => largeMovements(ctx.deps.db, input)),
});
