// Figure subjects that are abstract measures (issue #17): the likelihood a percentage is of, the
// quantity that moves to a value, the noun phrase a value is near. Sentences written for this test;
// each case failed before its rule.
import { describe, expect, it } from 'vitest';
import { enrichArticle } from '../../src/enrich/index.ts';

const about = (text: string) => {
  const e = enrichArticle({ title: 't', text, publishedAt: new Date('2025-07-31T00:00:00Z') });
  return Object.fromEntries(e.figures.map((f) => [f.text, { subject: f.subject, measure: f.measure }]));
};

describe('abstract figure subjects', () => {
  it('names the likelihood a percentage is of, not who prices it', () => {
    expect(about('Traders now price a 15% chance of a cut at the next meeting.')['15%']).toEqual({ subject: 'chance of a cut', measure: 'probability' });
    expect(about('Markets see a 60 percent probability of a hike in September.')['60 percent']!.subject).toBe('probability of a hike');
  });

  it('names what moves to a value, not the verb', () => {
    expect(about('Analysts expect inflation to ease to 2.1% by December.')['2.1%']!.subject).toBe('inflation');
  });

  it('names the noun phrase a value is near, not the clause that holds it', () => {
    expect(about('Borrowers who locked in five-year fixed rates near 2% face a shock.')['2%']!.subject).toBe('five-year fixed rates');
  });

  it('names the measure noun a percentage opens, though a time phrase follows it', () => {
    expect(about('The union is seeking a 12% raise over three years.')['12%']!.subject).toBe('raise');
  });

  it('takes no time phrase after "in" for what a percentage is about', () => {
    const kestrel = about('Kestrel shares jumped 14% in early trading.')['14%']!;
    expect(kestrel.subject ?? '').not.toMatch(/trading/);
    expect(about('The economy grew 1.2% in the second quarter.')['1.2%']!.subject).toBe('economy');
  });
});
