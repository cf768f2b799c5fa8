// The source and day facets are counted in Node from the statement's per-article lists
// (src/store/search.ts countFacets), as the statement had counted them: sources by count, then
// name in code point order, the first 20, unknown sources left out; days newest first, the first 61.
import { describe, expect, it } from 'vitest';
import { countFacets, type FacetSummary } from '../../src/store/search.ts';

const summary = (over: Partial<FacetSummary>): FacetSummary => ({ total: 0, dated: 0, oldest: null, sources: null, names: null, days: null, entities: null, ...over });
const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

describe('facet counts from the per-article lists', () => {
  it('orders sources by count, then name by code point, leaving out unknown and missing sources', () => {
    const names = { 1: 'Zeta', 2: 'alpha', 3: 'Beta', 4: 'Ärzte' };
    const { source } = countFacets(summary({ sources: [1, 2, 3, 4, 1, 2, 3, 4, 1, 9, null], names }), ['source']);
    expect(source).toEqual([
      { key: '1', label: 'Zeta', count: 3 },
      { key: '3', label: 'Beta', count: 2 },
      { key: '2', label: 'alpha', count: 2 },
      { key: '4', label: 'Ärzte', count: 2 },
    ]);
  });

  it('keeps the 20 largest sources', () => {
    const ids = Array.from({ length: 30 }, (_, i) => i + 1);
    const names = Object.fromEntries(ids.map((id) => [id, `Source ${String(id).padStart(2, '0')}`]));
    const { source } = countFacets(summary({ sources: ids.flatMap((id) => Array(id).fill(id)), names }), ['source']);
    expect(source.map((s) => s.key)).toEqual(ids.slice(10).reverse().map(String));
  });

  it('lists days newest first as YYYY-MM-DD, the first 61, and skips undated articles', () => {
    const days = [day('2025-08-12'), day('2025-08-12'), day('2024-02-29'), null, day('0900-01-05')];
    expect(countFacets(summary({ days }), ['day']).day).toEqual([
      { key: '2025-08-12', label: '2025-08-12', count: 2 },
      { key: '2024-02-29', label: '2024-02-29', count: 1 },
      { key: '0900-01-05', label: '0900-01-05', count: 1 },
    ]);
    const many = Array.from({ length: 100 }, (_, i) => day('2025-01-01') + i);
    const listed = countFacets(summary({ days: many }), ['day']).day;
    expect(listed).toHaveLength(61);
    expect(listed[0]!.key).toBe('2025-04-10');
  });

  it('sorts a year past 9999 as PostgreSQL sorts its to_char key (as text)', () => {
    // As text '9999-…' sorts after '20250-…' (and '20250-…' after '2025-…'), whatever the dates.
    const listed = countFacets(summary({ days: [day('2025-08-12'), Date.UTC(20250, 0, 1) / 86_400_000, day('9999-12-31')] }), ['day']).day;
    expect(listed.map((d) => d.key)).toEqual(['9999-12-31', '20250-01-01', '2025-08-12']);
  });
});
