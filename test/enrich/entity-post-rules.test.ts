// Issue 17 on real news: entity post-rules for a photo credit's hyphen, a team before its score,
// an airport named as an organisation word, and a team named in full and then by its nickname.
// Sentences written for this test (not article text).
import { describe, expect, it } from 'vitest';
import { findEntities } from '../../src/enrich/entities.ts';

const named = (text: string) => findEntities(text).map((e) => `${e.kind}:${e.name}`);

describe('entity post-rules on real news', () => {
  it('ends a photographer at the credit hyphen and takes the agency after it', () => {
    const found = findEntities('Fans cheer in the stands during the final at Riverside Park. (Photo: Dana Whitlow-USA TODAY Sports)\nThe home side won.');
    const person = found.find((e) => e.kind === 'person' && e.name.startsWith('Dana'));
    expect(person?.name).toBe('Dana Whitlow');
    expect(found.some((e) => e.kind === 'organisation' && e.name === 'USA TODAY Sports')).toBe(true);
    expect(found.some((e) => e.kind === 'place' && e.code === 'US')).toBe(false);
  });

  it('leaves a score out of a team name and keeps the team apart from the nation', () => {
    const text = 'The Milwaukee Brewers hosted the Cleveland Indians on Sunday. The Brewers beat the Indians 8-7 in extra innings.';
    const found = named(text);
    expect(found.some((n) => /\d/.test(n))).toBe(false);
    expect(found).not.toContain('place:India');
    expect(named('Late goals helped the Americans beat the Canadians 4-2 in overtime.')).not.toContain('place:Canada');
  });

  it('calls an airport or an air force station a place', () => {
    const found = findEntities('The flight left Dallas-Fort Worth International Airport late on Sunday for Denver.');
    const airport = found.find((e) => e.name.endsWith('Airport'));
    expect(airport?.kind).toBe('place');
    const station = findEntities('The two boosters will come back to the landing pads at Cape Canaveral Air Force Station, Florida,” the company said.').find((e) => e.name.startsWith('Cape'));
    expect(station).toMatchObject({ kind: 'place', name: 'Cape Canaveral Air Force Station' });
    const base = findEntities('Crews will land the stage at Vandenberg Air Force Base, California, the company said.').find((e) => e.name.startsWith('Vandenberg'));
    expect(base).toMatchObject({ kind: 'place', name: 'Vandenberg Air Force Base' });
  });

  it('reads a place before "-area" as the place', () => {
    const found = findEntities('Several Los Angeles-area schools closed early on Friday.');
    expect(found.map((e) => e.name)).toContain('Los Angeles');
  });

  it('joins a nickname to the full name given before it', () => {
    const found = findEntities('The Chicago Cubs won the World Series on Wednesday night. Fans of the Cubs filled the streets of the city until dawn, and the Cubs thanked them.').filter((e) => e.kind === 'organisation');
    expect(found.map((e) => e.name)).toContain('Chicago Cubs');
    expect(found.map((e) => e.name)).not.toContain('Cubs');
  });

  it('reads a known company name after a given name as a surname', () => {
    const found = named('Several singers criticised the remark, and Fiona Apple wore a shirt about it at a concert on Saturday.');
    expect(found).toContain('person:Fiona Apple');
    expect(found).not.toContain('organisation:Apple');
  });

  it('keeps a given name and particle before a surname, and the surname alone after a suffix', () => {
    const people = findEntities('In a letter on Monday, Joaquim dos Santos Ferreira Jr., the acting director, apologised. Ferreira said the review would take a month.').filter((e) => e.kind === 'person');
    expect(people.map((e) => e.name)).toEqual(['Joaquim dos Santos Ferreira Jr']);
  });

  it("keeps a news site's domain in its name", () => {
    expect(named('Priya Raman, CTVNews.ca\nA fireworks show on the beach ended early on Monday.')).toContain('organisation:CTVNews.ca');
    expect(named('By Ana Ruiz, Lakeshoretimes.ca\nThe council voted on Monday.')).toContain('organisation:Lakeshoretimes.ca');
  });
});
