import { describe, expect, it } from 'vitest';
import { ZNickname } from './schemas';

const problem = (s: string) => {
  const r = ZNickname.safeParse(s);
  return r.success ? null : r.error.issues[0]?.message;
};

describe('ZNickname', () => {
  it('refuses invisible, control and text-direction characters with a sentence the SPA can show', () => {
    for (const s of [
      'Ali\u200Bce',
      'Ali\u00ADce',
      '\u202Eecila',
      'Al\u2066ice',
      'Ali\u0007ce',
      'Ali\uE000ce',
      'Ali\u3164ce',
      'Ali\uFE0Fce',
    ]) {
      expect(problem(s)).toMatch(/invisible, control or text-direction/);
    }
    expect(problem('\u200B\u200B\u200B')).toMatch(/invisible/);
    expect(problem('\u0301\u0301\u0301')).toMatch(/letter or digit/);
  });

  it('normalises to NFKC and trims, then checks the length', () => {
    expect(ZNickname.parse('  Ｆｕｌｌ　Ｗｉｄｔｈ\u3000')).toBe('Full Width');
    expect(ZNickname.parse('ﬁne')).toBe('fine');
    expect(problem(' a ')).toBeTruthy();
  });

  it('accepts international names', () => {
    for (const s of ['김민준', 'José Álvarez', 'Zoë', 'Ñandú', '山田太郎', 'Ελένη', 'Владимир', 'محمد']) expect(ZNickname.parse(s)).toBe(s);
  });
});
