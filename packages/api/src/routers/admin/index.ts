import { z } from 'zod';
import { reconcile } from '../../services/wallet/queries';
import { adminProcedure, router } from '../../trpc';
import { adminAuditRouter } from './audit';
import { adminCrashRouter } from './crash';
import { adminFraudRouter } from './fraud';
import { adminGamesRouter } from './games';
import { adminInvitesRouter } from './invites';
import { adminNotificationsRouter } from './notifications';
import { adminBattlepassRouter, adminEventsRouter, adminMissionsRouter, adminRewardsRouter } from './progression';
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
  audit: adminAuditRouter,
  economy: router({
    reconcile: adminProcedure
      .output(
        z.object({
          checkedUsers: z.number(),
          violations: z.array(
            z.object({ userId: z.number(), currency: z.enum(['gold', 'gems']), balance: z.number(), ledgerSum: z.number() }),
          ),
        }),
      )
      .query(({ ctx }) => reconcile(ctx.deps.db)),
  }),
});
