// Roles real news gives a person that the stage missed (issue #17 item 1, the news-dev2 part's
// misses): an apposition that runs into "told", a role without an article after "is", a role set
// off before a title or an occupation, a police chief, and occupations the lists lacked. Sentences
// written for these tests; each case failed before the change it covers.
import { describe, expect, it } from 'vitest';
import { findEntities } from '../../src/enrich/entities.ts';

const rolesOf = (text: string, name: string) => findEntities(text).find((e) => e.kind === 'person' && e.name === name)?.roles ?? [];

describe('roles news gives a person, set off by commas and descriptions', () => {
  it('ends an apposition where a verb of speech begins', () => {
    expect(rolesOf('The glow lasted three seconds, Elsa Brandvik, a field manager at the Nordic Meteor Network told the station.', 'Elsa Brandvik')).toEqual(['field manager at the Nordic Meteor Network']);
  });

  it('reads a role after "is" without an article when a role word opens it, and no other phrase', () => {
    expect(rolesOf('Margit Sorensen is professor of history at Vell University.', 'Margit Sorensen')).toEqual(['professor of history at Vell University']);
    expect(rolesOf('Margit Sorensen is expected in Oslo on Monday.', 'Margit Sorensen')).toEqual([]);
  });

  it('reads a role set off by commas before a title or an occupation that opens the name', () => {
    expect(rolesOf("Norvik's chief negotiator, Trade Minister Anders Holmqvist, is expected in Geneva on Friday.", 'Anders Holmqvist')).toEqual(['Trade Minister', 'chief negotiator']);
    expect(rolesOf('The parade opened with a speech by the grand marshal, actor Tobias Wrenfield, and a flyover.', 'Tobias Wrenfield')).toEqual(['actor', 'grand marshal']);
  });

  it('reads "Chief" before a name as a title, and still "Chief Executive" whole', () => {
    expect(rolesOf('The warning came from Dunmore Police Chief Harlan Brisco on Monday.', 'Harlan Brisco')).toEqual(['Dunmore Police Chief']);
    expect(rolesOf('Chief Executive Laura Mendel left on Monday.', 'Laura Mendel')).toEqual(['Chief Executive']);
  });

  it('reads "model" before a name as an occupation', () => {
    expect(rolesOf('Danish model Freja Lindahl was on board the flight.', 'Freja Lindahl')).toEqual(['model']);
  });

  it("gives a definite description's role to the person who opens the sentence, or the one before", () => {
    expect(rolesOf('Marit Solberg is mourning her brother. The singer posted photos of them on Sunday.', 'Marit Solberg')).toEqual(['singer']);
    expect(rolesOf("Aldo Ferrante's reign in Turin is over. The club announced the firing of the veteran head coach on Monday.", 'Aldo Ferrante')).toEqual(['veteran head coach']);
    // Not a name in mid-sentence, and not a description before a name or a noun it qualifies.
    expect(rolesOf('On Monday the airline said that Marit Solberg boarded. The pilot in command turned back.', 'Marit Solberg')).toEqual([]);
    expect(rolesOf('Marit Solberg spoke first. The executive level of the firm listened.', 'Marit Solberg')).toEqual([]);
  });

  it('finds the person a lower-case role word names, with the role', () => {
    const text = 'The appeal goes on. White House press secretary Karoline Leavitt confirmed on Tuesday that letters were sent.';
    expect(rolesOf(text, 'Karoline Leavitt')).toEqual(['secretary']);
  });
});
