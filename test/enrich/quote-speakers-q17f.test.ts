// Quote speakers on news layouts read in the news-dev2 part's misses (issue #17 item 4), on
// sentences written for this test (none is an article's). Each case failed before its rule.
import { describe, expect, it } from 'vitest';
import { findEntities } from '../../src/enrich/entities.ts';
import { findQuotes } from '../../src/enrich/quotes.ts';

const speakers = (text: string) => findQuotes(text, findEntities(text)).map((q) => [q.text.split(/\s+/).slice(0, 3).join(' '), q.speakerName]);

describe('quote speakers (q17f)', () => {
  it('gives a quotation a dash or colon introduces to the person who opens its sentence', () => {
    expect(speakers('Dana Whitlock later issued an apology for her remarks – "I chose my words badly, and I am sorry for the hurt they caused." She resigned a week later.')).toEqual([['I chose my', 'Dana Whitlock']]);
    expect(speakers('Dana Whitlock had one message for the crowd: "Go home, rest, and come back ready for the next round."')).toEqual([['Go home, rest,', 'Dana Whitlock']]);
    // Nobody named opens the sentence: nobody is guessed.
    expect(speakers('Police found a note in the car: "Do not follow me, I will be fine on my own."')).toEqual([['Do not follow', null]]);
  });

  it('does not carry the speaker past a dash that closes the quotation to a scare-quoted phrase', () => {
    expect(speakers('Dana Whitlock later issued an apology – "I chose my words badly, and I am sorry for it" – and set up a fund to ensure "fair pay" for staff.')).toEqual([['I chose my', 'Dana Whitlock']]);
  });
});
