// Issue 17 on real news: countries outside the old table, a dash dateline, a place before a
// hyphenated modifier, and an organisation named in full and then by the first words of its name.
// Sentences written for this test (not article text).
import { describe, expect, it } from 'vitest';
import { findEntities } from '../../src/enrich/entities.ts';
import { COUNTRIES, countryByName } from '../../src/enrich/gazetteer.ts';

const places = (text: string) => findEntities(text).filter((e) => e.kind === 'place');

describe('places and names on real news (issue 17)', () => {
  it('knows every ISO 3166-1 country, each code once', () => {
    const codes = COUNTRIES.map((c) => c.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes.length).toBe(249);
    for (const [name, code] of [
      ['Panama', 'PA'],
      ['Belize', 'BZ'],
      ['Marshall Islands', 'MH'],
      ['Barbados', 'BB'],
      ['Costa Rica', 'CR'],
      ['Ivory Coast', 'CI'],
      ['Swaziland', 'SZ'],
    ])
      expect(countryByName(name)?.code, name).toBe(code);
  });

  it('gives the new countries their codes in text', () => {
    const found = places('The tankers were registered in Panama, Belize and the Marshall Islands, officials in Costa Rica said.');
    for (const code of ['PA', 'BZ', 'MH', 'CR'])
      expect(
        found.map((e) => e.code),
        code,
      ).toContain(code);
  });

  it('reads a capital before a dash dateline as the city, beside the country', () => {
    const found = places("BEIJING — China's government promised on Friday to investigate the shipments.\nBeijing has no information about the ships, a spokesman said.");
    expect(found.find((e) => e.name === 'Beijing')?.code ?? 'CN').toBe('CN');
    expect(found.some((e) => e.name === 'Beijing')).toBe(true);
    expect(found.some((e) => e.code === 'CN' && e.name === 'China')).toBe(true);
  });

  it('keeps the place, not the compound, before a hyphenated modifier', () => {
    const found = places('South Korean authorities seized the Hong Kong-flagged tanker in November.\nA Seoul-based analyst said the ship had docked six times.');
    expect(found.map((e) => e.name)).toContain('Hong Kong');
    expect(found.map((e) => e.name).filter((n) => n.includes('-'))).toEqual([]);
  });

  it('joins a shorter mention that opens an organisation name to it, but not an acronym', () => {
    const orgs = findEntities(
      'Goldman Sachs Group Inc. said the new tax law will cut its profit this year. Goldman Sachs, which earns much of its revenue abroad, had billions held overseas. Analysts said Goldman would recover. ASEAN ministers met on Tuesday, and the ASEAN Regional Forum meets next week.',
    ).filter((e) => e.kind === 'organisation');
    const goldman = orgs.filter((e) => /Goldman/.test(e.name));
    expect(goldman).toHaveLength(1);
    expect(goldman[0]!.aliases).toEqual(expect.arrayContaining(['Goldman Sachs', 'Goldman']));
    expect(orgs.filter((e) => e.aliases.includes('ASEAN') || /ASEAN|Southeast Asian/.test(e.name)).length).toBe(2);
  });
});
