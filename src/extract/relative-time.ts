// Relative publication times as aggregator pages print them ("17 hours ago", "a day ago"),
// including the glued forms text dumps produce when a label or source name ran into the age
// ("time39 minutes ago", "Korea Herald17 hours ago", "Korea Heralda day ago").
// Pure: the reference time is always a parameter.
import * as chrono from 'chrono-node';

export interface RelativeTime {
  /** The moment the age points to, counted back from the reference time. */
  date: Date;
  /** The relative expression alone, e.g. "17 hours ago". */
  literal: string;
}

export interface RelativeTimeMatch {
  /** What stood before the expression on the same line: a label ("time"), a source name, or "". */
  prefix: string;
  literal: string;
}

const NUMBER_WORDS = 'an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\\d{1,4}';
const UNITS = 'sec(?:ond)?s?|min(?:ute)?s?|h(?:ou)?rs?|hours?|days?|weeks?|months?|years?|mos?|yrs?|[smhdwy]';
// No word boundary before the amount: the dumps glue it to the text before ("Heralda day ago").
// The prefix is matched lazily so "Korea Heralda day ago" splits as "Korea Herald" + "a day ago".
const AGO = new RegExp(`^(.*?)((?:${NUMBER_WORDS})\\s*(?:${UNITS})\\s+ago)\\s*$`, 'i');
const BARE = /^(.*?)(just now|moments? ago|yesterday)\s*$/i;

/** Finds a relative-time expression that ends the text; the text before it is returned as prefix. */
export function matchRelativeTime(text: string): RelativeTimeMatch | null {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line.length === 0 || line.length > 80) return null;
  const m = AGO.exec(line) ?? BARE.exec(line);
  if (!m) return null;
  const prefix = (m[1] ?? '').trim();
  const literal = (m[2] ?? '').trim();
  // "one day ago" inside a sentence is prose, not an age stamp: the prefix must be short.
  if (prefix.split(' ').length > 6 || /[.!?]$/.test(prefix)) return null;
  return { prefix, literal };
}

const UNIT_MS: Record<string, number> = {
  second: 1000,
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
  week: 7 * 86_400_000,
};

function unitOf(word: string): string {
  const w = word.toLowerCase();
  if (w.startsWith('s')) return 'second';
  // "5m ago" on a news page means minutes; months are written "mo" or "months".
  if (w === 'm' || w.startsWith('mi')) return 'minute';
  if (w.startsWith('h')) return 'hour';
  if (w.startsWith('d')) return 'day';
  if (w.startsWith('w')) return 'week';
  if (w.startsWith('mo')) return 'month';
  return 'year';
}

const WORD_AMOUNTS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
};

/** Subtracts the age from the reference time. Months and years go by the calendar (in UTC). */
function subtract(literal: string, referenceTime: Date): Date | null {
  const lower = literal.toLowerCase();
  if (lower === 'just now' || /^moments? ago$/.test(lower)) return new Date(referenceTime.getTime());
  if (lower === 'yesterday') {
    // chrono knows "yesterday"; pinned to UTC so the result does not depend on the machine's zone.
    const parsed = chrono.parseDate(lower, { instant: referenceTime, timezone: 'UTC' });
    return parsed ?? new Date(referenceTime.getTime() - UNIT_MS.day!);
  }
  const m = /^(\S+?)\s*([a-z]+)\s+ago$/i.exec(literal) ?? /^(\d+)([a-z]+)\s+ago$/i.exec(literal);
  if (!m) return null;
  const amountWord = m[1]!.toLowerCase();
  const amount = /^\d+$/.test(amountWord) ? Number(amountWord) : WORD_AMOUNTS[amountWord];
  if (amount === undefined) return null;
  const unit = unitOf(m[2]!);
  if (unit === 'month' || unit === 'year') {
    const d = new Date(referenceTime.getTime());
    if (unit === 'month') d.setUTCMonth(d.getUTCMonth() - amount);
    else d.setUTCFullYear(d.getUTCFullYear() - amount);
    return d;
  }
  return new Date(referenceTime.getTime() - amount * UNIT_MS[unit]!);
}

/**
 * Resolves the relative time that ends `text` against `referenceTime`.
 * Returns null when the text holds no such expression.
 */
export function resolveRelativeTime(text: string, referenceTime: Date): RelativeTime | null {
  const match = matchRelativeTime(text);
  if (!match) return null;
  const date = subtract(match.literal, referenceTime);
  if (!date || Number.isNaN(date.getTime())) return null;
  return { date, literal: match.literal };
}
