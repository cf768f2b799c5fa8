// What a figure is about, on sentences written for this test (none is an article's): the causes read
// in the news-dev2 and news parts' subject misses, each a rule that should hold on any news text.
// Each case failed before its rule.
import { describe, expect, it } from 'vitest';
import { enrichArticle } from '../../src/enrich/index.ts';

const about = (text: string) => {
  const e = enrichArticle({ title: 't', text, publishedAt: new Date('2025-07-31T00:00:00Z') });
  const names = new Map(e.entities.map((x) => [x.key, x.name]));
  return Object.fromEntries(e.figures.map((f) => [f.text, { subject: f.subject, entity: f.subjectKey ? (names.get(f.subjectKey) ?? f.subjectKey) : null, measure: f.measure }]));
};

describe('figure subjects on unseen news (q17f)', () => {
  it('reads "This <noun>," as the subject a clause opens with, not as a time that leads it', () => {
    const f = about('This particular comet, thought to be about the size of a bus, moved at roughly 40 miles per second.');
    expect(f['40']!.subject).toMatch(/comet/);
    // A time still leads: what follows it is the subject.
    const g = about('This year, the ferry line carried 1.2 million passengers.');
    expect(g['1.2 million']!.subject).toMatch(/passengers|ferry line/);
  });

  it('gives a second figure joined by "and" after the first one\'s complement what the first is about', () => {
    const f = about('Cheaper panels now run about 12 percent hotter, and 20 percent longer, than the old ones.');
    expect(f['20 percent']!.subject).toBe(f['12 percent']!.subject);
    expect(f['20 percent']!.subject).toMatch(/panels/);
  });

  it('gives "the 58-year-old coach" the person the text named with that role', () => {
    const f = about('The Harbour Hawks fired head coach Dale Renner on Monday. The 58-year-old coach went 21-43 in four seasons with the team.');
    expect(f['21']!.entity).toBe('Dale Renner');
    expect(f['43']!.entity).toBe('Dale Renner');
    // No one named with the role: no one is guessed.
    const g = about('The Harbour Hawks fired their manager on Monday. The 58-year-old coach went 21-43 in four seasons.');
    expect(g['21']!.entity).toBeNull();
  });

  it('gives a phrase that ends on "for the bank" the bank named before it', () => {
    const f = about('Kestrel Bank reported a record year. The new rules bring about $90 million in savings for the bank, a person familiar said.');
    expect(f['$90 million']!.entity).toBe('Kestrel Bank');
  });

  it('does not read "investment bank" as an investment', () => {
    const f = about('Jo Marr, an analyst at investment bank Keefe & Hale, said the new plant would cost $2.1 billion.');
    expect(f['$2.1 billion']!.measure).not.toBe('investment');
  });

  it("gives a figure whose reported clause opens with a name's possessive to that name", () => {
    const f = about("Jo Marr, an analyst at investment bank Keefe & Hale, said she had estimated Kestrel Bank's total charge from the new law would be $2.1 billion.");
    expect(f['$2.1 billion']!.entity).toBe('Kestrel Bank');
  });

  it('skips a participle\'s phrase that leads a clause ("Speaking on Monday,")', () => {
    const f = about('Speaking on Monday, the minister said that 40 percent of the budget would go to schools.');
    expect(f['40 percent']!.subject ?? '').not.toMatch(/Speaking/);
  });

  it('does not give a figure inside a quotation to the speaker or outlet named before its colon', () => {
    const f = about('Speaking to BBC Radio, Mr Dale continued: "I have heard that between 20 and 30 percent fish trade went via Lisbon."');
    expect(f['30 percent']!.entity).toBe('Portugal');
  });

  it('gives a tariff on goods from "the 27-nation bloc" the union named before, not the country the sentence names later', () => {
    const f = about('The European Union met the World Trade Organization in Geneva. Wine from the 27-nation bloc will be met with 40-percent duties on May 2 unless it strikes a deal with Washington.');
    expect(f['40-percent']!.entity).toBe('European Union');
  });

  it('gives a time or distance measured along something ("into a crossing", "down the mine") that thing', () => {
    expect(about('Divers reached 20m down the flooded mine, which could collapse.')['20m']!.subject).toMatch(/mine/);
    expect(about('She wrote that 3 hours into a 9 hour crossing the ferry turned back.')['3']!.subject).toMatch(/crossing/);
    // Not a share or an amount: "rose 4% in May" keeps its own subject.
    expect(about('Sales rose 4% in May.')['4%']!.subject).toBe('Sales');
  });
});
