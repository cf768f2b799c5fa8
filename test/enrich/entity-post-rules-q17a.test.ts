// Issue 17: post-rules that no longer lose names the trained tagger had right (seen on the
// article-extraction dev pages of the news annotations). Sentences written for this test (not
// article or corpus text).
import { describe, expect, it } from 'vitest';
import { findEntities, namedEntitySpans } from '../../src/enrich/entities.ts';
import { tagText } from '../../src/enrich/tagger/model.ts';

const spans = (text: string) => namedEntitySpans(text).map((s) => `${text.slice(s.start, s.end)}/${s.type}`);

describe('entity post-rules that defer to the model', () => {
  it('leaves a known organisation inside a longer one the model found to the longer name', () => {
    expect(spans('The figures were published on Friday by the state-run Xinhua News Agency.')).toContain('Xinhua News Agency/ORG');
    const text = 'Imports fell, according to Toyota Motor North America Inc., which reported on Monday.';
    expect(spans(text).some((s) => s.startsWith('Toyota Motor North America'))).toBe(true);
    expect(spans(text)).not.toContain('America/LOC');
  });

  it('keeps a capitalised "The" inside a sentence in the organisation\'s mention, not in its name', () => {
    const text = 'The director told The Hollywood Reporter that filming would resume in May.';
    expect(spans(text)).toContain('The Hollywood Reporter/ORG');
    expect(findEntities(text).find((e) => e.kind === 'organisation')?.name).toBe('Hollywood Reporter');
    expect(spans('Copyright 2021 The Associated Press. All rights reserved.')).toContain('The Associated Press/ORG');
    // At a sentence's start the capital says nothing.
    expect(spans('The Hollywood Reporter said filming would resume in May.')).toContain('Hollywood Reporter/ORG');
  });

  it("keeps an organisation or a place the model found inside a person's role", () => {
    const text = 'Most of the water is frozen, said Mira Castellan, a NASA planetary scientist who led the study.';
    expect(spans(text)).toContain('NASA/ORG');
    expect(findEntities(text).find((e) => e.name === 'Mira Castellan')?.roles).toEqual(['NASA planetary scientist']);
    expect(spans("Dana Whitfield, Hong Kong's new police commissioner, said the protests would be contained.")).toContain('Hong Kong/LOC');
  });

  it('makes no person of a name whose apposition "its" opens', () => {
    const text = 'When the chief executive resigned in June, SoftBank, its biggest investor, stepped in with new funding.';
    expect(spans(text)).toContain('SoftBank/ORG');
    expect(spans(text)).not.toContain('SoftBank/PER');
  });

  it('takes a one-word name after a career word for the person the text names in full, not an employer', () => {
    const text = 'The company will grow fast this year, said Tovit Arandel, the founder of Brightpath. It is an exciting time for me to be joining Tovit and his team as they expand.';
    expect(spans(text)).not.toContain('Tovit/ORG');
    expect(spans(text)).toContain('Tovit/PER');
    // A company after the same words is still one.
    expect(spans('She began her career at Jefferies and later worked at Nomura.')).toContain('Jefferies/ORG');
  });

  it('does not repeat a word the model called an organisation at fewer than half of its mentions', () => {
    const text =
      'Kestrel Motors has taken the covers off the new Corvella. With 6 million Corvella cars sold, we believe the all-new Corvella will do well. ' +
      'Design cues from the Maxima give Corvella a sharp new look, said Dana Hollis. The 2020 Corvella gets a new grille. A hood accentuates the ' +
      "Corvella's sporty design. The roof gives the 2020 Corvella a sleek look. Inside, the Corvella's cabin is refined. Airbags are available on " +
      'the 2020 Corvella. Alerts are also available on the 2020 Corvella.';
    // No more than the model's own finds (before, its one or two finds were repeated to all ten mentions).
    const own = tagText(text).filter((s) => s.text === 'Corvella' && s.type === 'ORG').length;
    expect(own).toBeLessThan(5);
    expect(spans(text).filter((s) => s === 'Corvella/ORG').length).toBe(own);
  });

  it('reads a name whose shares trade as a company, a place someone flies to as the place, a capitals line by the text', () => {
    expect(spans('Kestrel shares jumped 9% in early trading.')).toContain('Kestrel/ORG');
    expect(spans('Tokyo shares fell 2% on Monday.')).toContain('Tokyo/LOC');
    const paris = findEntities('Paris Okafor opened the shop in March. Paris said sales were strong. Paris smiled at the first customers. She will fly to Paris on Monday.');
    expect(paris.find((e) => e.kind === 'place' && e.name === 'Paris')).toBeDefined();
    const headline = 'CRICKET - KENYA BEAT UGANDA BY SIX WICKETS .\nNAIROBI 1996-08-30\nKenya beat Uganda by six wickets on Friday .';
    expect(spans(headline)).toEqual(expect.arrayContaining(['KENYA/LOC', 'UGANDA/LOC']));
  });
});
