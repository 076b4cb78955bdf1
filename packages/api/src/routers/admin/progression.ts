/** admin.rewards / events / missions / battlepass (SPEC §5): every mutation audited by its service. */
import {
  ZBattlepassLevel,
  ZEventRewards,
  ZEventType,
  ZIdempotencyKey,
  ZItemId,
  ZLimit,
  ZMissionPeriod,
  ZRequirements,
  ZText,
  ZUserId,
} from '@casino/shared';
import { z } from 'zod';
import { DomainError } from '../../errors';
import { grantBulkOrRequest } from '../../services/admin-security/grants';
import { createSeason, grantPremium, listSeasons, updateSeason } from '../../services/progression/battlepass-admin';
import {
  adminListEvents,
  createEvent,
  eventParticipationsPage,
  forceClaimEvent,
  seedModelIndex,
  setEventState,
  updateEvent,
} from '../../services/progression/events-admin';
import { adminListMissions, changeMission, createMission } from '../../services/progression/missions';
import { adminProcedure, router, staffProcedure } from '../../trpc';
import { ZOk } from '../shared/outputs';
import {
  ZAdminEvent,
  ZAdminMission,
  ZAdminSeason,
  ZBulkAnswer,
  ZCreated,
  ZEventClaim,
  ZParticipationPage,
  ZPremiumUnlock,
} from '../shared/progression-outputs';

const actor = (ctx: { user: { id: number }; meta: { ip: string | null } }) => ({ id: ctx.user.id, ip: ctx.meta.ip });
const ZId = z.number().int().positive().max(2_147_483_647);
/** A Date (superjson) or an ISO 8601 string with its offset. */
const ZInstant = z.union([z.date(), z.iso.datetime({ offset: true }).transform((s) => new Date(s))]);
const ZTitle = ZText.trim().min(1).max(120);
const ZDescription = ZText.max(2000);
const ZReason = ZText.trim().min(3).max(500);

/** The fields as a patch takes them (all optional, none defaulted: an omitted field keeps its value). */
const eventFields = {
  title: ZTitle,
  description: ZDescription,
  type: ZEventType,
  startsAt: ZInstant,
  endsAt: ZInstant,
  requirements: ZRequirements,
  rewards: ZEventRewards,
  priority: z.number().int().min(-1000).max(1000),
  isActive: z.boolean(),
};
const ZEventCreate = z.object({
  ...eventFields,
  description: eventFields.description.default(''),
  priority: eventFields.priority.default(0),
  isActive: eventFields.isActive.default(true),
});

const missionFields = {
  title: ZTitle,
  description: ZDescription,
  period: ZMissionPeriod,
  requirements: ZRequirements,
  rewards: ZEventRewards,
  isActive: z.boolean(),
  sortOrder: z.number().int().min(-1000).max(1000),
};
const ZMissionCreate = z.object({
  ...missionFields,
  description: missionFields.description.default(''),
  isActive: missionFields.isActive.default(true),
  sortOrder: missionFields.sortOrder.default(0),
});

const seasonFields = {
  name: ZTitle,
  startsAt: ZInstant,
  endsAt: ZInstant,
  maxLevel: z.number().int().min(1).max(1000),
  xpPerLevel: z.number().int().min(1).max(10_000_000),
  levels: z.array(ZBattlepassLevel).max(1000),
  isActive: z.boolean(),
};
const ZSeasonCreate = z.object({ ...seasonFields, isActive: seasonFields.isActive.default(true) });

export const adminRewardsRouter = router({
  /** Support: the batch's total up to the cap; above the four-eyes threshold it waits for another admin. */
  grantBulk: staffProcedure
    .input(
      z.object({
        items: z
          .array(
            z.object({
              userId: ZUserId,
              rewardType: z.enum(['GOLD', 'GEMS', 'ITEM']),
              // Range is checked per row, so one bad amount is that row's error, not the batch's.
              amount: z.number().int().safe(),
              sourceDescription: ZText.trim().min(1).max(200),
              itemId: ZItemId.optional(),
            }),
          )
          .min(1)
          .max(1000),
        idempotencyKey: ZIdempotencyKey,
        dryRun: z.boolean().default(false),
      }),
    )
    .output(ZBulkAnswer)
    .mutation(({ ctx, input }) => grantBulkOrRequest(ctx.deps, { ...actor(ctx), role: ctx.user.role }, input)),
});

