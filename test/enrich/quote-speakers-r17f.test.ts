// Quote speakers on news layouts read in the news-dev3 part's misses (issue #17 item 4), on
// sentences written for this test (none is an article's). Each case failed before its rule.
import { describe, expect, it } from 'vitest';
import { findEntities } from '../../src/enrich/entities.ts';
import { findQuotes } from '../../src/enrich/quotes.ts';

const speakers = (text: string) => findQuotes(text, findEntities(text)).map((q) => [q.text.split(/\s+/).slice(0, 3).join(' '), q.speakerName]);

describe('quote speakers (r17f)', () => {
  it('reads a speaker described by an age ("the 61-year-old Brenner told")', () => {
    expect(speakers('Olivia Brenner filed a complaint in March. "The roof leaked for a week before anyone came," the 61-year-old Brenner told the Valley Gazette.')).toEqual([['The roof leaked', 'Olivia Brenner']]);
  });

  it('reads verbs of speech in the present tense ("As Egger explains,", "the agency reports")', () => {
    expect(speakers('Tomas Egger runs the ferry. As Egger explains, "the old bridge was never meant to carry lorries of that weight."')).toEqual([['the old bridge', 'Tomas Egger']]);
    expect(speakers('Storms hit the coast of Mirabel on Sunday. "Some boats are still missing and the harbour is closed," the Associated Press reports.')).toEqual([['Some boats are', 'Associated Press']]);
  });

  it('gives a quotation that "stating," introduces to the organisation that opens the sentence', () => {
    expect(speakers('The Regional Water Authority denied that the outage had anything to do with Mayor Leon Duval\'s visit, stating, "The supply was never interrupted at any point."')).toEqual([
      ['The supply was', 'Regional Water Authority'],
    ]);
  });

  it('reads "expressed" as a verb of speech ("expressed his \'deep regret\' at the \'needless delay\'")', () => {
    expect(speakers('Mayor Arnold Kessler expressed his "deep regret" at the "needless delay" in the works.')).toEqual([
      ['deep regret', 'Arnold Kessler'],
      ['needless delay', 'Arnold Kessler'],
    ]);
  });

  it('reads the pronoun after a leading phrase as the speaker ("In the video he says,")', () => {
    expect(speakers('Lena Ortiz posted a clip of her brother Marco Ortiz. In the video he says, "It is good to be home with all of you again."')).toEqual([['It is good', 'Marco Ortiz']]);
  });

  it('gives what someone "called" something to them', () => {
    expect(speakers('Governor Helena Marsh called the ruling "a setback for every family in the valley".')).toEqual([['a setback for', 'Helena Marsh']]);
  });

  it('reads "it said" closing a sentence with a quoted phrase inside', () => {
    expect(speakers('The Baltic Shipping Council met on Monday. Its members will "keep every port open until the strike ends" whatever happens, it said.')).toEqual([['keep every port', 'Baltic Shipping Council']]);
  });

  it('gives the quotation to the person before "of", not to their party after it', () => {
    expect(speakers('Councillor Ruth Adair of the centre-left Green Union, explained that the fund has paid the "school meals of every pupil for ten years".')).toEqual([['school meals of', 'Ruth Adair']]);
  });
});
