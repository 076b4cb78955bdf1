/** Output schemas: `.output()` strips anything not listed, so no hash or phone can leak. */
import { ROLES, ZCurrency, ZRank, ZUserStatus } from '@casino/shared';
import { z } from 'zod';

export const ZProfile = z.object({
  id: z.number(),
  siteId: z.string(),
  nickname: z.string(),
  role: z.enum(ROLES),
  rank: ZRank,
  status: ZUserStatus,
  gold: z.number(),
  gems: z.number(),
  vipPoints: z.number(),
  level: z.number(),
  experience: z.number(),
  maxExperience: z.number(),
  battlepassLevel: z.number(),
  mustChangePassword: z.boolean(),
  createdAt: z.date(),
  lastLoginAt: z.date().nullable(),
});

export const ZTokenPair = z.object({ accessToken: z.string(), refreshToken: z.string(), expiresIn: z.number() });
export const ZAuthResult = ZTokenPair.extend({ user: ZProfile });
export const ZOk = z.object({ ok: z.literal(true) });

export const ZLedgerEntry = z.object({
  id: z.number(),
  currency: ZCurrency,
  delta: z.number(),
  balanceAfter: z.number(),
  reason: z.string(),
  refType: z.string().nullable(),
  refId: z.string().nullable(),
  createdAt: z.date(),
});

export const page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.number().nullable() });
/** Pages ordered by (createdAt, id) with uuid ids: the cursor is a string (ZPageCursor). */
export const timePage = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });
