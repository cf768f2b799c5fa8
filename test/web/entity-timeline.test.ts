// An entity's timeline shows each dated sentence once: a sentence naming three dates ("on
// Tuesday … by Wednesday … the July 9 deadline") was listed under each of them, and on the
// demo's Donald Trump page one sentence stood in the timeline three times.
import { describe, expect, it } from 'vitest';
import { entityBody, timelineOnce } from '../../src/web/pages/entities.ts';
import type { EntityDetail, StoredEntity } from '../../src/store/enrich.ts';

const sentence = 'Press secretary Ana Ruiz confirmed on Tuesday that letters went out, with offers due by Wednesday as the July 9 deadline approached.';
const other = 'On Monday the envoy landed in Lisbon.';
const timeline: EntityDetail['timeline'] = [
  { date: '2025-06-02', precision: 'day', text: 'On Monday', sentence: other, articleId: 4, sourceName: 'Wire' },
  { date: '2025-06-03', precision: 'day', text: 'on Tuesday', sentence, articleId: 7, sourceName: 'Herald' },
  { date: '2025-06-04', precision: 'day', text: 'Wednesday', sentence, articleId: 7, sourceName: 'Herald' },
  { date: '2025-07-09', precision: 'day', text: 'July 9', sentence, articleId: 7, sourceName: 'Herald' },
];

describe('entity timeline', () => {
  it('keeps each sentence once, at its earliest date', () => {
    expect(timelineOnce(timeline).map((t) => `${t.date} ${t.sentence.slice(0, 12)}`)).toEqual(['2025-06-02 On Monday th', '2025-06-03 Press secret']);
  });

  it('the entity page lists the sentence once', () => {
    const entity = { id: 1, kind: 'person', key: 'ana ruiz', name: 'Ana Ruiz', code: null, aliases: ['Ana Ruiz'], roles: [], mentionCount: 3, articleCount: 2, firstSeenAt: null, lastSeenAt: null } as unknown as StoredEntity;
    const detail: EntityDetail = { mentionsByDay: [], roles: [], stories: [], cooccurring: [], articles: [], timeline, quotes: [] };
    const page = entityBody(entity, detail).value;
    expect(page.split('Press secretary Ana Ruiz').length - 1).toBe(1);
  });
});
