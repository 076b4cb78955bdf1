/** Output schemas of admin.users: what the console may see (no password hash, no token hashes). */
import { ZRank } from '@casino/shared';
import { z } from 'zod';
import { page, ZLedgerEntry, ZProfile } from '../shared/outputs';

export const ZAdminUserRow = ZProfile.pick({
  id: true,
  siteId: true,
  nickname: true,
  role: true,
  rank: true,
  status: true,
  gold: true,
  gems: true,
  level: true,
  createdAt: true,
  lastLoginAt: true,
}).extend({ locked: z.boolean(), lockedUntil: z.date().nullable() });

export const ZAdminUserPage = page(ZAdminUserRow);
export const ZAdminUserTablePage = z.object({ items: z.array(ZAdminUserRow), total: z.number(), page: z.number(), pageSize: z.number() });

const ZSession = z.object({
  id: z.string(),
  userAgent: z.string().nullable(),
  ip: z.string().nullable(),
  createdAt: z.date(),
  lastUsedAt: z.date(),
  revokedAt: z.date().nullable(),
  revokedReason: z.string().nullable(),
});

export const ZAdminUserDetail = z.object({
  profile: ZProfile.extend({
    phoneNumber: z.string().nullable(),
    banReason: z.string().nullable(),
    bannedAt: z.date().nullable(),
    anonymisedAt: z.date().nullable(),
  }),
  lockout: z.object({ locked: z.boolean(), failures: z.number(), maxFailures: z.number(), lockedUntil: z.date().nullable() }),
  totp: z.object({ enabled: z.boolean(), enabledAt: z.date().nullable() }),
  stats: z.array(
    z.object({
      game: z.string(),
      totalBets: z.number(),
      totalWins: z.number(),
      totalWagered: z.number(),
      totalPayout: z.number(),
      highestMultiplier: z.number(),
    }),
  ),
  recentRounds: z.array(
    z.object({
      id: z.string(),
      game: z.string(),
      bet: z.number(),
      payout: z.number(),
      multiplier: z.number(),
      result: z.string(),
      createdAt: z.date(),
    }),
  ),
  recentLedger: z.array(ZLedgerEntry),
  recentRewards: z.array(
    z.object({
      id: z.number(),
      source: z.string(),
      description: z.string().nullable(),
      gold: z.number(),
      gems: z.number(),
      xp: z.number(),
      createdAt: z.date(),
    }),
  ),
  sessions: z.array(ZSession),
  activeSessions: z.array(ZSession),
  recentLogins: z.array(
    z.object({
      id: z.number(),
      success: z.boolean(),
      reason: z.string().nullable(),
      ip: z.string().nullable(),
      userAgent: z.string().nullable(),
      createdAt: z.date(),
    }),
  ),
});

export const ZUpdateResult = z.object({
  ok: z.literal(true),
  before: z.object({ nickname: z.string().optional(), rank: ZRank.optional(), role: z.string().optional() }),
  after: z.object({ nickname: z.string().optional(), rank: ZRank.optional(), role: z.string().optional() }),
});

const ZImportStatus = z.enum(['created', 'valid', 'invalid', 'duplicate', 'taken']);
export const ZImportReport = z.object({
  dryRun: z.boolean(),
  total: z.number(),
  summary: z.record(ZImportStatus, z.number()),
  rows: z.array(
    z.object({
      index: z.number(),
      siteId: z.string(),
      status: ZImportStatus,
      errors: z.array(z.string()),
      userId: z.number().optional(),
      temporaryPassword: z.string().optional(),
    }),
  ),
});

export const ZUserExport = z.object({
  format: z.literal('casino-club.user-export.v1'),
  exportedAt: z.date(),
  userId: z.number(),
  // Everything but the password hash, by design (see services/admin/user-export.ts).
  profile: z.record(z.string(), z.unknown()),
  sections: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))),
  truncated: z.array(z.string()),
});

export const ZActivityPage = page(
  z.object({
    id: z.number(),
    type: z.string(),
    name: z.string().nullable(),
    payload: z.unknown(),
    clientAt: z.date().nullable(),
    createdAt: z.date(),
  }),
);
