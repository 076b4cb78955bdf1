/**
 * How the admin console words error reasons where it says more than the shared table
 * (REASONS in @casino/shared); @casino/ui's describeError applies these on top of it.
 */
import { REASONS, type TReason } from '@casino/shared';
import type { DetailedMessages, ReasonMessages } from '@casino/ui';

export const ADMIN_MESSAGES: ReasonMessages = {
  admin_required: 'This account is not an admin.',
  insufficient_funds: 'The player does not have that much to deduct.',
  cannot_target_self: 'Admins cannot ban or unban themselves.',
  invite_not_found: 'That invite code does not exist.',
  idempotency_conflict: 'This key was already used for a different change.',
};

/** The server's own sentence where it is more specific than the table's (e.g. "Stock cannot go below the 3 already sold."). */
const specific = (reason: TReason) => (a: { message: string }) => (a.message && a.message !== REASONS[reason].message ? a.message : null);

export const ADMIN_DETAILED: DetailedMessages = {
  invalid_amount: specific('invalid_amount'),
  invalid_expiry: specific('invalid_expiry'),
};
