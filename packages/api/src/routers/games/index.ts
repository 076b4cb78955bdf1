import { router } from '../../trpc';
import { crashRouter } from './crash';
import { fairnessRouter } from './fairness';
import { gachaRouter } from './gacha';
import { rpsRouter } from './rps';
import { sessionsRouter } from './sessions';
import { slotRouter } from './slot';
import { statsProcedures } from './stats';

export const gamesRouter = router({
  slot: slotRouter,
  gacha: gachaRouter,
  rps: rpsRouter,
  crash: crashRouter,
  fairness: fairnessRouter,
  sessions: sessionsRouter,
  ...statsProcedures,
});
