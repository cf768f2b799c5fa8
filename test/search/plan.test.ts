// The plan choice and the estimates, as pure functions over made-up statistics.
import { describe, expect, it } from 'vitest';
import { chooseScan, estimateShare, scanCosts, estimateTotal, publishedShare, publishedSince, scriptLanguages, shareWithinLanguage, type SearchStats } from '../../src/search/plan.ts';
import { parseQuery } from '../../src/search/query.ts';

const stats: SearchStats = {
  rows: 1_000_000,
  lexemeShare: new Map([
    ['kim', 0.2],
    ['myung-soo', 0.2],
    ['myung', 0.21],
    ['soo', 0.2],
    ['port', 0.3],
    ['strike', 0.1],
  ]),
  minListedShare: 0.02,
  publishedBounds: [0, 100, 200, 300, 400],
  sourceShare: new Map(),
  languageShare: new Map(),
};
const lexemes = new Map([
  ['Kim Myung-soo', ['kim', 'myung-soo', 'myung', 'soo']],
  ['port', ['port']],
  ['strike', ['strike']],
  ['zorblat', ['zorblat']],
  ['the', []],
]);
const share = (q: string) => estimateShare(parseQuery(q), lexemes, stats);

describe('search plan', () => {
  it('estimates a phrase by its rarest word, not by the product of its words', () => {
    expect(share('"Kim Myung-soo"')).toBeCloseTo(0.2);
    expect(share('port strike')).toBeCloseTo(0.03);
    expect(share('port OR strike')).toBeCloseTo(1 - 0.7 * 0.9);
    expect(share('port -strike')).toBeCloseTo(0.27);
    // A word the statistics do not list is rarer than the rarest listed one; a stop word matches nothing.
    expect(share('zorblat')).toBeCloseTo(0.01);
    expect(share('the')).toBe(0);
  });

  it('walks newest first when matches are dense, reads the index when they are rare', () => {
    const scan = (textShare: number, filteredRows: number, wanted: number) => chooseScan({ textShare, filteredRows, wanted });
    expect(scan(0.25, 1_000_000, 1000)).toEqual({ scan: 'walk', sliceShare: 1 });
    expect(scan(0.05, 1_000_000, 21).scan).toBe('walk');
    // Between: the newest slice expected to hold four times the wanted matches.
    expect(scan(0.05, 1_000_000, 1000).scan).toBe('slice');
    expect(scan(0.05, 1_000_000, 1000).sliceShare).toBeCloseTo(0.08);
    expect(scan(0.005, 1_000_000, 21).scan).toBe('slice');
    // Few matches in all: the index's whole list.
    expect(scan(0.002, 1_000_000, 1000).scan).toBe('index');
    // A slice of nearly half the store reads half the date index to spare a few thousand rows: the index list.
    expect(scan(0.0027, 1_000_000, 300).scan).toBe('index');
    // A filter leaving few articles makes the index list short.
    expect(scan(0.2, 10_000, 1000).scan).toBe('index');
    expect(scan(0, 1_000_000, 21).scan).toBe('index');
  });

  it('walks the index by day or by month when the dates the store spans are known', () => {
    // One word: its posting list holds every match.
    const scan = (textShare: number, wanted: number) => chooseScan({ textShare, filteredRows: 1_000_000, wanted, spanDays: 730, postings: textShare * 1_000_000, dayRows: 1_370 }).scan;
    // 50,000 matches, 68 a day: six days hold the newest 300 (at 1M: 6 ms by day, 12 by month).
    expect(scan(0.05, 300)).toBe('days');
    // Common words are walked: each day's bucket decodes their whole list again (measured at 1M,
    // bench/search/scans.ts: 4 ms walked, 8 ms by day for a word in a fifth of the articles).
    expect(scan(0.2, 300)).toBe('walk');
    // A page by time (21 wanted) of a word in 5%: two days (measured 4.8 ms; walked, 2.4).
    expect(scan(0.05, 21)).toBe('days');
    // 2,000 matches, two or three a day: months, not hundreds of days.
    expect(scan(0.002, 300)).toBe('months');
    // 100 matches in all: the whole list is cheaper than walking every month.
    expect(scan(0.0001, 300)).toBe('index');
    // Without the span (no date statistics), the three older ways only.
    expect(chooseScan({ textShare: 0.01, filteredRows: 1_000_000, wanted: 300 }).scan).toBe('index');
  });

  it('counts the whole posting list and the date range an index scan ANDs under date bounds', () => {
    // A word in 5% of 1M articles, 31 days of the store (42,000 articles): 2,100 matches in range.
    const input = { textShare: 0.05, filteredRows: 42_000, wanted: 300, spanDays: 31, postings: 50_000, dayRows: 1_370 };
    // Costed as if only the range's matches were read, the index looks cheapest…
    expect(chooseScan(input).scan).toBe('index');
    // …but it decodes all 50,000 postings and the range's 42,000 dates: a walk by day is cheaper.
    expect(chooseScan({ ...input, dateRows: 42_000 }).scan).toBe('days');
    const costs = (extra: object) => Object.fromEntries(scanCosts({ ...input, ...extra }).map((w) => [w.scan, w.cost]));
    expect(costs({ dateRows: 42_000 }).index).toBeGreaterThan(costs({}).index);
    // So does a slice within bounds: every posting of the query's words, not only its matches.
    const wide = { textShare: 0.01, filteredRows: 500_000, wanted: 300 };
    const slice = (postings: number, dateRows?: number) => scanCosts({ ...wide, postings, dateRows }).find((w) => w.scan === 'slice')!.cost;
    expect(slice(200_000, 500_000)).toBeGreaterThan(slice(5_000, 500_000));
    expect(slice(200_000)).toBe(slice(5_000));
  });

  it('counts the source and language keys each bucket intersects', () => {
    const input = { textShare: 0.3, filteredRows: 10_000, wanted: 300, spanDays: 730, postings: 3_000 };
    const costs = (keyPostings: number) => Object.fromEntries(scanCosts({ ...input, keyPostings }).map((w) => [w.scan, w.cost]));
    expect(costs(10_000).months).toBeGreaterThan(costs(0).months);
    expect(costs(10_000).days).toBeGreaterThan(costs(0).days);
    expect(costs(10_000).index).toBe(costs(0).index);
  });

  it('counts a word written in a language’s script as concentrated in that language', () => {
    const languages = new Map([
      ['en', 0.965],
      ['zh', 0.015],
      ['ja', 0.01],
      ['ko', 0.01],
    ]);
    // A Hangul word in 0.5% of all articles: half of the Korean ones.
    expect(shareWithinLanguage(0.005, ['국방'], 'ko', languages)).toBeCloseTo(0.5);
    expect(shareWithinLanguage(0.05, ['국방', '장관'], 'ko', languages)).toBe(1);
    // Han is written in Chinese and Japanese; kana only in Japanese.
    expect(shareWithinLanguage(0.005, ['关税'], 'zh', languages)).toBeCloseTo(0.2);
    expect(shareWithinLanguage(0.005, ['関税です'], 'ja', languages)).toBeCloseTo(0.5);
    // Independent otherwise: a Latin word, a script of another language, a mixed query.
    expect(shareWithinLanguage(0.005, ['tariff'], 'ko', languages)).toBe(0.005);
    expect(shareWithinLanguage(0.005, ['关税'], 'ko', languages)).toBe(0.005);
    expect(shareWithinLanguage(0.005, ['국방', 'tariff'], 'ko', languages)).toBe(0.005);
    expect(scriptLanguages('Seoul')).toBeNull();
  });

  it('reads date shares off the histogram, backwards for a slice, and scales a counted window to a total', () => {
    expect(publishedSince(stats.publishedBounds, 0.125, null, null)).toBeCloseTo(350, -1);
    expect(publishedSince(stats.publishedBounds, 0.5, 200, 400)).toBeCloseTo(300, -1);
    expect(publishedSince(stats.publishedBounds, 1, null, null)).toBeNull();
    expect(publishedShare(stats.publishedBounds, null, null)).toBe(1);
    expect(publishedShare(stats.publishedBounds, 100, 300)).toBeCloseTo(0.5);
    expect(publishedShare(stats.publishedBounds, 350, null)).toBeCloseTo(0.125);
    expect(publishedShare([], 1, 2)).toBe(1);
    // 1,000 counted since t=350 (an eighth of all articles): about 8,000 in all.
    expect(estimateTotal(1000, 350, stats.publishedBounds, null, null)).toBe(8000);
    // Within a date filter [200, 400): the counted share is a quarter of it.
    expect(estimateTotal(1000, 350, stats.publishedBounds, 200, 400)).toBe(4000);
    // A window reaching back past the filter's start counted everything.
    expect(estimateTotal(1000, 150, stats.publishedBounds, 200, null)).toBe(1000);
  });
});
