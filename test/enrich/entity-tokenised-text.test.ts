// Issue 17: entity post-rules that never lose to the model they sit on, and text tokenised the way
// standard NER test sets write news ("Clinton said on Friday , ", "Korea 's"). Sentences written
// for this test (not article or corpus text).
import { describe, expect, it } from 'vitest';
import { appositionRole, findEntities, namedEntitySpans, untokenised } from '../../src/enrich/entities.ts';

const spans = (text: string) => namedEntitySpans(text).map((s) => `${text.slice(s.start, s.end)}/${s.type}`);

describe('entity post-rules against the model', () => {
  it('keeps a name written in lower case whole, and still drops an ordinary word', () => {
    expect(spans('honestly i just saw ian connor at the mall')).toContain('ian connor/PER');
    expect(spans('so happy that i love rick astley still')).toContain('rick astley/PER');
    expect(spans('The Trump administration said on Monday it would appeal.').some((s) => /administration/.test(s))).toBe(false);
  });

  it('reads "RT" in a post as the retweet marker, and as the broadcaster in news', () => {
    expect(spans('RT @ westfield_fan : RT if you were at the game tonight')).not.toContain('RT/ORG');
    expect(spans('A spokesman for the airline told RT on Monday that the flight was delayed.')).toContain('RT/ORG');
  });

  it('leaves the article out of a country the gazetteer writes with one', () => {
    const text = 'Troops from Jordan, the Netherlands and Canada arrived on Tuesday.';
    expect(spans(text)).toContain('Netherlands/LOC');
    expect(spans(text)).not.toContain('the Netherlands/LOC');
  });

  it('keeps a regnal number in a titled name', () => {
    expect(spans('Pope John Paul II visited Warsaw on Friday.')).toContain('John Paul II/PER');
  });

  it('takes no clause that a conjunction opens for an apposition', () => {
    const text = 'I was born and raised in Virginia, but also the only candidate who worked there.';
    expect(appositionRole(text, text.indexOf(','))).toBeNull();
    expect(spans(text)).not.toContain('Virginia/PER');
    const town = 'Gunmen opened fire on a police post in Korvask, interior minister says two officers were hurt.';
    expect(spans(town)).toContain('Korvask/LOC');
  });
});

describe('tokenised text', () => {
  it('maps the untokenised view back to the original offsets', () => {
    const text = "Seoul 's mayor ( Reuters ) said on Friday , O ' Neill wrote .";
    const view = untokenised(text)!;
    expect(view.text).toBe("Seoul's mayor (Reuters) said on Friday, O'Neill wrote.");
    for (let i = 0; i < view.text.length; i++) expect(text[view.at[i]!]).toBe(view.text[i]);
    expect(untokenised('Seoul’s mayor (Reuters) said on Friday, “we will”.')).toBeNull();
  });

  it('finds the same names as in the text as written, at the tokenised offsets', () => {
    const written = 'South Korea’s President Liam O’Neill said on Friday that companies such as Rednote, Hellobike and Didi would invest.';
    const tokenised = "South Korea 's President Liam O ' Neill said on Friday that companies such as Rednote , Hellobike and Didi would invest .";
    expect(spans(tokenised)).toContain("Liam O ' Neill/PER");
    for (const name of ['Rednote', 'Hellobike', 'Didi']) {
      expect(spans(written)).toContain(`${name}/ORG`);
      expect(spans(tokenised)).toContain(`${name}/ORG`);
    }
    const person = findEntities(tokenised).find((e) => e.kind === 'person');
    expect(person?.name).toBe("Liam O'Neill");
    expect(person?.mentions[0]?.text).toBe("Liam O ' Neill");
  });

  it('reads a role set off by spaced commas', () => {
    const text = 'Hong Ji-pyo , director general for trade policy , said the talks would resume .';
    const person = findEntities(text).find((e) => e.kind === 'person');
    expect(person?.name).toBe('Hong Ji-pyo');
    expect(person?.roles.join(' ')).toMatch(/director general/);
  });

  it('reads a wire headline in capitals and its dateline', () => {
    const named = (text: string) => findEntities(text).map((e) => `${e.kind}:${e.name}`);
    const summit = named('KIM JONG-UN MEETS PUTIN IN VLADIVOSTOK\nVLADIVOSTOK 2019-04-25\nNorth Korean leader Kim Jong-un met Russian President Vladimir Putin on Thursday .');
    expect(summit).toContain('person:Kim Jong-un');
    expect(summit).toContain('place:Vladivostok');
    expect(summit.some((n) => n.startsWith('organisation:'))).toBe(false);
    const bank = named('GOLDMAN TAKES ONE-TIME HIT FROM NEW TAX LAW\nNEW YORK 2017-12-29\nGoldman Sachs Group Inc. said on Friday that it would take a charge .');
    expect(bank.filter((n) => n.startsWith('organisation:'))).toEqual(['organisation:Goldman Sachs Group Inc.']);
  });

  it('reads a sports report the wire way: an event named by a place, a club in its headline', () => {
    const text = 'TENNIS - RESULTS AT THE U.S. OPEN .\nNEW YORK 1996-08-27\nResults of first round matches at the U.S. Open on Tuesday :\nPete Sampras ( U.S. ) beat Jiri Novak ( Czech Republic ) 6-3 6-4 6-2';
    const found = spans(text);
    expect(found.filter((s) => s === 'U.S./LOC')).toHaveLength(1);
    expect(found).toContain('Pete Sampras/PER');
    const cricket = 'CRICKET - KENT TAKE OVER AT TOP .\nLONDON 1996-08-30\nKent beat Essex by an innings on Friday .\nStandings :\nKent 12 8 2 2 40 22 190\nEssex 12 6 3 3 30 21 160';
    expect(spans(cricket)).toContain('KENT/ORG');
  });
});
