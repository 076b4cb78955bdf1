import { router } from '../../trpc';
import { actionsRouter } from './actions';
import { liveProcedure } from './live';
import { metricsRouter } from './metrics';
import { notificationsRouter } from './notifications';
import { shopRouter } from './shop';
import { walletRouter } from './wallet';

export const economyRouter = router({
  wallet: walletRouter,
  shop: shopRouter,
  live: liveProcedure,
  notifications: notificationsRouter,
  metrics: metricsRouter,
  actions: actionsRouter,
});
