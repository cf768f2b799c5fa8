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

  it('reads a score or record as two figures without a unit, each with whose it is', () => {
    const about = (text: string) => findFigures(text, splitSentences(text)).map((f) => [f.value, f.unit, f.subject]);
    expect(about('The Cubs edged out the Indians 8-7 in 10 innings.').slice(0, 2)).toEqual([
      [8, null, 'Cubs'],
      [7, null, 'Indians'],
    ]);
    expect(about('The Bears fired their coach after a 5-11 season.')).toEqual([
      [5, null, 'Bears'],
      [11, null, 'Bears'],
    ]);
    expect(about("The stretch dropped Fox's career coaching record to 133-123.")).toEqual([
      [133, null, 'Fox'],
      [123, null, 'Fox'],
    ]);
    // A year range, a phone number and a name's number are no score.
    expect(figures('The 2017-18 season. Call 555-1234. Route 9 closed.')).toEqual([]);
  });

  it("gives a range's bare start its end's unit and scale", () => {
    expect(figures('Between 20 and 30 percent of trades went through Seoul.')).toEqual([
      [20, 'percent'],
      [30, 'percent'],
    ]);
    expect(figures('It hired 2 to 3 million people.')).toEqual([
      [2e6, 'people'],
      [3e6, 'people'],
    ]);
    // A hyphenated range is one written figure, left out as before.
    expect(figures('They face 30-40 percent tariffs.')).toEqual([]);
  });

  it('names short and metric units, keeps a bare "m" of money or a count a million, and reads speeds', () => {
    const about = (text: string) => findFigures(text, splitSentences(text)).map((f) => [f.value, f.unit, f.subject]);
    expect(about('The boy fell down the 40m dry well. The 30cm-diameter well is narrow.')).toEqual([
      [40, 'metres', 'well'],
      [30, 'centimetres', 'well'],
    ]);
    expect(figures('It came 30,000 miles (50,000km) closer and can lift 64 metric tons (141,000 lb).')).toEqual([
      [30000, 'miles'],
      [50000, 'kilometres'],
      [64, 'tonnes'],
      [141000, 'lb'],
    ]);
    expect(figures('It raised £40m and hired 3m people. Winds of 140 km/h.')).toEqual([
      [40e6, 'GBP'],
      [3e6, 'people'],
      [140, 'km/h'],
    ]);
    expect(about('It flew at 10 to 30 miles per second at an altitude of 10 to 25 miles.')).toEqual([
      [10, 'miles per second', null],
      [30, 'miles per second', null],
      [10, 'miles', 'altitude'],
      [25, 'miles', 'altitude'],
    ]);
  });

  it('leaves out clock times written with am or pm', () => {
    expect(figures('Bitcoin traded for $10,097.58 at 6.44am GMT and at 7 p.m. it was lower.')).toEqual([[10097.58, 'USD']]);
  });

  it('leaves a version number after a name out', () => {
    expect(figures("Sony is testing System Software Update 5.50 after last year's Version 5.00 update. Kospi 49.49 points.")).toEqual([[49.49, 'points']]);
  });

  it('reads signed and point-led statistics, whose from the clause without its asides', () => {
    const about = (text: string) => findFigures(text, splitSentences(text)).map((f) => [f.value, f.unit, f.subject]);
    expect(about('Under Fox, the Bears ranked 30th in win percentage (.292 -- only the Browns were worse), and 31st in turnover differential (-24).')).toEqual([
      [0.292, null, 'Bears'],
      [-24, null, 'Bears'],
    ]);
    expect(about('The average magnitude was reported at -14 or brighter.')).toEqual([[-14, null, 'average magnitude']]);
    // A hyphen inside a name or between words is no sign.
    expect(figures('They land at LZ-1 and use COVID-19 tests.')).toEqual([]);
  });

  it("leaves a model's number out before a counted noun, and keeps a count after a name", () => {
    expect(figures('It looks like three SpaceX Falcon 9 rockets. SpaceX landed the Falcon 9 rockets.')).toEqual([]);
    expect(figures('Officials told CNN 12 people died. In Gaza 14 people died.')).toEqual([
      [12, 'people'],
      [14, 'people'],
    ]);
  });

  it('reads what a figure is about from liability, comparison, duration and a time phrase', () => {
    const subjects = (text: string) => findFigures(text, splitSentences(text)).map((f) => f.subject);
    expect(subjects('Overseas income held as cash would be subject to a 15.5 percent rate, while non-cash holdings would face an 8 percent rate.')).toEqual(['cash', 'non-cash holdings']);
    expect(subjects('This is why perigee full moons appear about 14 percent bigger than the others.')).toEqual(['perigee full moons']);
    expect(subjects('Witnesses reported the event lasted for 3.9 seconds.')).toEqual(['event']);
    expect(subjects('The price plunged to $10,925 in just a few hours.')).not.toContain('just a few hours');
  });
});
