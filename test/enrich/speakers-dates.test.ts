// Quote speakers and dates of issue #17 (points 3 and 4), on sentences written for these tests:
// a quoted phrase whose sentence's subject said it long before it; months without a year against
// the article's time (the nearest year unless the tense says otherwise); a week is not a day; a
// year's end; both ends of a range of weekdays. Each case failed before the change it covers.
import { describe, expect, it } from 'vitest';
import { findEntities } from '../../src/enrich/entities.ts';
import { findEvents } from '../../src/enrich/events.ts';
import { findQuotes } from '../../src/enrich/quotes.ts';
import { splitSentences } from '../../src/text/sentences.ts';

const speakers = (text: string) => findQuotes(text, findEntities(text)).map((q) => [q.text, q.speakerName]);

describe('quote speakers', () => {
  it('gives a short quoted phrase to the person whose "said" opens its sentence, however far before', () => {
    const text = 'Ports were quiet on Monday. Harbour commissioner Ingrid Solvang said after a long meeting with shipping firms in the capital that the new fees "will not survive the winter". Talks resume next month.';
    expect(speakers(text)).toEqual([['will not survive the winter', 'Ingrid Solvang']]);
  });

  it('gives it to no description and no place', () => {
    const text = 'A senior official said after the meeting that the plan was "a good start". Lisbon said after the talks that they were "useful".';
    expect(speakers(text).every(([, name]) => name === null)).toBe(true);
  });
});

describe('dates against the article time', () => {
  const published = new Date('2025-07-10T12:00:00Z');
  const events = (text: string, at = published) => findEvents(text, splitSentences(text), at).map((e) => [e.text, e.date, e.precision]);

  it('puts a month without a year in the year nearest the article unless the tense says otherwise', () => {
    // Two months ahead and no tense: this year (it was read as last year's).
    expect(events('The three navies are in talks to hold a joint drill in September.')).toEqual([['September', '2025-09-01', 'month']]);
    // A cue word opening the sentence counts.
    expect(events('Scheduled to open in August, the bridge will carry four lanes.')).toEqual([['August', '2025-08-01', 'month']]);
    // "since October" looks back, though October is nearer ahead.
    expect(events('Since October, the bank has held its rate.')).toEqual([['October', '2024-10-01', 'month']]);
    // The cue nearest the date wins: "since" after "will".
    expect(events('It will be their first meeting since the minister took office in January.')).toEqual([['January', '2025-01-01', 'month']]);
  });

  it('reads the tense of a weekday within its clause, not from a quotation that ended before it', () => {
    expect(events('The meeting of the three generals is scheduled to be held at the new defence ministry headquarters in the capital on Friday.')).toEqual([['on Friday', '2025-07-11', 'day']]);
    expect(events("'We will,' the minister said in an interview published Sunday.")).toEqual([['Sunday', '2025-07-06', 'day']]);
  });

  it('lists no week as a day, ends a year on its last day and dates both ends of a weekday range', () => {
    expect(events('The rival firm cut its prices last week.')).toEqual([]);
    expect(events('Debt stood at 40% of output at the end of 2024.')).toEqual([['end of 2024', '2024-12-31', 'day']]);
    expect(events('The summit is scheduled from Thursday to Friday.')).toEqual([
      ['Thursday', '2025-07-10', 'day'],
      ['to Friday', '2025-07-11', 'day'],
    ]);
  });
});
