/** economy.events / missions / battlepass: what gameplay advances, and the claims. */
import { ZBattlepassTrack } from '@casino/shared';
import { z } from 'zod';
import { limitByIp } from '../../middleware/rate-limit';
import { battlepassStatus, claimBattlepass } from '../../services/progression/battlepass';
import { claimEvent, getEvent, joinEvent, listEvents, publicEvents } from '../../services/progression/events';
import { claimMission, listMissions } from '../../services/progression/missions';
import { protectedProcedure, publicProcedure, router } from '../../trpc';
import {
  ZBattlepassClaim,
  ZBattlepassStatus,
  ZEventClaim,
  ZMissionClaim,
  ZPlayerEvent,
  ZPlayerMission,
  ZPublicEvent,
} from '../shared/progression-outputs';

const ZId = z.number().int().positive().max(2_147_483_647);

export const eventsRouter = router({
  list: protectedProcedure
    .output(z.object({ items: z.array(ZPlayerEvent) }))
    .query(async ({ ctx }) => ({ items: await listEvents(ctx.deps, ctx.user.id) })),
  get: protectedProcedure
    .input(z.object({ eventId: ZId }))
    .output(ZPlayerEvent)
    .query(({ ctx, input }) => getEvent(ctx.deps, ctx.user.id, input.eventId)),
  join: protectedProcedure
    .input(z.object({ eventId: ZId }))
    .output(z.object({ event: ZPlayerEvent, alreadyJoined: z.boolean() }))
    .mutation(({ ctx, input }) => joinEvent(ctx.deps, ctx.user.id, input.eventId)),
  claim: protectedProcedure
    .input(z.object({ eventId: ZId }))
    .output(ZEventClaim)
    .mutation(({ ctx, input }) => claimEvent(ctx.deps, ctx.user.id, input.eventId)),
  /** No login: limited fields, cached ~10 s, 60 calls per 5 minutes per IP. */
  publicList: publicProcedure.output(z.object({ items: z.array(ZPublicEvent) })).query(async ({ ctx }) => {
    const { points, durationSec } = ctx.deps.config.progression.events.publicRateLimit;
    await limitByIp(ctx, 'events_public', points, durationSec);
    return { items: await publicEvents(ctx.deps) };
  }),
});

export const missionsRouter = router({
  list: protectedProcedure
    .output(z.object({ items: z.array(ZPlayerMission) }))
    .query(async ({ ctx }) => ({ items: await listMissions(ctx.deps, ctx.user.id) })),
  claim: protectedProcedure
    .input(z.object({ missionId: ZId }))
    .output(ZMissionClaim)
    .mutation(({ ctx, input }) => claimMission(ctx.deps, ctx.user.id, input.missionId)),
});

export const battlepassRouter = router({
  status: protectedProcedure.output(ZBattlepassStatus).query(({ ctx }) => battlepassStatus(ctx.deps, ctx.user.id)),
  claim: protectedProcedure
    .input(z.object({ level: z.number().int().min(1).max(1000), track: ZBattlepassTrack }))
    .output(ZBattlepassClaim)
    .mutation(({ ctx, input }) => claimBattlepass(ctx.deps, ctx.user.id, input.level, input.track)),
});
