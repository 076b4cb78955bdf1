import { ZText } from '@casino/shared';
import { z } from 'zod';
import { listAudit } from '../../services/audit/audit';
import { router, staffProcedure } from '../../trpc';
import { adminApprovalsRouter } from './approvals';
import { adminCrashRouter } from './crash';
import { adminEconomyRouter } from './economy';
import { adminFraudRouter } from './fraud';
import { adminGamesRouter } from './games';
import { adminInvitesRouter } from './invites';
import { adminNotificationsRouter } from './notifications';
import { ZAuditPage } from './outputs';
import { adminBattlepassRouter, adminEventsRouter, adminMissionsRouter, adminRewardsRouter } from './progression';
import { adminSecurityRouter } from './security';
import { adminShopRouter } from './shop';
import { adminStatsRouter } from './stats';
import { adminUsersRouter } from './users';
import { adminWebhooksRouter } from './webhooks';

export const adminRouter = router({
  users: adminUsersRouter,
  invites: adminInvitesRouter,
  crash: adminCrashRouter,
  games: adminGamesRouter,
  shop: adminShopRouter,
  webhooks: adminWebhooksRouter,
  fraud: adminFraudRouter,
  rewards: adminRewardsRouter,
  events: adminEventsRouter,
  missions: adminMissionsRouter,
  battlepass: adminBattlepassRouter,
  notifications: adminNotificationsRouter,
  stats: adminStatsRouter,
  security: adminSecurityRouter,
  approvals: adminApprovalsRouter,
  audit: router({
    list: staffProcedure
      .input(
        z
          .object({
            adminId: z.number().int().positive().optional(),
            action: ZText.max(64).optional(),
            targetType: ZText.max(32).optional(),
            targetId: ZText.max(64).optional(),
            search: ZText.max(64).optional(),
            from: z.coerce.date().optional(),
            to: z.coerce.date().optional(),
            cursor: z.number().int().positive().optional(),
            limit: z.number().int().min(1).max(100).default(50),
          })
          .default({ limit: 50 }),
      )
      .output(ZAuditPage)
      .query(({ ctx, input }) => listAudit(ctx.deps.db, input)),
  }),
  economy: adminEconomyRouter,
});
