import { ZGameConfig, ZText, ZUserId } from '@casino/shared';
import { z } from 'zod';
import { publishConfig, rollbackConfig, validateDraft } from '../../services/game-config/publish';
import { activeVersion, listVersions, versionWithDiff } from '../../services/game-config/store';
import { crashPublicConfig } from '../../services/games/crash';
import { gachaPublicConfig } from '../../services/games/gacha';
import { recalculateStatsAudited } from '../../services/games/recalculate';
import { rpsPublicConfig } from '../../services/games/rps';
import { slotPublicConfig } from '../../services/games/slot';
import { adminProcedure, router, staffProcedure } from '../../trpc';
import { ZCrashPublicConfig, ZGachaPublicConfig, ZRpsPublicConfig, ZSlotPublicConfig } from '../games/outputs';
import { ZConfigValidation, ZConfigVersion, ZConfigVersionDiff, ZConfigVersionsPage, ZPublished } from './game-config-outputs';

const ZVersionNumber = z.number().int().min(1).max(2_147_483_647);
const ZChangeReason = ZText.trim().min(3).max(500);

export const adminGamesRouter = router({
  /** Every game's configuration in force, as players see it, with its return to player. */
  config: staffProcedure
    .output(
      z.object({
        slot: ZSlotPublicConfig,
        gacha: ZGachaPublicConfig,
        rps: ZRpsPublicConfig,
        crash: ZCrashPublicConfig.extend({ tickMs: z.number().int() }),
        bigWinThresholdGold: z.number().int(),
      }),
    )
    .query(async ({ ctx }) => ({
      slot: await slotPublicConfig(ctx.deps),
      gacha: await gachaPublicConfig(ctx.deps),
      rps: await rpsPublicConfig(ctx.deps),
      crash: { ...(await crashPublicConfig(ctx.deps)), tickMs: ctx.deps.config.games.crash.tickMs },
      bigWinThresholdGold: ctx.deps.config.games.bigWinThresholdGold,
    })),

  /** The version in force (the newest), read from the database: the base of the next publish. */
  active: staffProcedure.output(ZConfigVersion).query(({ ctx }) => activeVersion(ctx.deps)),

  versions: staffProcedure
    .input(z.object({ cursor: ZVersionNumber.optional(), limit: z.number().int().min(1).max(100).default(20) }).default({ limit: 20 }))
    .output(ZConfigVersionsPage)
    .query(({ ctx, input }) => listVersions(ctx.deps.db, input)),

  /** One version in full with its changes from the version before it. */
  version: staffProcedure
    .input(z.object({ version: ZVersionNumber }))
    .output(ZConfigVersionDiff)
    .query(({ ctx, input }) => versionWithDiff(ctx.deps.db, input.version)),

  /**
   * Preview: the exact RTP of every game of a draft and what falls outside the 85–99% band.
   * Stores nothing; a POST only because a whole configuration does not fit in a GET's URL.
   */
  validate: adminProcedure
    .input(z.object({ draft: ZGameConfig }))
    .output(ZConfigValidation)
    .mutation(({ input }) => validateDraft(input.draft)),

  /** A new version from `draft`; CONFLICT when the version in force is no longer `baseVersion`. */
  publish: adminProcedure
    .input(z.object({ baseVersion: ZVersionNumber, draft: ZGameConfig, reason: ZChangeReason }))
    .output(ZPublished)
    .mutation(({ ctx, input }) => publishConfig(ctx.deps, { id: ctx.user.id, ip: ctx.meta.ip }, input)),

  /** A new version equal to an earlier one (history is never rewritten). */
  rollback: adminProcedure
    .input(z.object({ version: ZVersionNumber, reason: ZChangeReason, baseVersion: ZVersionNumber.optional() }))
    .output(ZPublished)
    .mutation(({ ctx, input }) => rollbackConfig(ctx.deps, { id: ctx.user.id, ip: ctx.meta.ip }, input)),

  /** Rebuilds user_game_stats from the round records; `mismatched` = rows that differed (0 when healthy). */
  recalculateStats: adminProcedure
    .input(z.object({ userId: ZUserId.optional() }).optional())
    .output(z.object({ rows: z.number(), mismatched: z.number() }))
    .mutation(({ ctx, input }) => recalculateStatsAudited(ctx.deps.db, { id: ctx.user.id, ip: ctx.meta.ip }, input?.userId)),
});
