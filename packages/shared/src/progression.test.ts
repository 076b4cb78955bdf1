import { describe, expect, it } from 'vitest';
import { maxExperienceFor } from './constants';
import {
  addExperience,
  daysBetween,
  isComplete,
  isoWeek,
  missionPeriod,
  streakReward,
  utcDay,
  weekStart,
  ZEventRewards,
  ZLevelReward,
  ZRequirements,
} from './progression';

describe('streakReward (SPEC §4)', () => {
  it('follows the formula, written out again here', () => {
    for (const streak of [1, 2, 3, 6, 7, 8, 14, 30, 365]) {
      expect(streakReward(streak)).toEqual({
        gold: Math.round(1000 + 800 * (1 - Math.E ** (-streak / 6))),
        xp: Math.round(50 + 40 * (1 - Math.E ** (-streak / 8))),
      });
    }
    expect(streakReward(1)).toEqual({ gold: 1123, xp: 55 });
    expect(streakReward(7)).toEqual({ gold: 1551, xp: 73 });
    // Approaches 1800 gold / 90 xp, never more.
    expect(streakReward(10_000)).toEqual({ gold: 1800, xp: 90 });
  });
});

describe('addExperience', () => {
  it('levels up when experience reaches maxExperience, carrying the surplus over', () => {
    expect(addExperience(1, 0, 999)).toEqual({ level: 1, experience: 999 });
    expect(addExperience(1, 999, 1)).toEqual({ level: 2, experience: 0 });
    expect(addExperience(1, 990, 25)).toEqual({ level: 2, experience: 15 });
  });

  it('jumps several levels at once', () => {
    // Level 1 → 2 needs 1000, 2 → 3 needs 1100, 3 → 4 needs 1200.
    expect(addExperience(1, 0, 1000 + 1100 + 1200 + 7)).toEqual({ level: 4, experience: 7 });
    const big = addExperience(5, 100, 1_000_000);
    let need = 0;
    for (let l = 5; l < big.level; l++) need += maxExperienceFor(l);
    expect(100 + 1_000_000 - need).toBe(big.experience);
    expect(big.experience).toBeLessThan(maxExperienceFor(big.level));
  });

  it('ignores negative XP', () => {
    expect(addExperience(3, 10, -500)).toEqual({ level: 3, experience: 10 });
  });
});

describe('UTC periods', () => {
  it('names days, weeks and mission periods in UTC', () => {
    expect(utcDay(new Date('2026-03-01T23:59:59.999Z'))).toBe('2026-03-01');
    expect(utcDay(new Date('2026-03-02T00:00:00.001Z'))).toBe('2026-03-02');
    expect(daysBetween('2026-02-27', '2026-03-02')).toBe(3);
    expect(weekStart(new Date('2026-03-01T12:00:00Z'))).toBe('2026-02-23'); // a Sunday → its Monday
    expect(weekStart(new Date('2026-03-02T00:00:00Z'))).toBe('2026-03-02');
    expect(isoWeek(new Date('2026-01-01T00:00:00Z'))).toBe('2026-W01');
    expect(isoWeek(new Date('2027-01-01T00:00:00Z'))).toBe('2026-W53');
    expect(isoWeek(new Date('2024-12-30T00:00:00Z'))).toBe('2025-W01');
    expect(missionPeriod('daily', new Date('2026-03-01T10:00:00Z'))).toEqual({
      key: '2026-03-01',
      resetsAt: new Date('2026-03-02T00:00:00Z'),
    });
    expect(missionPeriod('weekly', new Date('2026-03-01T10:00:00Z'))).toEqual({
      key: '2026-W09',
      resetsAt: new Date('2026-03-02T00:00:00Z'),
    });
    expect(missionPeriod('once', new Date())).toEqual({ key: 'once', resetsAt: null });
  });
});

describe('schemas', () => {
  it('accepts known requirement keys with positive targets only', () => {
    expect(ZRequirements.safeParse({ slot_spins: 50 }).success).toBe(true);
    expect(ZRequirements.safeParse({}).success).toBe(false);
    expect(ZRequirements.safeParse({ slot_spins: 0 }).success).toBe(false);
    expect(ZRequirements.safeParse({ slot_spins: 1.5 }).success).toBe(false);
    expect(ZRequirements.safeParse({ free_gold: 5 }).success).toBe(false);
    expect(isComplete({ slot_spins: 2, wins: 1 }, { slot_spins: 2, wins: 1 })).toBe(true);
    expect(isComplete({ slot_spins: 2, wins: 1 }, { slot_spins: 5 })).toBe(false);
  });

  it('refuses empty or negative rewards', () => {
    expect(ZEventRewards.safeParse({ gold: 5000, exp: 1000 }).success).toBe(true);
    expect(ZEventRewards.safeParse({}).success).toBe(false);
    expect(ZEventRewards.safeParse({ gold: -1 }).success).toBe(false);
    expect(ZLevelReward.safeParse({ items: [{ itemId: 'streak_protection', quantity: 1 }] }).success).toBe(true);
    expect(ZLevelReward.safeParse({ items: [] }).success).toBe(false);
  });
});
