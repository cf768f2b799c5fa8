// The tagger's false people, and figures that are gaps: each case failed before its rule
// (src/enrich/entities.ts addTaggedSpans, src/enrich/figures.ts, src/enrich/figure-subjects.ts).
import { describe, expect, it } from 'vitest';
import { findEntities, sameTypeEverywhere } from '../../src/enrich/entities.ts';
import { enrichArticle } from '../../src/enrich/index.ts';

const people = (text: string) =>
  findEntities(text)
    .filter((e) => e.kind === 'person')
    .map((e) => e.name);

describe('people the tagger should not find', () => {
  it('reads a lone company name as the company the text names in full', () => {
    const text = 'Marlow Robotics on Monday showed a warehouse arm that lifts 40 kilograms. The arm is lighter than the last one, and Marlow says it needs no cage. Marlow also cut the price of its older arm.';
    const found = findEntities(text);
    expect(people(text)).not.toContain('Marlow');
    const company = found.find((e) => e.kind === 'organisation' && e.name === 'Marlow Robotics');
    expect(company?.mentions.length).toBeGreaterThan(1);
  });

  it('keeps a person whose first name is also a place: the document mostly calls her a person', () => {
    const text = 'Paris Okafor opened the shop in March. Paris said sales were strong. Paris smiled at the first customers. She will fly to Paris on Monday to meet suppliers.';
    const person = findEntities(text).find((e) => e.kind === 'person' && e.name === 'Paris Okafor');
    expect(person?.mentions.length).toBe(3);
  });

  it('reads a capital the text also gives as a place as that place, not a person', () => {
    const text = 'The finance minister said Ottawa was "out of options." She spoke to reporters in Ottawa on Friday after the vote.';
    expect(people(text)).not.toContain('Ottawa');
  });

  it('reads a news agency as an organisation, not a person', () => {
    const text = "Russia's Ria Novosti also reported on the meeting, citing the embassy's post. Interfax said talks would resume on Monday.";
    expect(people(text)).toEqual([]);
    const orgs = findEntities(text)
      .filter((e) => e.kind === 'organisation')
      .map((e) => e.name);
    expect(orgs).toEqual(expect.arrayContaining(['Ria Novosti', 'Interfax']));
  });

  it('takes a news agency only as a whole word', () => {
    const text = 'Tassel Wright owns the Tassos bakery in Leeds.';
    expect(findEntities(text).filter((e) => e.kind === 'organisation' && /^Tass/.test(e.name))).toEqual([]);
  });

  it('gives one name one type in a document: the type most of its mentions got', () => {
    const spans = (types: ('PER' | 'ORG' | 'LOC')[]) => types.map((type, i) => ({ start: i * 10, end: i * 10 + 5, text: i === 3 ? 'Other' : "Aisby's".slice(0, i === 1 ? 7 : 5), type }));
    const out = sameTypeEverywhere(spans(['LOC', 'PER', 'LOC', 'ORG']));
    expect(out.map((s) => s.type)).toEqual(['LOC', 'LOC', 'LOC', 'ORG']);
    // A tie changes nothing, and no mention is made a person by the others ("fly to Paris" beside Paris Okafor).
    expect(sameTypeEverywhere(spans(['LOC', 'PER'])).map((s) => s.type)).toEqual(['LOC', 'PER']);
    expect(sameTypeEverywhere(spans(['PER', 'PER', 'LOC'])).map((s) => s.type)).toEqual(['PER', 'PER', 'LOC']);
  });

  it('takes no named storm for a person', () => {
    const text = 'Hurricane Rosalind stalled off the coast on Monday, and Tropical Storm Delphine weakened over land.';
    expect(people(text)).toEqual([]);
  });

  it('takes no editor sign-off after a dash for a person', () => {
    const text = 'Mara Ellison teaches history at Brookfield College. The views expressed here are her own. — Ed.\n';
    expect(people(text)).toEqual(['Mara Ellison']);
  });

  it('takes no word of an office or ministry name for a person', () => {
    const text = 'The wreck will go on show at a museum in Incheon from October, the Ministry of Oceans and Fisheries said Tuesday.';
    expect(people(text)).toEqual([]);
  });

  it('cuts a capitalised role word before a name, and gives no role to a name before "owner …"', () => {
    const coach = 'Coach Dennis Albright, who teaches physics, said the budget was tight.';
    expect(people(coach)).toEqual(['Dennis Albright']);
    const cafe = 'At the Blue Heron Café, owner Inés Navarro mopped the floor. "We will open Friday," she said.';
    const found = findEntities(cafe);
    expect(found.filter((e) => e.kind === 'person').map((e) => e.name)).toEqual(['Inés Navarro']);
    expect(found.find((e) => e.name === 'Blue Heron Café')?.kind ?? 'organisation').not.toBe('person');
  });

  it('still finds two people joined by "and", and a person whose surname is a city', () => {
    expect(people('Reps. Sarah Whitfield and Marcus Dole met the adviser on Tuesday.')).toEqual(expect.arrayContaining(['Sarah Whitfield', 'Marcus Dole']));
    const text = 'Tom Paris, a lawyer, said the ruling was wrong. Paris said he would appeal.';
    expect(people(text)).toContain('Tom Paris');
  });
});

describe('figures that are gaps', () => {
  it('reads a fraction after the digits, and a value "short of" another as a difference', () => {
    const text = 'The river crested at 31.4 feet on Tuesday, about 2½ feet short of the record.';
    const figures = enrichArticle({ title: 'River crests', text, publishedAt: null }).figures;
    const level = figures.find((f) => f.text === '31.4');
    const gap = figures.find((f) => f.text.startsWith('2'));
    expect(gap?.value).toBe(2.5);
    expect(gap?.measure).toBe('feet (difference)');
    expect(level?.measure).toBe('feet');
  });
});
