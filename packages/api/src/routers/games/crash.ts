import { router } from '../../trpc';

// games.crash.* — bet, cashout, current, onRound (in progress).
export const crashRouter = router({});
