/**
 * The admin console's session, tRPC client and QueryClient. Its own localStorage key, so
 * the player app in the same origin keeps its login; a role that is no longer admin ends
 * the local session like a ban.
 */
import { createSpa } from '@casino/ui';
import { ADMIN_DETAILED, ADMIN_MESSAGES } from './messages';

export const spa = createSpa({
  storageKey: 'casino.admin.tokens',
  staleTime: 10_000,
  messages: ADMIN_MESSAGES,
  detailed: ADMIN_DETAILED,
  sessionEnding: ['admin_required'],
});
export const { session } = spa;
