/** The player app's session (localStorage `casino.tokens`), tRPC client and QueryClient. */
import { createSpa } from '@casino/ui';
import { PLAYER_DETAILED, PLAYER_MESSAGES } from './messages';

export const spa = createSpa({ storageKey: 'casino.tokens', staleTime: 15_000, messages: PLAYER_MESSAGES, detailed: PLAYER_DETAILED });
export const { session, describeError } = spa;
