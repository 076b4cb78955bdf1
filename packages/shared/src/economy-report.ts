/** The admin economy page: reconciliation history, ledger flows by reason and day, top balances, large movements. */
import { z } from 'zod';
import { ZCurrency } from './schemas';

export const ZReconcileViolation = z.object({
  userId: z.number().int(),
  currency: ZCurrency,
  balance: z.number(),
  ledgerSum: z.number(),
});

export const ZReconcileRun = z.object({
  id: z.number().int(),
  trigger: z.enum(['manual', 'scheduled']),
  adminId: z.number().int().nullable(),
  checkedUsers: z.number().int(),
  violationCount: z.number().int(),
  violations: z.array(ZReconcileViolation),
  durationMs: z.number().int(),
  createdAt: z.date(),
});
export type TReconcileRun = z.infer<typeof ZReconcileRun>;

export const ZReconcileRunPage = z.object({ items: z.array(ZReconcileRun), nextCursor: z.number().int().nullable() });

/**
 * Ledger movements per local day and reason: `credits` (sources, > 0) and `debits` (sinks,
 * as a positive amount), one row per day × currency × reason that moved anything.
 */
export const ZEconomyFlows = z.object({
  days: z.array(z.string()),
  rows: z.array(
    z.object({
      day: z.string(),
      currency: ZCurrency,
      reason: z.string(),
      credits: z.number(),
      debits: z.number(),
      entries: z.number().int(),
    }),
  ),
  /** Gold and gems held by every player now: what the flows have added up to. */
  supply: z.object({ gold: z.number(), gems: z.number() }),
  timeZone: z.string(),
  generatedAt: z.date(),
});
export type TEconomyFlows = z.infer<typeof ZEconomyFlows>;

export const ZTopBalances = z.array(
  z.object({ userId: z.number().int(), siteId: z.string(), nickname: z.string(), rank: z.string(), balance: z.number() }),
);

export const ZLargeMovement = z.object({
  id: z.number().int(),
  userId: z.number().int(),
  siteId: z.string(),
  nickname: z.string(),
  currency: ZCurrency,
  delta: z.number(),
  balanceAfter: z.number(),
  reason: z.string(),
  refType: z.string().nullable(),
  refId: z.string().nullable(),
  createdAt: z.date(),
});
export const ZLargeMovementPage = z.object({ items: z.array(ZLargeMovement), nextCursor: z.number().int().nullable() });
