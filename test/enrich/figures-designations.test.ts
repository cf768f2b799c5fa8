// A model designation is not a score (issue 17): "a Boeing 737-800 jet" names an aircraft, it is not 737 and 800.
import { describe, expect, it } from 'vitest';
import { findFigures } from '../../src/enrich/figures.ts';
import { splitSentences } from '../../src/text/sentences.ts';

const figures = (text: string) => findFigures(text, splitSentences(text)).map((f) => [f.value, f.unit, f.subject]);

describe('model designations beside scores', () => {
  it('reads no figures in an aircraft model and variant', () => {
    expect(figures('The passengers boarded a Boeing 737-800 jet in Denver.')).toEqual([]);
    expect(figures('A 747-400 was diverted to Anchorage.')).toEqual([]);
    expect(figures('Southwest ordered the 737-700 and the 737-800.')).toEqual([]);
    expect(figures('The Embraer 190-100 was grounded. The Airbus A330-200 landed safely.')).toEqual([]);
  });

  it('still reads a score or record, round hundreds and craft nouns in a game aside', () => {
    expect(figures('The Patriots beat the Jets 26-20 on Sunday.')).toEqual([
      [26, null, 'Patriots'],
      [20, null, 'Jets'],
    ]);
    expect(figures('Duke won 104-100 in overtime.')).toEqual([
      [104, null, 'Duke'],
      [100, null, 'Duke'],
    ]);
    expect(figures('The Jets took a 3-1 series lead.')).toEqual([
      [3, null, 'Jets'],
      [1, null, 'Jets'],
    ]);
  });
});
