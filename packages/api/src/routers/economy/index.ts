import { router } from '../../trpc';
import { liveProcedure } from './live';
import { walletRouter } from './wallet';

export const economyRouter = router({ wallet: walletRouter, live: liveProcedure });
