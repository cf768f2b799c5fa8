// Relative ages as aggregator pages print them, including the glued forms of text dumps.
import { describe, expect, it } from 'vitest';
import { matchRelativeTime, resolveRelativeTime } from '../../src/extract/relative-time.ts';

const REF = new Date('2025-08-12T12:00:00Z');
const at = (text: string) => resolveRelativeTime(text, REF)?.date.toISOString() ?? null;

describe('resolveRelativeTime', () => {
  it.each([
    ['17 hours ago', '2025-08-11T19:00:00.000Z', '17 hours ago'],
    ['a day ago', '2025-08-11T12:00:00.000Z', 'a day ago'],
    ['an hour ago', '2025-08-12T11:00:00.000Z', 'an hour ago'],
    ['39 minutes ago', '2025-08-12T11:21:00.000Z', '39 minutes ago'],
    ['time39 minutes ago', '2025-08-12T11:21:00.000Z', '39 minutes ago'],
    ['Korea Herald17 hours ago', '2025-08-11T19:00:00.000Z', '17 hours ago'],
    ['Korea Heralda day ago', '2025-08-11T12:00:00.000Z', 'a day ago'],
    ['timean hour ago', '2025-08-12T11:00:00.000Z', 'an hour ago'],
    ['3 days ago', '2025-08-09T12:00:00.000Z', '3 days ago'],
    ['2 weeks ago', '2025-07-29T12:00:00.000Z', '2 weeks ago'],
    ['a month ago', '2025-07-12T12:00:00.000Z', 'a month ago'],
    ['5 months ago', '2025-03-12T12:00:00.000Z', '5 months ago'],
    ['2 years ago', '2023-08-12T12:00:00.000Z', '2 years ago'],
    ['yesterday', '2025-08-11T12:00:00.000Z', 'yesterday'],
    ['timeyesterday', '2025-08-11T12:00:00.000Z', 'yesterday'],
    ['just now', '2025-08-12T12:00:00.000Z', 'just now'],
    ['  4   hours   ago ', '2025-08-12T08:00:00.000Z', '4 hours ago'],
    ['3h ago', '2025-08-12T09:00:00.000Z', '3h ago'],
    ['5m ago', '2025-08-12T11:55:00.000Z', '5m ago'],
    ['2mo ago', '2025-06-12T12:00:00.000Z', '2mo ago'],
    ['10 mins ago', '2025-08-12T11:50:00.000Z', '10 mins ago'],
    ['Updated 2 hrs ago', '2025-08-12T10:00:00.000Z', '2 hrs ago'],
  ])('%s', (text, iso, literal) => {
    const resolved = resolveRelativeTime(text, REF);
    expect(resolved?.date.toISOString()).toBe(iso);
    expect(resolved?.literal).toBe(literal);
  });

  it('is pure: the same text against another reference gives another time', () => {
    expect(resolveRelativeTime('2 hours ago', new Date('2030-01-01T00:00:00Z'))?.date.toISOString()).toBe('2029-12-31T22:00:00.000Z');
  });

  it('answers null for text that is not an age stamp', () => {
    expect(at('Korea Herald')).toBeNull();
    expect(at('The meeting lasted around 50 minutes.')).toBeNull();
    expect(at('Prices rose sharply as analysts had warned they would two days ago.')).toBeNull();
    expect(at('')).toBeNull();
  });
});

describe('matchRelativeTime', () => {
  it('separates a glued source or label from the age', () => {
    expect(matchRelativeTime('Korea Herald17 hours ago')).toEqual({ prefix: 'Korea Herald', literal: '17 hours ago' });
    expect(matchRelativeTime('Korea Heralda day ago')).toEqual({ prefix: 'Korea Herald', literal: 'a day ago' });
    expect(matchRelativeTime('Nikkei Asiaan hour ago')).toEqual({ prefix: 'Nikkei Asia', literal: 'an hour ago' });
    expect(matchRelativeTime('timean hour ago')).toEqual({ prefix: 'time', literal: 'an hour ago' });
    expect(matchRelativeTime('4 hours ago')).toEqual({ prefix: '', literal: '4 hours ago' });
  });
});
