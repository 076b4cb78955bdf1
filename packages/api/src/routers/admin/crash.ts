import { router } from '../../trpc';

// admin.crash.sessions (in progress).
export const adminCrashRouter = router({});
