// Figures read in the news-dev3 part's misses (issue #17 item 2), on sentences written for this test
// (none is an article's): currencies by name, the counted noun after describing words or "of the",
// ages written "N years old". Each case failed before its rule.
import { describe, expect, it } from 'vitest';
import { findFigures } from '../../src/enrich/figures.ts';
import { splitSentences } from '../../src/text/sentences.ts';

const figures = (text: string) => findFigures(text, splitSentences(text)).map((f) => [f.value, f.unit]);

describe('figures on real news text (r17f)', () => {
  it('reads shekels, lira and zlotys as their currencies', () => {
    expect(figures('The council set aside 12 million shekels for the clinic.')).toEqual([[12e6, 'ILS']]);
    expect(figures('Fares rose to 40 lira and then to 35 zlotys.')).toEqual([
      [40, 'TRY'],
      [35, 'PLN'],
    ]);
  });

  it('finds the counted noun after initials, a capitalised word or up to three describing words', () => {
    expect(figures('About 9,200 U.S. sailors are based on the island.')).toEqual([[9200, 'sailors']]);
    expect(figures('Some 52,000 Danish farmers protested.')).toEqual([[52000, 'farmers']]);
    expect(figures('The mayor met 14 senior local judges and 20 fixed cameras were removed.')).toEqual([
      [14, 'judges'],
      [20, 'cameras'],
    ]);
    // A year before a name is a date: "2016 Steve Walsh needs" counts nothing.
    expect(figures('Posted on November 3, 2016 Steve Walsh needs a rest.')).toEqual([]);
  });

  it('reads "21 of the pupils" as a count of pupils', () => {
    expect(figures('Officials said 21 of the pupils taken from the school were freed.')).toEqual([[21, 'pupils']]);
  });

  it('leaves out an age written "65 years old"', () => {
    expect(figures('Marten is 65 years old and still coaches.')).toEqual([]);
  });
});
