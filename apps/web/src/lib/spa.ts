/** The player app's session (localStorage `casino.tokens`), tRPC client and QueryClient; every call names the device. */
import { DEVICE_ID_HEADER } from '@casino/shared';
import { createSpa } from '@casino/ui';
import { deviceId } from './device-id';
import { PLAYER_DETAILED, PLAYER_MESSAGES } from './messages';

export const spa = createSpa({
  storageKey: 'casino.tokens',
  staleTime: 15_000,
  messages: PLAYER_MESSAGES,
  detailed: PLAYER_DETAILED,
  headers: { [DEVICE_ID_HEADER]: deviceId() },
});
export const { session, describeError } = spa;
