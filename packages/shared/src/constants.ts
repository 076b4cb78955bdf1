export const RANKS = ['STANDARD', 'PREMIUM', 'VIP'] as const;
export type TRank = (typeof RANKS)[number];
export const ROLES = ['user', 'admin'] as const;
export type TRole = (typeof ROLES)[number];
export const USER_STATUSES = ['active', 'banned', 'deleted'] as const;
export type TUserStatus = (typeof USER_STATUSES)[number];
export const CURRENCIES = ['gold', 'gems'] as const;
export type TCurrency = (typeof CURRENCIES)[number];

export function rankAtLeast(rank: TRank, min: TRank): boolean {
  return RANKS.indexOf(rank) >= RANKS.indexOf(min);
}

/** SPEC §1: maxExperience = 1000 + (level − 1) × 100 */
export function maxExperienceFor(level: number): number {
  return 1000 + (level - 1) * 100;
}

/** Domain error reasons the clients map to human messages. */
export const REASON_MESSAGES: Record<string, string> = {
  invalid_credentials: 'Wrong ID or password.',
  login_locked: 'Too many failed attempts. Try again later.',
  account_banned: 'This account is banned.',
  insufficient_funds: 'Not enough balance.',
  refresh_reused: 'Your session was ended for safety. Please log in again.',
  session_revoked: 'Your session has ended. Please log in again.',
  token_invalid: 'Please log in again.',
  invite_invalid: 'That invite code cannot be used.',
  invite_expired: 'That invite code has expired.',
  invite_exhausted: 'That invite code has no uses left.',
  invite_inactive: 'That invite code is no longer active.',
  invite_unknown: 'Unknown invite code.',
  site_id_taken: 'That ID is already taken.',
  nickname_taken: 'That nickname is already taken.',
  wrong_password: 'The current password is wrong.',
  not_found: 'Not found.',
  rate_limited: 'Too many requests. Slow down a little.',
  idempotency_conflict: 'This request conflicts with an earlier one.',
};
