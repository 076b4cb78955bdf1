import { router } from '../../trpc';

/** Games land with the provably-fair engine (issue 3). */
export const gamesRouter = router({});
