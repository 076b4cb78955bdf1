/**
 * How the player app words error reasons where it says more than the shared table
 * (REASONS in @casino/shared); @casino/ui's describeError applies these on top of it.
 */
import type { DetailedMessages, ReasonMessages } from '@casino/ui';

export const PLAYER_MESSAGES: ReasonMessages = {
  admin_required: 'That needs an admin account.',
  // Games
  insufficient_funds: 'Not enough balance for that bet.',
  auto_cashout_out_of_range: 'Auto cash-out must be a multiplier from 1.01× with at most two decimals.',
  crash_not_found: 'That crash round is already over.',
  crash_expired: 'The round expired before it was cashed out.',
  game_session_not_found: 'No session of this game is running.',
};

/** Reasons whose details make the sentence more useful. */
export const PLAYER_DETAILED: DetailedMessages = {
  bet_out_of_range: (a) =>
    typeof a.minBet === 'number' && typeof a.maxBet === 'number' ? `Bets are whole numbers from ${a.minBet} to ${a.maxBet}.` : null,
  crash_busted: (a) => (typeof a.crashPoint === 'number' ? `Too late — the round crashed at ${a.crashPoint.toFixed(2)}×.` : null),
};
