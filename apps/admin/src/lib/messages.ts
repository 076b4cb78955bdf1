/**
 * How the admin console words error reasons where it says more than the shared table
 * (REASONS in @casino/shared); @casino/ui's describeError applies these on top of it.
 */
import type { ReasonMessages } from '@casino/ui';

export const ADMIN_MESSAGES: ReasonMessages = {
  admin_required: 'This account is not an admin.',
  insufficient_funds: 'The player does not have that much to deduct.',
  cannot_target_self: 'Admins cannot ban or unban themselves.',
  invite_not_found: 'That invite code does not exist.',
  idempotency_conflict: 'This key was already used for a different change.',
};
