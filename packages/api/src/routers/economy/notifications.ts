import { ZLimit, ZNotificationId, ZNotificationPage } from '@casino/shared';
import { z } from 'zod';
import { listNotifications, markRead } from '../../services/notifications/inbox';
import { ZPageCursor } from '../../services/shared/page';
import { protectedProcedure, router } from '../../trpc';

export const notificationsRouter = router({
  /** The inbox, newest first, with the unread count (expired notifications are gone). */
  list: protectedProcedure
    .input(z.object({ cursor: ZPageCursor.optional(), limit: ZLimit, unreadOnly: z.boolean().optional() }).default({ limit: 20 }))
    .output(ZNotificationPage)
    .query(({ ctx, input }) => listNotifications(ctx.deps, ctx.user.id, input)),

  /** Marks the given notifications read, or all of them when `ids` is absent. */
  markRead: protectedProcedure
    .input(z.object({ ids: z.array(ZNotificationId).min(1).max(200).optional() }).default({}))
    .output(z.object({ updated: z.number().int(), unread: z.number().int() }))
    .mutation(({ ctx, input }) => markRead(ctx.deps, ctx.user.id, input.ids)),
});
