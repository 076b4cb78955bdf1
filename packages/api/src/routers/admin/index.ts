import { router } from '../../trpc';
import { adminApprovalsRouter } from './approvals';
import { adminAuditRouter } from './audit';
import { adminCrashRouter } from './crash';
import { adminEconomyRouter } from './economy';
import { adminFraudRouter } from './fraud';
import { adminGamesRouter } from './games';
import { adminInvitesRouter } from './invites';
import { adminNotificationsRouter } from './notifications';
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
  audit: adminAuditRouter,
  economy: adminEconomyRouter,
});
