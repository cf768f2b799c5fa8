// Figures on real news text (issue 17 item 2): ages, sports scores, ranges, metric abbreviations,
// signed and leading-decimal numbers, read as the gold README's conventions say.
import { describe, expect, it } from 'vitest';
import { findFigures } from '../../src/enrich/figures.ts';
import { splitSentences } from '../../src/text/sentences.ts';

const figures = (text: string) => findFigures(text, splitSentences(text)).map((f) => [f.value, f.unit]);

describe('figures on real news text', () => {
  it('leaves out ages', () => {
    expect(figures('The 62-year-old coach left. She posed with 21-year-old Tavon Alleyne.')).toEqual([]);
    expect(figures('A 50-year lease was signed.')).toEqual([[50, 'year']]);
  });
});
