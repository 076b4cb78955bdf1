import { REASONS, type TReason } from '@casino/shared';
import { describe, expect, it } from 'vitest';
import { DomainError } from './errors';

describe('DomainError', () => {
  it('takes code and message from the shared REASONS table for every reason', () => {
    for (const reason of Object.keys(REASONS) as TReason[]) {
      const e = new DomainError(reason);
      expect(e.code, reason).toBe(REASONS[reason].code);
      expect(e.message, reason).toBe(REASONS[reason].message);
    }
  });

  it('keeps a message given with the details', () => {
    expect(new DomainError('bet_out_of_range', { minBet: 1 }, 'Bets are whole numbers from 1 to 5.').message).toBe(
      'Bets are whole numbers from 1 to 5.',
    );
  });

  it('refuses a misspelt reason at compile time instead of answering BAD_REQUEST', () => {
    // @ts-expect-error — not a reason of the table; typecheck fails if this ever compiles
    const make = () => new DomainError('insufficent_funds');
    expect(make).toThrow(TypeError);
  });
});
