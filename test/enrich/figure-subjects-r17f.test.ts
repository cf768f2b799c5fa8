// What a figure is about, on sentences written for this test (none is an article's): causes read in
// the news-dev3 part's subject misses, each a rule that should hold on any news text. Each case
// failed before its rule.
import { describe, expect, it } from 'vitest';
import { enrichArticle } from '../../src/enrich/index.ts';

const about = (text: string) => {
  const e = enrichArticle({ title: 't', text, publishedAt: new Date('2025-07-31T00:00:00Z') });
  const names = new Map(e.entities.map((x) => [x.key, x.name]));
  return Object.fromEntries(e.figures.map((f) => [f.text, { subject: f.subject, entity: f.subjectKey ? (names.get(f.subjectKey) ?? f.subjectKey) : null }]));
};

describe('figure subjects on unseen news (r17f)', () => {
  it('never takes a photo credit for what a figure is about', () => {
    const f = about('Mourners laid flowers after the attack killed at least 40 people, on July 15 ©Anne Duval (AFP)');
    expect([f['40']?.entity, f['40 people']?.entity]).not.toContain('Anne Duval');
    expect([f['40']?.entity, f['40 people']?.entity]).not.toContain('AFP');
  });
});
