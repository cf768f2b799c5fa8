// Dates and the timeline of issue #17 (point 3), on sentences written for these tests: a weekday
// just after publication, a year in a copyright line, a month heading a name, a speaker's "last
// night" inside a quotation, days with a name of their own, and a timeline sentence split from a
// quotation of several sentences. Each case failed before the change it covers.
import { describe, expect, it } from 'vitest';
import { findEvents } from '../../src/enrich/events.ts';
import { balanceQuotes, storyTimeline } from '../../src/enrich/story.ts';
import { splitSentences } from '../../src/text/sentences.ts';

// A Monday.
const monday = new Date('2025-07-07T21:00:00Z');
const events = (text: string, at = monday) => findEvents(text, splitSentences(text), at).map((e) => [e.text, e.date, e.precision]);

describe('dates against the article time', () => {
  it('reads a weekday just after publication as the next day with no tense cue or with the hours of the day named, and only that one', () => {
    expect(events('The news knocked 2.3% off the Hang Seng in early trading on Tuesday.')).toEqual([['on Tuesday', '2025-07-08', 'day']]);
    expect(events('The navy fired a test rocket into the sea early Tuesday morning.')).toEqual([['Tuesday morning', '2025-07-08', 'day']]);
    // With no tense cue at all the next day too.
    expect(events('Tuesday is a public holiday in Tokyo.')).toEqual([['Tuesday', '2025-07-08', 'day']]);
    // A past verb without the hours of the day, a weekday further back, and "last Tuesday" stay in the past.
    expect(events('The committee voted on Tuesday to delay the bill.')).toEqual([['on Tuesday', '2025-07-01', 'day']]);
    expect(events('The committee voted on Thursday to delay the bill.')).toEqual([['on Thursday', '2025-07-03', 'day']]);
    expect(events('The committee met last Tuesday.').map(([, date]) => date)).toEqual(['2025-07-01']);
  });

  it('takes no year from a copyright line', () => {
    expect(events('Copyright 2024 The Harbour Courier. All rights reserved.')).toEqual([]);
    expect(events('© 2023 Northwind Media Group')).toEqual([]);
    expect(events('The port opened in 2023.')).toEqual([['2023', '2023-01-01', 'year']]);
  });

  it('takes no month from a name it heads', () => {
    expect(events('She was one of the organisers of the Women’s March in the capital.')).toEqual([]);
    expect(events('The strike began in March and ended in May.').map(([text]) => text)).toEqual(['March', 'May']);
  });

  it('does not count a speaker’s "last night" inside a quotation from publication', () => {
    expect(events('She wrote on Monday that she "could not believe it was only last night that we spoke."')).toEqual([['on Monday', '2025-07-07', 'day']]);
    expect(events('The ferry docked last night, the port said on Monday.').map(([text]) => text)).toEqual(['last night', 'on Monday']);
  });

  it('dates New Year’s Eve and Christmas Day to the one nearest publication', () => {
    const newYear = new Date('2018-01-01T16:00:00Z');
    expect(events('Police made dozens of arrests on New Year’s Eve.', newYear)).toEqual([['New Year’s Eve', '2017-12-31', 'day']]);
    expect(events('The market stays shut on Christmas Day.', new Date('2025-12-20T12:00:00Z'))).toEqual([['Christmas Day', '2025-12-25', 'day']]);
  });
});

describe('timeline sentences', () => {
  it('pairs the quotation mark of a sentence split from a quotation of several sentences', () => {
    expect(balanceQuotes('Whether the talks end by Aug. 1 is anyone’s guess."')).toBe('"Whether the talks end by Aug. 1 is anyone’s guess."');
    expect(balanceQuotes('"The door is open.')).toBe('"The door is open."');
    expect(balanceQuotes('It ends “by Aug. 1,” he said.')).toBe('It ends “by Aug. 1,” he said.');
    expect(balanceQuotes('A deal by Aug. 1 is possible.”')).toBe('“A deal by Aug. 1 is possible.”');
  });

  it('shows timeline entries with their quotation marks paired', () => {
    const refs = [{ articleId: 1, sourceName: 'Wire', title: 'Talks', publishedAt: new Date('2025-07-07T12:00:00Z') }];
    const timeline = storyTimeline(refs, [{ articleId: 1, date: '2025-08-01', precision: 'day', text: 'Aug. 1', sentence: 'Whether the talks end by Aug. 1 is anyone’s guess."' }]);
    expect(timeline.map((t) => t.sentence)).toEqual(['"Whether the talks end by Aug. 1 is anyone’s guess."']);
  });
});
