import { adminRouter } from './routers/admin/index';
import { authRouter } from './routers/auth/index';
import { economyRouter } from './routers/economy/index';
import { gamesRouter } from './routers/games/index';
import { createCallerFactory, router } from './trpc';

export const appRouter = router({ auth: authRouter, games: gamesRouter, economy: economyRouter, admin: adminRouter });
export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
