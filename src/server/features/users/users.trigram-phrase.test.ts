import { describe, expect, it } from 'vitest';
import { phraseFromSample } from './users.trigram-phrase.js';

/** A sample of `size` search texts in which each listed trigram appears so many times (the others: never). */
const sample = (size: number, counts: Record<string, number>) => ({ size, counts: new Map(Object.entries(counts)) });

describe('the trigram phrase a search asks for (SQLite)', () => {
  it('should ask for the run of rare trigrams around the rarest one, at most four of them', () => {
    // "quillfeather" at a million users: "ath", "the" and "her" are in 1 user in 20.
    const common = { ath: 100, the: 100, her: 100 };
    expect(phraseFromSample('quillfeather', sample(2_000, common))).toEqual({ phrase: '"quillf"', whole: false });
    // "example3.test": ".test" and "example" are everywhere, "e3." is not.
    const domain = { exa: 1_200, xam: 1_200, amp: 1_200, mpl: 1_200, ple: 1_200, le3: 170, 'e3.': 170, '3.t': 170, '.te': 1_200, tes: 1_200, est: 1_200 };
    expect(phraseFromSample('example3.test', sample(2_000, domain))).toEqual({ phrase: '"le3.t"', whole: false });
  });

  it('should take the rarer neighbour first, and stop at one four times as common as the rarest', () => {
    expect(phraseFromSample('abcdefg', sample(2_000, { abc: 900, bcd: 50, cde: 40, def: 161, efg: 900 }))).toEqual({ phrase: '"bcde"', whole: false });
    expect(phraseFromSample('abcdefg', sample(2_000, { abc: 900, bcd: 50, cde: 40, def: 160, efg: 900 }))).toEqual({ phrase: '"bcdef"', whole: false });
  });

  it('should ask for the whole term when every trigram of it joins the run', () => {
    expect(phraseFromSample('ada lo', sample(2_000, {}))).toEqual({ phrase: '"ada lo"', whole: true });
    // Quotes are doubled inside an FTS5 phrase.
    expect(phraseFromSample('o"brien', sample(2_000, { 'o"b': 1, '"br': 1, bri: 900, rie: 900, ien: 900 }))).toEqual({ phrase: '"o""br"', whole: false });
  });
});
