import { router } from '../../trpc';
import { accountProcedures } from './account';
import { sessionProcedures } from './session';

export const authRouter = router({ ...accountProcedures, ...sessionProcedures });
