/**
 * How the player app words error reasons where it says more than the shared table
 * (REASONS in @casino/shared); @casino/ui's describeError applies these on top of it.
 */
import type { DetailedMessages, ReasonMessages } from '@casino/ui';

const RANK_NAMES: Record<string, string> = { STANDARD: 'Standard', PREMIUM: 'Premium', VIP: 'VIP' };
const num = (n: number) => n.toLocaleString('en-US');

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
  // Shop
  INSUFFICIENT_FUNDS: (a) =>
    typeof a.required === 'number' && typeof a.balance === 'number' && typeof a.currency === 'string'
      ? `Not enough ${a.currency}: this costs ${num(a.required)} and you have ${num(a.balance)}.`
      : null,
  RANK_REQUIRED: (a) => {
    const rank = typeof a.minRank === 'string' ? a.minRank : typeof a.requiredRank === 'string' ? a.requiredRank : null;
    return rank && RANK_NAMES[rank] ? `${RANK_NAMES[rank]} only: your rank is too low for this.` : null;
  },
  USER_LIMIT: (a) => (typeof a.perUserLimit === 'number' ? `You can buy at most ${num(a.perUserLimit)} of this offer.` : null),
  PROMO_INVALID: (a) => (a.usedByYou === true ? 'You have already used this promo code.' : null),
  crash_busted: (a) => (typeof a.crashPoint === 'number' ? `Too late — the round crashed at ${a.crashPoint.toFixed(2)}×.` : null),
  // A soft block is a cooldown, not a verdict: say when to try again.
  FRAUD_BLOCKED: (a) => {
    if (a.soft !== true || typeof a.retryAfterSeconds !== 'number') return null;
    const minutes = Math.max(1, Math.ceil(a.retryAfterSeconds / 60));
    return `This purchase is on hold for a security check. Try again in ${minutes === 1 ? 'a minute' : `${minutes} minutes`}.`;
  },
};
