import { describe, expect, it } from 'vitest';
import { formatNet, roundResult } from './format';

describe('roundResult', () => {
  it('tells the payout and the net change the same way for every outcome', () => {
    expect(roundResult(10, 18).text).toBe('Won 18 gold (net +8)');
    expect(roundResult(10, 0).text).toBe('Lost 10 gold (net −10)');
    expect(roundResult(10, 10).text).toBe('Bet back: 10 gold (net 0)');
    expect(roundResult(10, 4).text).toBe('Paid 4 gold (net −6)');
    expect(roundResult(1000, 12_500).text).toBe('Won 12,500 gold (net +11,500)');
    expect(roundResult(50, 0, 'gems').text).toBe('Lost 50 gems (net −50)');
  });

  it('gives the tone and the net as numbers', () => {
    expect(roundResult(10, 18)).toMatchObject({ net: 8, tone: 'win' });
    expect(roundResult(10, 10)).toMatchObject({ net: 0, tone: 'push' });
    expect(roundResult(10, 4)).toMatchObject({ net: -6, tone: 'loss' });
    expect(formatNet(-1234)).toBe('−1,234');
  });
});
