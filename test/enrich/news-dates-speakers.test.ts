// Dates and quote speakers tuned on the real-news dev parts (issue 17: news and news-dev2, beside
// dev), on sentences written for these tests. Each case failed before the rule it covers.
import { describe, expect, it } from 'vitest';
import { findEntities } from '../../src/enrich/entities.ts';
import { findEvents } from '../../src/enrich/events.ts';
import { findQuotes } from '../../src/enrich/quotes.ts';
import { splitSentences } from '../../src/text/sentences.ts';

const speakers = (text: string) => findQuotes(text, findEntities(text)).map((q) => [q.text.slice(0, 20), q.speakerName]);
const published = new Date('2025-03-12T15:00:00Z'); // a Wednesday
const events = (text: string, at = published) => findEvents(text, splitSentences(text), at).map((e) => [e.text, e.date, e.precision]);

describe('ordinary words and spans of time are no dates', () => {
  it('dates no length of time after an event and no vague reach back', () => {
    expect(events('The ferry left on Tuesday, and turned back after four hours, docking at 7:33 pm.')).toEqual([['on Tuesday', '2025-03-11', 'day']]);
    expect(events('The light lasted for 2.5 seconds, witnesses said.')).toEqual([]);
    expect(events('The price fell in just a few hours on Tuesday.')).toEqual([['on Tuesday', '2025-03-11', 'day']]);
    expect(events('After three days of careful digging, the crews have gone only 9m down.')).toEqual([]);
    expect(events('The firm apologised a few weeks ago.')).toEqual([]);
  });

  it('reads no weekday abbreviation without a day of the month', () => {
    expect(events('These are bits of rock in orbit around the sun.')).toEqual([]);
    expect(events('The jury sat for hours on Wed, Mar 5.')).toEqual([['on Wed, Mar 5', '2025-03-05', 'day']]);
  });
});

describe('dates of the night before, of web addresses and of lines run together', () => {
  it('dates "last night" to the day before publication, in a sentence with no other date and just after midnight', () => {
    expect(events('Crowds across the state saw the fireball last night.')).toEqual([['last night', '2025-03-11', 'day']]);
    const late = new Date('2025-03-12T00:29:00Z');
    expect(events('Across the state last night, cameras caught the fireball just before 6pm.', late)).toEqual([['last night', '2025-03-11', 'day']]);
  });

  it('dates a year before 1950 after a word that dates, and no such count', () => {
    expect(events('The club won its first title since 1908 on Wednesday.')).toEqual([
      ['1908', '1908-01-01', 'year'],
      ['on Wednesday', '2025-03-12', 'day'],
    ]);
    expect(events('The hall seats 1908 people; over 1900 fans came.')).toEqual([]);
  });

  it('reads no year in the path of a web address', () => {
    expect(events('Share this story: http://example.com/2016/11/cubs-win/')).toEqual([]);
  });

  it('keeps a date whose clock time chrono took from the next line', () => {
    const text = 'What a night. — A. Fan (@afan) November 3, 2016\n12:47 a.m. and the city is still awake.';
    expect(events(text)).toEqual([['November 3, 2016', '2016-11-03', 'day']]);
  });
});

describe('quote speakers', () => {
  it('gives "the company added" to the organisation just quoted, not the outlet named since', () => {
    const text = '“The first stage will return to land at the cape,” Orbital Sciences Corp. confirmed, as cited by the Financial Times.\n“The centre core will attempt to land on a drone ship in the ocean,” the company added.';
    expect(speakers(text)).toEqual([
      ['The first stage will', 'Orbital Sciences Corp.'],
      ['The centre core will', 'Orbital Sciences Corp.'],
    ]);
  });

  it('names the person before an apposition whose closing comma is missing', () => {
    const text = '“We have had more than 200 reports of a bright fireball over the valley,” Maria Lindqvist, a research director at the Nordic Meteor Network told the Oslo Herald.';
    expect(speakers(text)).toEqual([['We have had more tha', 'Maria Lindqvist']]);
  });

  it('gives "Lakeside police said" to the Lakeside Police Department the article names', () => {
    const text = 'The Lakeside Police Department arrested a man on Friday after a long inquiry.\n“Most people laugh at the thought of falling for such a fraud, but the losses are real,” Lakeside police said in a news release.';
    expect(speakers(text)).toEqual([['Most people laugh at', 'Lakeside Police Department']]);
  });

  it('keeps a quotation the writer left open at the end of its paragraph, with its speaker', () => {
    const text = 'Market analyst Peter Brandt said: "I think this is a government trying to get its hands around something it could not govern.\nPHOTO AGENCY Peter Brandt said the ban targets crime\nPrices fell again on the news.';
    expect(speakers(text)).toEqual([['I think this is a go', 'Peter Brandt']]);
  });

  it('goes on with the speaker two paragraphs on when the one between quotes no one and names no other person', () => {
    const first = 'Analyst Peter Brandt said: "We have seen estimates that a third of all trading has passed through Seoul."\n';
    const last = '\n"They were holding currency on behalf of anonymous actors for years."';
    expect(speakers(`${first}Estimates of a third of all trading Peter Brandt${last}`)).toEqual([
      ['We have seen estimat', 'Peter Brandt'],
      ['They were holding cu', 'Peter Brandt'],
    ]);
    expect(speakers(`${first}Finance minister Anna Kowalski announced the ban on Tuesday${last}`)).toEqual([
      ['We have seen estimat', 'Peter Brandt'],
      ['They were holding cu', null],
    ]);
  });

  it('gives a quote after "…, but said" to the person or organisation opening the sentence', () => {
    const text = 'Kestrel Studios has not confirmed what new features are coming in the next version, but said news was on the way: "We will be back soon with an update on the features you can expect."';
    expect(speakers(text)).toEqual([['We will be back soon', 'Kestrel Studios']]);
  });

  it('gives a phrase quoted in a sentence ending on "…, founder Lena Markova said" to her', () => {
    const text = 'The app had been pulled because it had made "unsuitable material" available to users, founder Lena Markova said.';
    expect(speakers(text)).toEqual([['unsuitable material', 'Lena Markova']]);
  });
});
