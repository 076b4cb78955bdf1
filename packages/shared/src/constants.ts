export const RANKS = ['STANDARD', 'PREMIUM', 'VIP'] as const;
export type TRank = (typeof RANKS)[number];
export const ROLES = ['user', 'admin'] as const;
export type TRole = (typeof ROLES)[number];
export const USER_STATUSES = ['active', 'banned', 'deleted'] as const;
export type TUserStatus = (typeof USER_STATUSES)[number];
export const CURRENCIES = ['gold', 'gems'] as const;

/** Calls per tRPC HTTP batch: the server refuses more (400), the client link splits at it. */
export const MAX_BATCH_CALLS = 50;
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
  too_many_streams: 'Too many live connections are open. Close a tab or another device and try again.',
  idempotency_conflict: 'This request conflicts with an earlier one.',
  token_missing: 'Log in to continue.',
  token_revoked: 'You have been logged out. Please log in again.',
  refresh_invalid: 'Please log in again.',
  admin_required: 'This needs an administrator account.',
  RANK_REQUIRED: 'Your rank is too low for this.',
  invalid_amount: 'Amounts are non-zero whole numbers.',
  invite_code_taken: 'An invite code with that text already exists.',
  user_not_found: 'No such player.',
  session_not_found: 'That session no longer exists.',
  invite_not_found: 'No such invite code.',
  cannot_target_self: 'Admins cannot do that to their own account.',
  service_unavailable: 'This is unavailable right now. Please try again shortly.',
  password_unchanged: 'Choose a password different from the current one.',
  password_change_required: 'Choose a new password before you continue.',
  invalid_expiry: 'The expiry must be in the future.',
  bet_out_of_range: 'That bet is outside the table limits.',
  session_active: 'A session of this game is already running.',
  game_session_not_found: 'No active session of this game.',
  crash_active: 'You already have a crash round running.',
  crash_not_found: 'No active crash round.',
  crash_busted: 'Too late — the round crashed.',
  crash_expired: 'The round expired before you cashed out.',
  auto_cashout_out_of_range: 'That auto cash-out target is out of range.',
  round_in_play: 'Finish your round in play first: its server seed is revealed once it is settled.',
};
