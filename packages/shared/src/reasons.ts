/**
 * Every domain error reason, once: the tRPC code the server answers with and the sentence
 * people read. The server's DomainError and both SPAs read this table, so a reason missing
 * here (or misspelt) does not compile. `ui` is where the SPAs word it differently from the
 * server's default message (kept so the screens read as before).
 */

/** The tRPC codes a reason may map to (a subset of @trpc/server's TRPC_ERROR_CODE_KEY). */
export type TReasonCode =
  | 'BAD_REQUEST'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'TOO_MANY_REQUESTS'
  | 'SERVICE_UNAVAILABLE';

type ReasonEntry = { readonly code: TReasonCode; readonly message: string; readonly ui?: string };

export const REASONS = {
  // Authentication
  invalid_credentials: { code: 'UNAUTHORIZED', message: 'Wrong ID or password.' },
  token_missing: { code: 'UNAUTHORIZED', message: 'Log in to continue.', ui: 'Please log in to continue.' },
  token_invalid: { code: 'UNAUTHORIZED', message: 'Please log in again.' },
  token_revoked: {
    code: 'UNAUTHORIZED',
    message: 'You have been logged out. Please log in again.',
    ui: 'You were logged out. Please log in again.',
  },
  session_revoked: { code: 'UNAUTHORIZED', message: 'Your session has ended. Please log in again.' },
  refresh_invalid: { code: 'UNAUTHORIZED', message: 'Please log in again.', ui: 'Your session has ended. Please log in again.' },
  refresh_reused: { code: 'UNAUTHORIZED', message: 'Your session was ended for safety. Please log in again.' },
  login_locked: { code: 'TOO_MANY_REQUESTS', message: 'Too many failed attempts. Try again later.' },
  rate_limited: { code: 'TOO_MANY_REQUESTS', message: 'Too many requests. Slow down a little.' },
  too_many_streams: {
    code: 'TOO_MANY_REQUESTS',
    message: 'Too many live connections are open. Close a tab or another device and try again.',
  },
  account_banned: { code: 'FORBIDDEN', message: 'This account is banned.' },
  admin_required: { code: 'FORBIDDEN', message: 'This needs an administrator account.' },
  // Admin security (second factor, roles, four-eyes)
  totp_required: { code: 'UNAUTHORIZED', message: 'Enter the code from your authenticator app (or a recovery code).' },
  totp_challenge_invalid: { code: 'BAD_REQUEST', message: 'This sign-in step has expired. Log in again.' },
  totp_invalid: { code: 'BAD_REQUEST', message: 'That code is not valid.' },
  totp_code_used: { code: 'BAD_REQUEST', message: 'That code was already used. Wait for the next one.' },
  totp_locked: { code: 'TOO_MANY_REQUESTS', message: 'Too many wrong codes. Try again in a few minutes.' },
  totp_already_enrolled: { code: 'CONFLICT', message: 'Two-factor authentication is already set up.' },
  totp_not_enrolled: { code: 'BAD_REQUEST', message: 'Two-factor authentication is not set up.' },
  mfa_required: {
    code: 'FORBIDDEN',
    message: 'This session has not confirmed your second factor. Log out and log in again with your code.',
  },
  totp_enrolment_required: {
    code: 'FORBIDDEN',
    message: 'Set up two-factor authentication on the Security page before using the console.',
  },
  support_not_allowed: { code: 'FORBIDDEN', message: 'Support accounts cannot do this; ask an administrator.' },
  support_grant_cap: { code: 'FORBIDDEN', message: 'That grant is above what a support account may give.' },
  approval_not_found: { code: 'NOT_FOUND', message: 'No such approval request.' },
  approval_self: { code: 'FORBIDDEN', message: 'Another admin must approve your own request.' },
  approval_decided: { code: 'CONFLICT', message: 'This request has already been decided.' },
  password_change_required: { code: 'FORBIDDEN', message: 'Choose a new password before you continue.' },
  RANK_REQUIRED: { code: 'FORBIDDEN', message: 'Your rank is too low for this.' },
  wrong_password: { code: 'BAD_REQUEST', message: 'The current password is wrong.' },
  password_unchanged: { code: 'BAD_REQUEST', message: 'Choose a password different from the current one.' },
  // Invites and accounts
  invite_invalid: { code: 'BAD_REQUEST', message: 'That invite code cannot be used.' },
  invite_expired: { code: 'BAD_REQUEST', message: 'That invite code has expired.' },
  invite_exhausted: { code: 'BAD_REQUEST', message: 'That invite code has no uses left.' },
  invite_inactive: { code: 'BAD_REQUEST', message: 'That invite code is no longer active.' },
  invite_unknown: { code: 'BAD_REQUEST', message: 'Unknown invite code.' },
  invite_code_taken: { code: 'CONFLICT', message: 'An invite code with that text already exists.' },
  invite_not_found: { code: 'NOT_FOUND', message: 'No such invite code.' },
  invalid_expiry: { code: 'BAD_REQUEST', message: 'The expiry must be in the future.' },
  site_id_taken: { code: 'CONFLICT', message: 'That ID is already taken.' },
  nickname_taken: { code: 'CONFLICT', message: 'That nickname is already taken.' },
  user_not_found: { code: 'NOT_FOUND', message: 'No such player.', ui: 'That player does not exist.' },
  session_not_found: { code: 'NOT_FOUND', message: 'That session no longer exists.', ui: 'That session has already ended.' },
  cannot_target_self: { code: 'BAD_REQUEST', message: 'Admins cannot do that to their own account.' },
  last_admin: { code: 'CONFLICT', message: 'This would leave no active administrator. Promote another admin first.' },
  user_anonymised: { code: 'CONFLICT', message: 'This account was anonymised; it can no longer be changed.' },
  nothing_to_change: { code: 'BAD_REQUEST', message: 'Nothing to change: every field is already set to that.' },
  // Money
  insufficient_funds: { code: 'BAD_REQUEST', message: 'Not enough balance.' },
  invalid_amount: { code: 'BAD_REQUEST', message: 'Amounts are non-zero whole numbers.', ui: 'That amount is not allowed.' },
  idempotency_conflict: { code: 'CONFLICT', message: 'This request conflicts with an earlier one.' },
  // Games
  bet_out_of_range: { code: 'BAD_REQUEST', message: 'That bet is outside the table limits.' },
  session_active: { code: 'CONFLICT', message: 'A session of this game is already running.' },
  game_session_not_found: { code: 'NOT_FOUND', message: 'No active session of this game.' },
  round_in_play: { code: 'CONFLICT', message: 'Finish your round in play first: its server seed is revealed once it is settled.' },
  crash_active: { code: 'CONFLICT', message: 'You already have a crash round running.' },
  crash_not_found: { code: 'NOT_FOUND', message: 'No active crash round.' },
  crash_busted: { code: 'BAD_REQUEST', message: 'Too late — the round crashed.' },
  crash_expired: { code: 'BAD_REQUEST', message: 'The round expired before you cashed out.' },
  auto_cashout_out_of_range: { code: 'BAD_REQUEST', message: 'That auto cash-out target is out of range.' },
  // Shop and payments (SPEC §4; the upper-case ones are the refusal codes the UI shows)
  product_not_found: { code: 'NOT_FOUND', message: 'That product does not exist.' },
  OUT_OF_STOCK: { code: 'CONFLICT', message: 'Sold out.' },
  DISABLED: { code: 'FORBIDDEN', message: 'This product is not on sale right now.' },
  WINDOW_CLOSED: { code: 'FORBIDDEN', message: 'This offer is not on sale at this time.' },
  USER_LIMIT: { code: 'FORBIDDEN', message: 'You have bought the most of this offer allowed per player.' },
  PROMO_INVALID: { code: 'BAD_REQUEST', message: 'That promo code is not valid.' },
  PROMO_EXPIRED: { code: 'BAD_REQUEST', message: 'That promo code has expired or is not active yet.' },
  PROMO_EXHAUSTED: { code: 'BAD_REQUEST', message: 'That promo code has been used up.' },
  INSUFFICIENT_FUNDS: { code: 'BAD_REQUEST', message: 'Not enough balance for this purchase.' },
  PAYMENT_DECLINED: { code: 'BAD_REQUEST', message: 'Your card was declined. No money was taken.' },
  PAYMENT_FAILED: { code: 'BAD_REQUEST', message: 'The payment could not be completed. No money was taken.' },
  FRAUD_BLOCKED: { code: 'FORBIDDEN', message: 'This purchase was blocked by our security checks. Contact support if this is a mistake.' },
  payment_token_required: { code: 'BAD_REQUEST', message: 'Enter a card to buy this.' },
  payment_token_not_allowed: { code: 'BAD_REQUEST', message: 'This product is paid with gold or gems, not a card.' },
  request_in_progress: { code: 'CONFLICT', message: 'This purchase is still being processed. Try again in a moment.' },
  already_owned: { code: 'CONFLICT', message: 'You already have this.' },
  quantity_not_allowed: { code: 'BAD_REQUEST', message: 'That quantity cannot be bought.' },
  sku_taken: { code: 'CONFLICT', message: 'A product with that SKU already exists.' },
  promo_code_taken: { code: 'CONFLICT', message: 'A promo code with that text already exists.' },
  promo_not_found: { code: 'NOT_FOUND', message: 'No such promo code.' },
  purchase_not_found: { code: 'NOT_FOUND', message: 'No such purchase.' },
  purchase_not_refundable: { code: 'BAD_REQUEST', message: 'Only a completed purchase can be refunded.' },
  refund_failed: { code: 'SERVICE_UNAVAILABLE', message: 'The payment provider did not accept the refund. Try again shortly.' },
  webhook_event_not_found: { code: 'NOT_FOUND', message: 'No such webhook event.' },
  webhook_not_replayable: { code: 'BAD_REQUEST', message: 'Only a failed webhook event can be replayed.' },
  not_limited: { code: 'BAD_REQUEST', message: 'That product is not a limited package.' },
  fraud_rule_invalid: { code: 'BAD_REQUEST', message: 'That fraud rule is not valid.' },
  game_config_rtp_out_of_band: {
    code: 'BAD_REQUEST',
    message: 'This game configuration returns too little or too much: every game must return 85–99%.',
  },
  game_config_conflict: {
    code: 'CONFLICT',
    message: 'Someone published another game configuration meanwhile. Reload it and apply your change again.',
  },
  game_config_version_not_found: { code: 'NOT_FOUND', message: 'No such game configuration version.' },
  game_config_unchanged: { code: 'BAD_REQUEST', message: 'This configuration is the one already in force.' },
  fraud_rule_not_found: { code: 'NOT_FOUND', message: 'No such fraud rule.' },
  fraud_decision_not_found: { code: 'NOT_FOUND', message: 'No such fraud decision.' },
  fraud_decision_not_open: { code: 'CONFLICT', message: 'This decision has already been reviewed.' },
  fraud_thresholds_invalid: { code: 'BAD_REQUEST', message: 'Thresholds must increase: review < soft block < hard block.' },
  // Progression
  item_unknown: { code: 'BAD_REQUEST', message: 'That item does not exist.' },
  vip_not_eligible: { code: 'BAD_REQUEST', message: 'Your rank earns no VIP points.' },
  bonus_not_eligible: { code: 'BAD_REQUEST', message: 'The refill is for players who are nearly out of gold.' },
  invalid_window: { code: 'BAD_REQUEST', message: 'The end must come after the start.' },
  event_not_found: { code: 'NOT_FOUND', message: 'No such event.' },
  event_not_running: { code: 'BAD_REQUEST', message: 'This event is not running.' },
  event_not_joined: { code: 'BAD_REQUEST', message: 'Join the event first.' },
  event_not_completed: { code: 'BAD_REQUEST', message: 'The event is not completed yet.' },
  mission_not_found: { code: 'NOT_FOUND', message: 'No such mission.' },
  mission_not_completed: { code: 'BAD_REQUEST', message: 'The mission is not completed yet.' },
  battlepass_no_season: { code: 'NOT_FOUND', message: 'No battle-pass season is running.' },
  season_not_found: { code: 'NOT_FOUND', message: 'No such battle-pass season.' },
  season_levels_invalid: { code: 'BAD_REQUEST', message: 'Each reward level appears once and within the season’s levels.' },
  season_overlap: { code: 'CONFLICT', message: 'Another battle-pass season runs at that time.' },
  battlepass_level_locked: { code: 'BAD_REQUEST', message: 'Reach that battle-pass level first.' },
  battlepass_no_reward: { code: 'BAD_REQUEST', message: 'That level has no reward on this track.' },
  battlepass_premium_required: { code: 'FORBIDDEN', message: 'Unlock the premium pass to claim this.' },
  // Live layer: notifications, stats, action log
  notification_job_not_found: { code: 'NOT_FOUND', message: 'No such scheduled notification.' },
  notification_job_not_cancellable: { code: 'CONFLICT', message: 'This notification has already been sent or cancelled.' },
  send_at_invalid: { code: 'BAD_REQUEST', message: 'Pick a send time in the future, at most a year ahead.' },
  time_zone_invalid: { code: 'BAD_REQUEST', message: 'Unknown time zone. Use a name such as Europe/Berlin or UTC.' },
  action_batch_too_large: { code: 'BAD_REQUEST', message: 'Too much activity data in one batch.' },
  // Generic
  not_found: { code: 'NOT_FOUND', message: 'Not found.' },
  service_unavailable: {
    code: 'SERVICE_UNAVAILABLE',
    message: 'This is unavailable right now. Please try again shortly.',
    ui: 'The service is busy right now. Try again in a moment.',
  },
} as const satisfies Record<string, ReasonEntry>;

export type TReason = keyof typeof REASONS;

export function isReason(value: unknown): value is TReason {
  return typeof value === 'string' && Object.hasOwn(REASONS, value);
}

/** The sentence the SPAs show for a reason (their wording where it differs), or undefined if unknown. */
export function reasonText(reason: string): string | undefined {
  if (!isReason(reason)) return undefined;
  const entry: ReasonEntry = REASONS[reason];
  return entry.ui ?? entry.message;
}
