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
  it('gives a figure whose clause opens with "she" or "her" to the woman named before', () => {
    const f = about('Greta Holloway opened her water bill last week and found a mistake. On the bright side, she had two months to pay the $9,400. Her usual bill is about $61. Turns out, she only owed $58.20.');
    expect(f['$9,400']!.entity).toBe('Greta Holloway');
    expect(f.$61!.entity).toBe('Greta Holloway');
    expect(f['$58.20']!.entity).toBe('Greta Holloway');
  });

  it('reads "told his wife that he had a 3 percent chance" as his', () => {
    const f = about('Surgeons operated on Walter Brisk for six hours. Doctors told his wife that he had a 3 percent chance of walking again.');
    expect(f['3 percent']!.entity).toBe('Walter Brisk');
    // A clause the pronoun's verb of speech reports ("He did not say whether …") is about what it names.
    const g = about('Minister Paulo Serrat met the union. He did not say whether Portugal would raise its grant, currently 40 million euros a year.');
    expect(g['40 million euros']?.entity ?? g['40 million']?.entity).not.toBe('Paulo Serrat');
  });

  it('never takes a photo credit for what a figure is about', () => {
    const f = about('Mourners laid flowers after the attack killed at least 40 people, on July 15 ©Anne Duval (AFP)');
    expect([f['40']?.entity, f['40 people']?.entity]).not.toContain('Anne Duval');
    expect([f['40']?.entity, f['40 people']?.entity]).not.toContain('AFP');
  });
});
