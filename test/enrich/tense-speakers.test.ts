// Dates read by the tense of the verb that governs them, and quote speakers named after a
// lower-case title or told apart by the article's own gendered references (issue #17, quotes and
// dates). Sentences written for these tests; each case failed before the change it covers.
import { describe, expect, it } from 'vitest';
import { findEntities } from '../../src/enrich/entities.ts';
import { findEvents } from '../../src/enrich/events.ts';
import { findQuotes } from '../../src/enrich/quotes.ts';
import { splitSentences } from '../../src/text/sentences.ts';

// A Wednesday.
const published = new Date('2025-07-09T12:00:00Z');
const events = (text: string) => findEvents(text, splitSentences(text), published).map((e) => [e.text, e.date, e.precision]);

describe('the tense of the verb that governs a date', () => {
  it('reads a weekday after a past-tense verb as the last one, though a future word stands further back', () => {
    expect(events('The library board, which will review the budget again next spring, voted on Thursday to close two branches.')).toEqual([['on Thursday', '2025-07-03', 'day']]);
    expect(events('The museum, which reopens next month, unveiled the exhibit on Friday.')).toEqual([
      ['next month', '2025-08-01', 'month'],
      ['on Friday', '2025-07-04', 'day'],
    ]);
  });

  it('reads a month after a past-tense verb as the last one', () => {
    expect(events('The company opened its first store in September.')).toEqual([['September', '2024-09-01', 'month']]);
  });

  it('keeps a passive after a modal, an adjective after a determiner and a forecast infinitive ahead', () => {
    expect(events('The plant is expected to be completed on Friday.')).toEqual([['on Friday', '2025-07-11', 'day']]);
    expect(events('The union will hold a closed meeting on Friday.')).toEqual([['on Friday', '2025-07-11', 'day']]);
    expect(events('The river is forecast to crest on Tuesday near the old mill.')).toEqual([['on Tuesday', '2025-07-15', 'day']]);
  });

  it('reads a forecast for a day as ahead, and "this weekend" in a Sunday article as the weekend it is in', () => {
    const monday = new Date('2025-07-07T12:00:00Z');
    const sunday = new Date('2025-07-13T12:00:00Z');
    const on = (text: string, at: Date) => findEvents(text, splitSentences(text), at).map((e) => [e.text, e.date]);
    expect(on('More rain is forecast for the weekend.', monday)).toEqual([['weekend', '2025-07-12']]);
    expect(on('Volunteers will clean the beach this weekend.', sunday)).toEqual([['this weekend', '2025-07-12']]);
  });

  it('dates the middle of a year by its year', () => {
    expect(events('Work on the bridge should finish by mid-2026.')).toEqual([['2026', '2026-01-01', 'year']]);
  });
});

const speakers = (text: string) => findQuotes(text, findEntities(text)).map((q) => [q.speaker, q.speakerName]);

describe('quote speakers after a lower-case title', () => {
  it('names the person after "said" and a title', () => {
    expect(speakers('The branch will close in March. "We will reopen it when the roof is fixed," said council director Sunita Bhagat.')).toEqual([['Sunita Bhagat', 'Sunita Bhagat']]);
  });

  it('names the person after "according to" and a title', () => {
    expect(speakers('The levy rose again. "It is a bad day for growers," according to trade minister Paulo Reis.')).toEqual([['Paulo Reis', 'Paulo Reis']]);
  });

  it('names the person after a two-word title before "told reporters"', () => {
    expect(speakers('"We did what we could," harbour master Ian Cole told reporters.')).toEqual([['Ian Cole', 'Ian Cole']]);
    // Lower-case words before a capital that names no one ("told reporters Tuesday") are no title.
    expect(speakers('Tom Baker met the crews. "The talks are over," he told reporters Tuesday.')).toEqual([['he', 'Tom Baker']]);
  });
});

describe('quote speakers described and then named', () => {
  it('names the person an apposition gives after a described speaker', () => {
    expect(speakers('The port was shut. "We will not back down," the prime minister, Olu Adeyemi, said.')).toEqual([['Olu Adeyemi', 'Olu Adeyemi']]);
  });

  it('leaves the full stop out of a speaker named at the sentence end', () => {
    expect(speakers('The port was shut. "We will not back down," said Prime Minister Olu Adeyemi.')).toEqual([['Prime Minister Olu Adeyemi', 'Olu Adeyemi']]);
  });
});

describe('more ways of attributing a quote', () => {
  it('reads an age between the name and the verb', () => {
    expect(speakers('Ruth Okafor leads the union. "We are not moving," Okafor, 47, said.')).toEqual([['Okafor', 'Ruth Okafor']]);
  });

  it('knows "vowed" and "reiterated" as verbs of speech', () => {
    expect(speakers('"We will rebuild," vowed Mayor Helen Ortiz.')).toEqual([['Mayor Helen Ortiz', 'Helen Ortiz']]);
    expect(speakers('At the meeting, Helen Ortiz reiterated her view, calling the delay "a failure of planning".')).toEqual([['Helen Ortiz', 'Helen Ortiz']]);
  });
});

describe('a pronoun speaker of the gender the article gives', () => {
  it('gives "she said" to the woman named before the man named last', () => {
    expect(speakers('Laura Kent runs the depot. Dan Reyes said his crews were tired. "We will reopen on time," she said.')).toEqual([['she', 'Laura Kent']]);
  });

  it('reads a courtesy title and a gendered role as the gender', () => {
    expect(speakers('Mr Dan Reyes runs the depot. Spokeswoman Laura Kent arrived late. "We will reopen on time," he said.')).toEqual([['he', 'Dan Reyes']]);
  });
});
