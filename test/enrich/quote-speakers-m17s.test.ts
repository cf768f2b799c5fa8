// Quote speakers on real news layouts (issue #17 item 4): a doubled closing mark before the
// attribution, and "police said" given to the police force the article names. Sentences written for these
// tests; each case failed before the change it covers.
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
});
