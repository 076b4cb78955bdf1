/** Output schemas of admin.games.* configuration procedures (no column beyond these leaves). */
import { ZGameConfig, ZGameConfigRtp, ZRtpIssue } from '@casino/shared';
import { z } from 'zod';

const ZVersionMeta = {
  version: z.number().int(),
  reason: z.string(),
  rolledBackFrom: z.number().int().nullable(),
  createdAt: z.date(),
  authorId: z.number().int().nullable(),
  authorNickname: z.string().nullable(),
  rtp: ZGameConfigRtp,
};

export const ZConfigVersion = z.object({ ...ZVersionMeta, config: ZGameConfig });

export const ZConfigVersionDiff = ZConfigVersion.extend({
  previousVersion: z.number().int().nullable(),
  changes: z.array(z.object({ path: z.string(), before: z.unknown(), after: z.unknown() })),
});

export const ZConfigVersionsPage = z.object({
  items: z.array(z.object({ ...ZVersionMeta, changeCount: z.number().int() })),
  nextCursor: z.number().int().nullable(),
});

export const ZConfigValidation = z.object({ ok: z.boolean(), rtp: ZGameConfigRtp, issues: z.array(ZRtpIssue) });

export const ZPublished = z.object({
  version: z.number().int(),
  rtp: ZGameConfigRtp,
  createdAt: z.date(),
  rolledBackFrom: z.number().int().nullable(),
});
