// The coverage comparison and source metadata, pure: outlets, headline words unique to each,
// shared words, the lean split, the one-side marker (only from labels, never guessed), and the
// checks and CSV reading an admin's input goes through.
import { describe, expect, it } from 'vitest';
import { compareCoverage, type CoveredArticle, type Lean } from '../../src/coverage/compare.ts';
import { checkFacts, readMetadataCsv } from '../../src/coverage/metadata.ts';

const covered = (articleId: number, sourceId: number | null, title: string, lean: Lean | null = null): CoveredArticle => ({
  articleId,
  title,
  sourceId,
  sourceName: sourceId === null ? null : `Outlet ${sourceId}`,
  facts: lean ? { country: null, language: null, owner: null, lean } : null,
});

describe('coverage comparison', () => {
  it('keeps a word apart from the quoted word after it (no "outlinealliance")', () => {
    const result = compareCoverage([
      covered(1, 1, "Lee, Trump likely to outline 'alliance modernization,' defer details"),
      covered(2, 2, 'Leaders weigh \u2018alliance modernization\u2019 in Washington'),
      covered(3, 3, 'Allies to meet "on alliance" soon'),
    ]);
    expect(result.outlets[0]!.uniqueWords).toEqual(['lee', 'trump', 'outline', 'defer', 'details']);
    expect(result.outlets[1]!.uniqueWords).toEqual(['leaders', 'weigh', 'washington']);
    expect(result.sharedWords).toEqual(expect.arrayContaining(['alliance', 'modernization']));
    // An apostrophe inside a word is still part of it.
    expect(compareCoverage([covered(1, 1, "Nation's O'Brien speaks"), covered(2, 2, 'Other words')]).outlets[0]!.uniqueWords).toEqual(['nation', 'obrien', 'speaks']);
  });

  it('finds the words only one outlet used, and the words most share', () => {
    const result = compareCoverage([covered(1, 1, 'Dockers strike shuts harbour'), covered(2, 2, 'Harbour strike: union blames bosses'), covered(3, 3, 'Strikes cripple harbour trade'), covered(4, 1, 'Harbour strike enters second day')]);
    expect(result.outlets.map((o) => o.name)).toEqual(['Outlet 1', 'Outlet 2', 'Outlet 3']);
    expect(result.outlets[0]!.articles.map((a) => a.id)).toEqual([1, 4]);
    expect(result.outlets[0]!.uniqueWords).toEqual(['dockers', 'shuts', 'enters', 'second']); // "day" is a stopword
    expect(result.outlets[1]!.uniqueWords).toEqual(['union', 'blames', 'bosses']);
    // "strikes" and "strike" are one word; "harbour" and "strike" are in every headline.
    expect(result.outlets[2]!.uniqueWords).toEqual(['cripple', 'trade']);
    expect(result.sharedWords).toEqual(['strike', 'harbour']);
    expect(result.leanSplit).toEqual({ left: 0, centre: 0, right: 0, unlabelled: 3 });
    expect(result.oneSide).toBeNull();
  });

  it('splits by lean where labelled, and marks one-sided coverage only with enough labelled outlets', () => {
    const twoLeft = compareCoverage([covered(1, 1, 'A', 'left'), covered(2, 2, 'B', 'left'), covered(3, 3, 'C', 'centre'), covered(4, 4, 'D')]);
    expect(twoLeft.leanSplit).toEqual({ left: 2, centre: 1, right: 0, unlabelled: 1 });
    expect(twoLeft.oneSide).toBe('left');
    expect(compareCoverage([covered(1, 1, 'A', 'right'), covered(2, 2, 'B', 'right')]).oneSide).toBe('right');
    expect(compareCoverage([covered(1, 1, 'A', 'left'), covered(2, 2, 'B', 'left'), covered(3, 3, 'C', 'right')]).oneSide).toBeNull();
    expect(compareCoverage([covered(1, 1, 'A', 'left'), covered(2, 2, 'B')]).oneSide).toBeNull();
    expect(compareCoverage([covered(1, 1, 'A', 'left'), covered(2, 2, 'B')], { minOneSide: 1 }).oneSide).toBe('left');
    expect(compareCoverage([covered(1, 1, 'A', 'centre'), covered(2, 2, 'B', 'centre')]).oneSide).toBeNull();
  });

  it('keeps articles without a publisher as one unknown outlet, and a single outlet has no unique words', () => {
    const result = compareCoverage([covered(1, null, 'Port reopens'), covered(2, null, 'Port reopens today')]);
    expect(result.outlets).toHaveLength(1);
    expect(result.outlets[0]).toMatchObject({ name: 'unknown publisher', uniqueWords: [] });
    expect(compareCoverage([]).outlets).toEqual([]);
  });
});

describe('source metadata input', () => {
  it('normalises good values and names the field of a bad one', () => {
    expect(checkFacts({ country: 'gb', language: 'EN', owner: ' Ledger Group ', lean: 'Center' })).toEqual({ country: 'GB', language: 'en', owner: 'Ledger Group', lean: 'centre' });
    expect(checkFacts({ country: '', lean: '' })).toEqual({ country: null, language: null, owner: null, lean: null });
    expect(() => checkFacts({ lean: 'far-left' })).toThrow(/^lean: "far-left" is not one of left, centre, right/);
    expect(() => checkFacts({ country: 'GBR' })).toThrow(/^country: /);
    expect(() => checkFacts({ language: 'english!' })).toThrow(/^language: /);
    expect(() => checkFacts({ owner: 7 })).toThrow(/^owner: expected text/);
  });

  it('reads a CSV in any column order, reporting bad rows by line and keeping the good ones', () => {
    const csv = '\ufeffLean,Source,Country\nleft,Coastal Ledger,GB\n\nsideways,Capital Wire,US\n"right","Meridian Post, Inc.",\n,,\n';
    const reading = readMetadataCsv(csv);
    expect(reading.rows).toEqual([
      { line: 2, source: 'Coastal Ledger', facts: { country: 'GB', language: null, owner: null, lean: 'left' } },
      { line: 5, source: 'Meridian Post, Inc.', facts: { country: null, language: null, owner: null, lean: 'right' } },
    ]);
    expect(reading.errors).toEqual([
      { line: 4, message: 'Capital Wire: lean: "sideways" is not one of left, centre, right (or empty)' },
      { line: 6, message: 'source: empty' },
    ]);
    expect(() => readMetadataCsv('name,lean\nX,left\n')).toThrow(/line 1: .*"source" is required/);
    expect(() => readMetadataCsv('source,colour\nX,red\n')).toThrow(/line 1: unknown column "colour"/);
    expect(() => readMetadataCsv('source\n"unclosed\n')).toThrow(/cannot be read/);
  });
});
