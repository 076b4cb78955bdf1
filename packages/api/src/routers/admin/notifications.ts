import {
  ZLimit,
  ZNotificationBroadcastInput,
  ZNotificationJob,
  ZNotificationJobStatus,
  ZNotificationScheduleInput,
  ZNotificationSendInput,
} from '@casino/shared';
import { z } from 'zod';
import { listJobs } from '../../services/notifications/job-list';
import { broadcastNotification, cancelJob, scheduleNotification, sendNotification } from '../../services/notifications/jobs';
import { ZPageCursor } from '../../services/shared/page';
import { adminProcedure, router, staffProcedure } from '../../trpc';
import { timePage } from '../shared/outputs';

const actor = (ctx: { user: { id: number }; meta: { ip: string | null } }) => ({ id: ctx.user.id, ip: ctx.meta.ip });

export const adminNotificationsRouter = router({
  /** One player, now (ADMIN_NOTIFICATION). */
  send: adminProcedure
    .input(ZNotificationSendInput)
    .output(z.object({ notificationId: z.string() }))
    .mutation(({ ctx, input }) => sendNotification(ctx.deps, actor(ctx), input)),

  /** Every active player, now (ADMIN_BROADCAST), in batches; answers once all are notified. */
  broadcast: adminProcedure
    .input(ZNotificationBroadcastInput)
    .output(z.object({ jobId: z.string(), recipients: z.number().int() }))
    .mutation(({ ctx, input }) => broadcastNotification(ctx.deps, actor(ctx), input)),

  /** One player (`userId`) or everyone, at `sendAt`; sent once by whichever instance claims it. */
  schedule: adminProcedure
    .input(ZNotificationScheduleInput)
    .output(z.object({ jobId: z.string(), sendAt: z.date() }))
    .mutation(({ ctx, input }) => scheduleNotification(ctx.deps, actor(ctx), input)),

  /** A scheduled job never runs; a running broadcast stops at its next batch. */
  cancel: adminProcedure
    .input(z.object({ jobId: z.uuid() }))
    .output(z.object({ jobId: z.string(), status: z.literal('cancelled'), recipients: z.number().int() }))
    .mutation(({ ctx, input }) => cancelJob(ctx.deps, actor(ctx), input.jobId)),

  /** Scheduled, running, sent and cancelled jobs, newest first. */
  jobs: staffProcedure
    .input(z.object({ status: ZNotificationJobStatus.optional(), cursor: ZPageCursor.optional(), limit: ZLimit }).default({ limit: 20 }))
    .output(timePage(ZNotificationJob))
    .query(({ ctx, input }) => listJobs(ctx.deps.db, input)),
});