export const adminEventsRouter = router({
  list: staffProcedure
    .output(z.object({ items: z.array(ZAdminEvent) }))
    .query(async ({ ctx }) => ({ items: await adminListEvents(ctx.deps.db) })),
  create: adminProcedure
    .input(ZEventCreate)
    .output(ZCreated)
    .mutation(async ({ ctx, input }) => {
      // Only a seeded event (seedKey) can collide; a plain create always inserts.
      const created = await createEvent(ctx.deps, actor(ctx), input);
      if (!created) throw new DomainError('service_unavailable');
      return created;
    }),
  update: adminProcedure
    .input(z.object({ eventId: ZId, ...z.object(eventFields).partial().shape }))
    .output(ZOk)
    .mutation(({ ctx, input: { eventId, ...patch } }) => updateEvent(ctx.deps, actor(ctx), eventId, stripUndefined(patch))),
  publish: adminProcedure
    .input(z.object({ eventId: ZId }))
    .output(ZOk)
    .mutation(({ ctx, input }) => setEventState(ctx.deps, actor(ctx), input.eventId, 'publish')),
  deactivate: adminProcedure
    .input(z.object({ eventId: ZId }))
    .output(ZOk)
    .mutation(({ ctx, input }) => setEventState(ctx.deps, actor(ctx), input.eventId, 'deactivate')),
  delete: adminProcedure
    .input(z.object({ eventId: ZId }))
    .output(ZOk)
    .mutation(({ ctx, input }) => setEventState(ctx.deps, actor(ctx), input.eventId, 'delete')),
  participations: staffProcedure
    .input(
      z.object({
        eventId: ZId,
        completed: z.boolean().optional(),
        claimed: z.boolean().optional(),
        cursor: z.number().int().positive().optional(),
        limit: ZLimit,
      }),
    )
    .output(ZParticipationPage)
    .query(({ ctx, input }) => eventParticipationsPage(ctx.deps.db, input)),
  forceClaim: adminProcedure
    .input(z.object({ eventId: ZId, userId: ZUserId }))
    .output(ZEventClaim)
    .mutation(({ ctx, input }) => forceClaimEvent(ctx.deps, actor(ctx), input.eventId, input.userId)),
  seedModelIndex: adminProcedure
    .output(z.object({ id: z.number().int(), created: z.boolean() }))
    .mutation(({ ctx }) => seedModelIndex(ctx.deps, actor(ctx))),
});

export const adminMissionsRouter = router({
  list: staffProcedure
    .output(z.object({ items: z.array(ZAdminMission) }))
    .query(async ({ ctx }) => ({ items: await adminListMissions(ctx.deps.db, ctx.deps.clock.now()) })),
  create: adminProcedure
    .input(ZMissionCreate)
    .output(ZCreated)
    .mutation(({ ctx, input }) => createMission(ctx.deps, actor(ctx), input)),
  update: adminProcedure
    .input(z.object({ missionId: ZId, ...z.object(missionFields).partial().shape }))
    .output(ZOk)
    .mutation(({ ctx, input: { missionId, ...patch } }) =>
      changeMission(ctx.deps, actor(ctx), missionId, { kind: 'update', patch: stripUndefined(patch) }),
    ),
  activate: adminProcedure
    .input(z.object({ missionId: ZId }))
    .output(ZOk)
    .mutation(({ ctx, input }) => changeMission(ctx.deps, actor(ctx), input.missionId, { kind: 'activate' })),
  deactivate: adminProcedure
    .input(z.object({ missionId: ZId }))
    .output(ZOk)
    .mutation(({ ctx, input }) => changeMission(ctx.deps, actor(ctx), input.missionId, { kind: 'deactivate' })),
  delete: adminProcedure
    .input(z.object({ missionId: ZId }))
    .output(ZOk)
    .mutation(({ ctx, input }) => changeMission(ctx.deps, actor(ctx), input.missionId, { kind: 'delete' })),
});

export const adminBattlepassRouter = router({
  seasons: staffProcedure
    .output(z.object({ items: z.array(ZAdminSeason) }))
    .query(async ({ ctx }) => ({ items: await listSeasons(ctx.deps.db) })),
  createSeason: adminProcedure
    .input(ZSeasonCreate)
    .output(ZCreated)
    .mutation(({ ctx, input }) => createSeason(ctx.deps, actor(ctx), input)),
  updateSeason: adminProcedure
    .input(z.object({ seasonId: ZId, ...z.object(seasonFields).partial().shape }))
    .output(ZOk)
    .mutation(({ ctx, input: { seasonId, ...patch } }) => updateSeason(ctx.deps, actor(ctx), seasonId, stripUndefined(patch))),
  grantPremium: adminProcedure
    .input(z.object({ userId: ZUserId, reason: ZReason }))
    .output(ZPremiumUnlock)
    .mutation(({ ctx, input }) => grantPremium(ctx.deps, actor(ctx), input.userId, input.reason)),
});

/** exactOptionalPropertyTypes: an omitted patch field is absent, not undefined. */
function stripUndefined<T extends Record<string, unknown>>(o: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> };
}
