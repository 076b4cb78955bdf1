import { describe, expect, it } from 'vitest';
import { isReason, REASONS, reasonText } from './reasons';

const CODES = ['BAD_REQUEST', 'UNAUTHORIZED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'TOO_MANY_REQUESTS', 'SERVICE_UNAVAILABLE'];

describe('REASONS', () => {
  it('gives every reason a tRPC code and a non-empty message', () => {
    const entries = Object.entries(REASONS);
    expect(entries.length).toBeGreaterThan(0);
    for (const [reason, entry] of entries) {
      expect(CODES, reason).toContain(entry.code);
      expect(entry.message.trim().length, reason).toBeGreaterThan(0);
      if ('ui' in entry) expect(entry.ui.trim().length, reason).toBeGreaterThan(0);
    }
  });

  it('keeps the reasons the contract and the clients name', () => {
    for (const reason of ['login_locked', 'invalid_credentials', 'insufficient_funds', 'account_banned', 'RANK_REQUIRED']) {
      expect(isReason(reason), reason).toBe(true);
    }
  });

  it('answers unknown reasons with nothing rather than a guess', () => {
    expect(isReason('insufficent_funds')).toBe(false);
    expect(isReason('toString')).toBe(false);
    expect(reasonText('insufficent_funds')).toBeUndefined();
    expect(reasonText('token_missing')).toBe('Please log in to continue.');
    expect(reasonText('insufficient_funds')).toBe('Not enough balance.');
  });
});
