import { describe, expect, it } from 'vitest';
import { winningReels, winningSymbol, winTier } from './slot-math';

describe('slot display math', () => {
  it('marks the reels of the winning combination', () => {
    expect(winningReels(['bell', 'bell', 'bell'], 'triple')).toEqual([true, true, true]);
    expect(winningReels(['bell', 'lemon', 'bell'], 'pair')).toEqual([true, false, true]);
    expect(winningReels(['plum', 'seven', 'seven'], 'pair')).toEqual([false, true, true]);
    expect(winningReels(['plum', 'seven', 'bar'], 'none')).toEqual([false, false, false]);
    expect(winningSymbol(['plum', 'seven', 'seven'], 'pair')).toBe('seven');
    expect(winningSymbol(['plum', 'seven', 'bar'], 'none')).toBeNull();
  });

  it('scales the celebration with the win', () => {
    expect(winTier(10, 0)).toBe('none');
    expect(winTier(10, 15)).toBe('small');
    expect(winTier(10, 30)).toBe('medium');
    expect(winTier(10, 99)).toBe('medium');
    expect(winTier(10, 100)).toBe('big');
  });
});
