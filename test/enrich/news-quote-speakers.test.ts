// Quote speakers on real news layouts (issue #17 item 4): a doubled closing mark before the
// attribution, "police said" given to the police force the article names, a participle of speech
// (", urging Pyongyang to") given to the subject of its sentence, "X, who said" or "a role, X,
// said" in the quote's sentence, a passive's agent ("billed by the company as") and "captioned".
// Sentences written for these tests; each case failed before the change it covers.
import { describe, expect, it } from 'vitest';
import { findEntities } from '../../src/enrich/entities.ts';
import { findQuotes } from '../../src/enrich/quotes.ts';

const speakers = (text: string) => findQuotes(text, findEntities(text)).map((q) => [q.text.split(/\s+/).slice(0, 3).join(' '), q.speakerName]);

describe('quote speakers on real news layouts', () => {
  it('reads the attribution past a doubled closing mark, and the speaker goes on after it', () => {
    const text = "The warning came from Harbour Police Chief Daniel Okafor. 'If a caller asks for your bank code, hang up at once,'' Okafor said. 'No real officer will ever ask you for it over the phone.'";
    expect(speakers(text)).toEqual([
      ['If a caller', 'Daniel Okafor'],
      ['No real officer', 'Daniel Okafor'],
    ]);
  });

  it('gives "police said" to the one police force the article names', () => {
    const text =
      'Two men were charged after an inquiry by the Riverside Police Department. On Thursday, police said that the younger man was the \'getaway driver\' in a dozen burglaries. Police said the stolen goods were "mostly jewellery" and had been sold.';
    expect(speakers(text)).toEqual([
      ['getaway driver', 'Riverside Police Department'],
      ['mostly jewellery', 'Riverside Police Department'],
    ]);
  });

  it('gives a quote after a participle of speech to the subject of its sentence', () => {
    const text =
      'Despite weeks of threats, Mayor Alma Ruiz struck a calmer tone on Monday, urging the strikers to "sit down with us" and "end this now". Her deputy stayed silent. The council met Gustavo Peres on Friday with the union, saying "nothing will change" before the vote.';
    expect(speakers(text)).toEqual([
      ['sit down with', 'Alma Ruiz'],
      ['end this now', 'Alma Ruiz'],
    ]);
  });

  it('gives a quoted phrase to the speaker of a "who said" clause in its sentence', () => {
    const text = 'The plan was backed by Governor Lena Marsh, who said the new line would cut travel times "by a wide margin" within a year.';
    expect(speakers(text)).toEqual([['by a wide', 'Lena Marsh']]);
  });

  it('reads a name set off by commas before the verb ("president, Sean Parker, said")', () => {
    const text = 'In March, the bank’s chief economist, Ines Duarte, said prices had risen because of a “shortage of skilled labour” in the north.';
    expect(speakers(text)).toEqual([['shortage of skilled', 'Ines Duarte']]);
  });

  it('gives a phrase to the agent of a passive ("billed by the company as")', () => {
    const text = 'Kestrel Robotics Inc. unveiled its new drone on Monday. The drone, billed by the company as "the quietest machine in its class," will ship in June.';
    expect(speakers(text)).toEqual([['the quietest machine', 'Kestrel Robotics Inc.']]);
  });

  it('reads "captioned" as a verb of speech', () => {
    const text = 'On Sunday the chef Ada Moreno shared a photo of her new menu. Ada Moreno captioned the post with: "Back to the kitchen."';
    expect(speakers(text)).toEqual([['Back to the', 'Ada Moreno']]);
  });
});
