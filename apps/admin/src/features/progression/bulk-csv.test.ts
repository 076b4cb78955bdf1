import { describe, expect, it } from 'vitest';
import { parseCsv, splitCsv } from './bulk-csv';

describe('bulk grant CSV', () => {
  it('splits on commas, groups quoted fields and unescapes doubled quotes', () => {
    expect(splitCsv('1, 2 ,"a, b","say ""hi"""')).toEqual(['1', '2', 'a, b', 'say "hi"']);
  });

  it('skips the header and blank lines, expands a line into its gold, gems and item rows', () => {
    const { lines, items, problem } = parseCsv(
      'userId,gold,gems,itemId,itemQty,description\n\n7,100,5,streak_protection,2,"Prize, big"\n8,,3,,,\n',
      'Default',
    );
    expect(problem).toBeUndefined();
    expect(lines.map((l) => [l.line, l.errors, l.rows])).toEqual([
      [3, [], [0, 1, 2]],
      [4, [], [3]],
    ]);
    expect(items).toEqual([
      { userId: 7, rewardType: 'GOLD', amount: 100, sourceDescription: 'Prize, big' },
      { userId: 7, rewardType: 'GEMS', amount: 5, sourceDescription: 'Prize, big' },
      { userId: 7, rewardType: 'ITEM', amount: 2, sourceDescription: 'Prize, big', itemId: 'streak_protection' },
      { userId: 8, rewardType: 'GEMS', amount: 3, sourceDescription: 'Default' },
    ]);
  });

  it('reports what is wrong with each line and sends none of it', () => {
    const { lines, items } = parseCsv(
      ['x,1', '5,abc', '5,0,0', '5,,,,3', '5,,,Bad-Item,1', '5,1,,,,a,b', '5,2000000000', '5,1'].join('\n'),
      '',
    );
    expect(items).toEqual([]);
    expect(lines.map((l) => l.errors)).toEqual([
      ['userId must be a positive whole number', 'no description (fill in the default reason)'],
      ['gold must be a whole number from 0 to 1,000,000,000', 'no description (fill in the default reason)'],
      ['no description (fill in the default reason)'],
      ['itemQty without an itemId', 'no description (fill in the default reason)'],
      ['itemId: lower-case letters, digits and _', 'no description (fill in the default reason)'],
      ['too many columns (expected 6; quote a description with commas)'],
      ['gold must be a whole number from 0 to 1,000,000,000', 'no description (fill in the default reason)'],
      ['no description (fill in the default reason)'],
    ]);
    expect(parseCsv('5,0,0', 'Gift').lines[0]?.errors).toEqual(['grants nothing']);
  });

  it('keeps line numbers across quoted multi-line fields and says when the CSV cannot be read', () => {
    const { lines } = parseCsv('7,1,,,,"two\nlines"\n8,2', 'Gift');
    expect(lines.map((l) => [l.line, l.description, l.errors])).toEqual([
      [2, 'two\nlines', []],
      [3, 'Gift', []],
    ]);
    const broken = parseCsv('7,1,,,,"never closed', 'Gift');
    expect(broken.items).toEqual([]);
    expect(broken.problem).toMatch(/^That CSV cannot be read: /);
  });

  it('refuses a batch above 1,000 grant rows', () => {
    const text = Array.from({ length: 501 }, (_, i) => `${i + 1},10,10`).join('\n');
    expect(parseCsv(text, 'Gift').problem).toBe('At most 1000 grants per batch (this is 1002); split the list.');
  });
});
