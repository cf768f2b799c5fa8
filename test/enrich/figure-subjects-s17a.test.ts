// What a figure is about, on sentences written for this test (none is an article's): causes read in
// the dev parts' subject misses (news-dev3), each a rule that should hold on any news text. Each case
// failed before its rule.
import { describe, expect, it } from 'vitest';
import { enrichArticle } from '../../src/enrich/index.ts';

const about = (text: string) => {
  const e = enrichArticle({ title: 't', text, publishedAt: new Date('2025-07-31T00:00:00Z') });
  const names = new Map(e.entities.map((x) => [x.key, x.name]));
  return Object.fromEntries(e.figures.map((f) => [f.text, { subject: f.subject, entity: f.subjectKey ? (names.get(f.subjectKey) ?? f.subjectKey) : null }]));
};

describe('figure subjects on unseen news (s17a)', () => {
  it('gives a figure whose clause opens with "she" or "her" to the woman named just before', () => {
    const f = about(
      'Greta Lindqvist was surprised when she opened her water bill last week.\n' +
        'The retired teacher from Malmo said she laughed out loud.\n' +
        'Turns out, she only owed $61.20 for the month.\n' +
        'Her quarterly charge would be a modest $183.',
    );
    expect(f['$61.20']?.entity).toBe('Greta Lindqvist');
    expect(f['$61.20']?.subject).not.toBe('she');
    expect(f['$183']?.entity).toBe('Greta Lindqvist');
    // Not the man named last, nor someone named far back.
    const h = about('Greta Lindqvist was surprised when she opened her water bill last week.\n' + 'Her neighbour Tomas Berg said he had never seen such a bill.\n' + 'She only owed $61.20 for the month.');
    expect(h['$61.20']?.entity).not.toBe('Tomas Berg');
    const g = about(
      'Greta Lindqvist was surprised when she opened her water bill last week.\n' +
        'Odd bills are common.\n' +
        'Last year a woman in a small town got one.\n' +
        'The utility blamed a glitch.\n' +
        'A clerk fixed the error quickly.\n' +
        'In the end she only owed $40.',
    );
    expect(g.$40?.entity ?? null).toBeNull();
  });

  it('gives money granted "in funding for" or "in aid to" something to what it is for', () => {
    const f = about('The regional council on Monday approved a transfer of 3 million euros ($3.4 million) in funding for rural clinics, which takes effect at once.');
    expect(f['3 million euros']?.subject).toBe('rural clinics');
    expect(f['$3.4 million']?.subject).toBe('rural clinics');
    const g = about('The finance ministry said on Tuesday it had sent $40 million in emergency aid to Moldova over the winter.');
    expect(g['$40 million']?.entity).toBe('Moldova');
  });

  it('gives a figure whose clause opens with a definite description to what the sentence before opens with', () => {
    const f = about('Nordwind Systems unveiled its new launcher on Monday.\n' + "Nordwind Systems' first flight is planned for Friday. The heavy rocket can carry a payload of 22 tonnes to low orbit.");
    expect(f['22']?.entity).toBe('Nordwind Systems');
  });
});
