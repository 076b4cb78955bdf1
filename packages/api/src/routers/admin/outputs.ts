/** Output schemas of admin procedures: what the console may see, nothing more (no hashes, no keys). */
import { z } from 'zod';
import { page, ZOk } from '../shared/outputs';

export const ZOkOutput = ZOk;

export const ZInvite = z.object({
  id: z.number(),
  code: z.string(),
  expiresAt: z.date().nullable(),
  maxUses: z.number().nullable(),
  usedCount: z.number(),
  createdBy: z.number().nullable(),
  isActive: z.boolean(),
  createdAt: z.date(),
});

export const ZAuditEntry = z.object({
  id: z.number(),
  adminId: z.number(),
  adminNickname: z.string(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  targetLabel: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  meta: z.unknown(),
  reason: z.string().nullable(),
  createdAt: z.date(),
});

export const ZInvitePage = page(ZInvite);
export const ZAuditPage = page(ZAuditEntry);

export const ZApprovalSummary = z.object({ id: z.number(), status: z.enum(['pending', 'approved', 'rejected']) });

export const ZApprovalPage = z.object({
  items: z.array(
    z.object({
      id: z.number(),
      kind: z.enum(['adjust_balance', 'grant_bulk']),
      payload: z.unknown(),
      gold: z.number(),
      gems: z.number(),
      reason: z.string(),
      status: z.enum(['pending', 'approved', 'rejected']),
      requestedBy: z.number(),
      requestedByNickname: z.string(),
      decidedBy: z.number().nullable(),
      decidedByNickname: z.string().nullable(),
      decidedAt: z.date().nullable(),
      decisionNote: z.string().nullable(),
      result: z.unknown(),
      createdAt: z.date(),
    }),
  ),
  nextCursor: z.number().nullable(),
});

export const ZAuditTablePage = z.object({ items: z.array(ZAuditEntry), total: z.number(), page: z.number(), pageSize: z.number() });
