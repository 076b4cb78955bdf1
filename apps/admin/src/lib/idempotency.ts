/** A fresh idempotency key per submitted form (shared with the player app). */
export { newIdempotencyKey } from '@casino/ui';
