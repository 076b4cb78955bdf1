import { router } from '../../trpc';
import { actionsRouter } from './actions';
import { battlepassRouter, eventsRouter, missionsRouter } from './events';
import { liveProcedure } from './live';
import { metricsRouter } from './metrics';
import { notificationsRouter } from './notifications';
import { bonusRouter, rewardsRouter, streakRouter, vipRouter } from './progression';
import { shopRouter } from './shop';
import { walletRouter } from './wallet';

export const economyRouter = router({
  wallet: walletRouter,
  shop: shopRouter,
  rewards: rewardsRouter,
  streak: streakRouter,
  vip: vipRouter,
  bonus: bonusRouter,
  events: eventsRouter,
  missions: missionsRouter,
  battlepass: battlepassRouter,
  live: liveProcedure,
  notifications: notificationsRouter,
  metrics: metricsRouter,
  actions: actionsRouter,
});
