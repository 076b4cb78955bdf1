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
export const ZAuditTablePage = z.object({ items: z.array(ZAuditEntry), total: z.number(), page: z.number(), pageSize: z.number() });
