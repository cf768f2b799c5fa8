// A held-out check on the demo corpus (fictional articles another engineer wrote for the project;
// the stage was not developed against them): the "Things to find" its README lists.
import { describe, expect, it } from 'vitest';
import { enrichArticle, type ArticleEnrichment } from '../../src/enrich/index.ts';
import { demoArticles } from '../fixtures/gold/demo-corpus.ts';

const all: { key: string; result: ArticleEnrichment }[] = demoArticles().map((a) => ({ key: a.key, result: enrichArticle(a) }));
const people = all.flatMap((a) => a.result.entities.filter((e) => e.kind === 'person'));
const figures = all.flatMap((a) => a.result.figures);
const rolesOf = (name: string) => people.filter((p) => p.name === name).flatMap((p) => p.roles);

describe('enrichment on the demo corpus', () => {
  it('finds the people with their roles', () => {
    expect(rolesOf('Thomas Reardon')).toContain('US Trade Representative');
    expect(rolesOf('Kenji Moriyama')).toContain('Economy Minister');
    expect(rolesOf('Ana Ferreira')).toContain('Trade Minister');
    expect(rolesOf('Choi Jae-hoon')).toContain('chairman of the Joint Chiefs of Staff');
    expect(rolesOf('Lena Hartmann')).toContain('professor of economics at Northgate University');
    expect(rolesOf('Marco Delgado')).toContain('president of Local 514');
  });

  it('finds the figures with their units', () => {
    const has = (value: number, unit: string) => figures.some((f) => Math.abs(f.value - value) < 1e-6 * value && f.unit === unit);
    for (const [value, unit] of [
      [4e11, 'USD'],
      [3.1e8, 'CAD'],
      [1.9e12, 'JPY'],
      [1.29e10, 'USD'],
      [4200, 'dockworkers'],
      [28500, 'troops'],
      [2.75, 'percent'],
      [31.4, 'feet'],
      [25, 'percent'],
      [30, 'percent'],
      [15, 'percent'],
    ] as const) {
      expect({ value, unit, found: has(value, unit) }).toEqual({ value, unit, found: true });
    }
  });

  it('attributes curly and straight quotes, including one over two paragraphs', () => {
    const quotes = all.flatMap((a) => a.result.quotes);
    expect(quotes.find((q) => q.text.startsWith('We did not get everything'))?.speakerName).toBe('Yoon Seo-jin');
    expect(quotes.find((q) => q.text.startsWith('The deadline is real'))?.speakerName).toBe('Daniel Osei');
    const attributed = quotes.filter((q) => q.speakerName).length / quotes.length;
    expect(attributed).toBeGreaterThan(0.7);
  });

  it('resolves the dated events', () => {
    const events = all.flatMap((a) => a.result.events.map((e) => ({ ...e, key: a.key })));
    const letters = events.filter((e) => e.key === 'tariffs-letters');
    expect(letters.map((e) => [e.text, e.date])).toEqual(
      expect.arrayContaining([
        ['Aug. 1', '2025-08-01'],
        ['July 10', '2025-07-10'],
      ]),
    );
    expect(events.some((e) => e.text === '2019' && e.date === '2019-01-01' && e.precision === 'year')).toBe(true);
    expect(events.some((e) => e.key === 'tariffs-brazil-ferreira' && e.text === 'this month' && e.date === '2025-07-01' && e.precision === 'month')).toBe(true);
  });
});
