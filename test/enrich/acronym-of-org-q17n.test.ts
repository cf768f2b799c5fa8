// Issue 17: an acronym of an organisation the same text names is that organisation ("All Nippon Airways" …
// "ANA said"), not a person of its own. Sentences written for this test (not article or corpus text).
import { describe, expect, it } from 'vitest';
import { findEntities } from '../../src/enrich/entities.ts';
import { findQuotes } from '../../src/enrich/quotes.ts';

describe('an acronym of an organisation the text names', () => {
  it("is that organisation, and a quote it speaks is the organisation's", () => {
    for (const [text, org, acronym] of [
      ['Silver Fern Airways cancelled 40 flights because of the storm. "Safety comes first," SFA said.', 'Silver Fern Airways', 'SFA'],
      ['Kestrel Harbour Group reported a loss for the year. "We expect a recovery," KHG said.', 'Kestrel Harbour Group', 'KHG'],
    ] as const) {
      const entities = findEntities(text);
      expect(entities.filter((e) => e.kind === 'person')).toEqual([]);
      const entity = entities.find((e) => e.kind === 'organisation' && e.name === org);
      expect(entity?.aliases).toContain(acronym);
      expect(entity?.mentions.map((m) => m.text)).toEqual([org, acronym]);
      expect(findQuotes(text, entities).map((q) => q.speakerKey)).toEqual([entity!.key]);
    }
  });
});
