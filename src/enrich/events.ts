// Dated statements: every date an article's sentences give ("on July 10", "Thursday", "by Aug. 1",
// "later this month", "in 2006"), resolved against the article's publication time, with the
// precision the text allows (day, month or year) and the sentence it dates. chrono-node reads
// the dates; we add bare years, which it skips, and pick the direction of a weekday by tense
// ("met Thursday" is the last one, "will meet Thursday" the next).
import * as chrono from 'chrono-node';
import type { Sentence } from '../text/sentences.ts';

export type DatePrecision = 'day' | 'month' | 'year';

export interface FoundEvent {
  start: number;
  end: number;
  /** The date expression as written ("by Aug. 1", "Thursday"). */
  text: string;
  /** The date (UTC, ISO yyyy-mm-dd; the first of the month or year when less precise). */
  date: string;
  precision: DatePrecision;
  sentence: string;
  sentenceIndex: number;
  /** The sentence's range in the article text. */
  sentenceStart: number;
  sentenceEnd: number;
}

// Case-sensitive on purpose: "May" the month is no modal verb (a sentence may open on a cue:
// "Scheduled to be unveiled in August").
// A verb that looks ahead through its infinitive ("forecast to crest on Tuesday", "vows to reopen
// in March") is a future cue too (its past form is not: "agreed to de-escalate in May" is done); so is
// a forecast "for" a day ("more rain is forecast for the weekend").
const FUTURE =
  /\b(?:will|would|shall|set to|is to|are to|[Ss]cheduled|[Ee]xpected|[Uu]pcoming|plans? to|[Ss]lated|due to|poised to|next|until|could|may|might|possib\w+|likely|(?:forecast|projected|predicted|tipped|aims?|hopes?|intends?|wants?|vows?|promises?|pledges?|threatens?) to|forecasts? for)\b/;
// A month read back from a point in the past: "since October", "earlier in March".
const PAST = /\b(?:[Ss]ince|ago|earlier|[Ll]ast)\b/;
const FUTURE_ALL = new RegExp(FUTURE.source, 'g');
const PAST_ALL = new RegExp(PAST.source, 'g');
// A verb in the past tense governing the date ("the board voted on Thursday", "said Monday"): a
// regular -ed form or a common irregular one (not those that read the same in the present: "cut",
// "set", "put", "hit").
const PAST_IRREGULAR = new Set(
  'said told met held was were won lost fell rose spoke wrote began took came went gave made sent struck saw left sold bought paid found chose broke brought caught led kept flew drew grew fought sank swept stood tore'.split(' '),
);
const LOWER_WORDS = /\b[a-z]+\b/g;
// -ed words that are no past event: a plan or delay ("the planned strike on Friday"), a noun.
const NOT_PAST_VERB = /^(?:planned|proposed|scheduled|expected|slated|delayed|postponed|rescheduled|intended|supposed|needed|required|hundred|indeed|limited|united|need|speed|seed|feed|breed|greed|shed|bed|red)$/;
// How far before a date its tense cue may stand ("scheduled to be held at Seoul's Joint Chiefs of
// Staff headquarters on Friday"), within its sentence.
const CUE_CHARS = 100;
// A week has no date of its own: "last week" is not a day, and the stage has no week precision.
const WEEK = /^(?:(?:early|late|later|earlier)\s+)?(?:last|this|next|past|the\s+previous|the\s+following)\s+week$/i;
// Spans of time, not dates: "the next 50 years", "in just a day".
// "for 14 years", "in three weeks", "within a week", "three days later", "two weeks before": a
// length of time, or a date counted from another event rather than from publication.
const DURATION =
  /^(?:(?:the\s+)?(?:next|past|last)\s+\d+\s+\w+|(?:in\s+)?(?:just\s+)?an?\s+(?:day|week|month|year)|(?:for|in|within|over)\s+(?:the\s+)?(?:\w+\s+)?(?:days?|weeks?|months?|years?|hours?)(?:\s+\w+)?|.*\b(?:later|after|before)|a year ago)$/i;
// A span after an event or a length of time, not counted from publication: "after four hours",
// "for 3.9 seconds", "in just a few hours", "After two days"; and a vague reach back ("a few weeks
// ago", "several days ago") that names no day.
const SPAN =
  /^(?:after|for|in|within|over|during)\s+(?:(?:just|only|about|nearly|almost|roughly)\s+)?(?:(?:a\s+)?few\s+|several\s+|[\d.,]+\s+|[a-z]+\s+)?(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?)$|^(?:a\s+few|several|some|many)\s+\w+\s+ago$/i;
// A weekday's abbreviation with no day of the month: an ordinary word ("orbit around the sun",
// "sat", "wed"), since news copy names a weekday alone in full.
const WEEKDAY_ABBREVIATION = /\b(?:sun|mon|tue|tues|wed|thu|thur|thurs|fri|sat)\b\.?/i;
const WEEKDAY_NAME = /\b(?:sun|mon|tues|wednes|thurs|fri|satur)day\b/i;
const SKIP = /^(?:now|today|tonight|currently|this time|the time|time|present)$/i;
const MAY_HOLD_DATE =
  /\d|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Mon|Tue|Wed|Thu|Fri|Sat|Sun|today|tonight|last night|yesterday|tomorrow|week|month|year|spring|summer|autumn|fall|winter|noon|midnight|ago|later|earlier|decade|century)/i;

// Words that date from the speaker's own moment: inside a quotation they are not counted from
// publication ("she 'can't believe it was just last night that I held you'").
const DEICTIC = /^(?:last night|yesterday|tonight|tomorrow|this (?:morning|afternoon|evening))$/i;
// The hours of a day named with it: a report of the last few hours.
const HOURS = /\b(?:early|late|morning|afternoon|evening|night|overnight|trading)\b/i;
// A month that heads a name after a possessive ("the Women's March"), not a date.
const NAME_BEFORE = /\b[Tt]he\s+\p{Lu}\p{L}*['’]s\s+$/u;
// A year in a copyright line ("Copyright 2018 The Associated Press", "© 2017").
const COPYRIGHT_BEFORE = /(?:©|\([Cc]\)|\b[Cc]opyright)\s*$/;
// Days of the year with a name of their own (month, day): each is the one nearest publication.
const NAMED_DAYS: [RegExp, number, number][] = [
  [/\bNew Year['’]s Eve\b/g, 12, 31],
  [/\bNew Year['’]s Day\b/g, 1, 1],
  [/\bChristmas Eve\b/g, 12, 24],
  [/\bChristmas Day\b/g, 12, 25],
];

/** The named days of a sentence that no other date of it covers, added to `found`. */
function namedDays(sentence: Sentence, ref: Date, found: FoundEvent[]): void {
  for (const [re, month, day] of NAMED_DAYS)
    for (const m of sentence.text.matchAll(re)) {
      const start = sentence.start + m.index!;
      if (found.some((f) => f.start < start + m[0].length && start < f.end)) continue;
      found.push({ start, end: start + m[0].length, text: m[0], date: nearestDay(month, day, ref), precision: 'day', sentence: sentence.text, sentenceIndex: sentence.index, sentenceStart: sentence.start, sentenceEnd: sentence.end });
    }
}

/** True when the position lies inside a quotation the sentence opened before it. */
function insideQuote(sentence: string, at: number): boolean {
  const before = sentence.slice(0, at);
  const straight = before.split('"').length - 1;
  const open = before.split('“').length - 1;
  const close = before.split('”').length - 1;
  return straight % 2 === 1 || open > close;
}

/** The day (month, day) of the year nearest the reference, a tie going to the past. */
function nearestDay(month: number, day: number, ref: Date): string {
  const at = Date.UTC(ref.getUTCFullYear(), ref.getUTCMonth(), ref.getUTCDate());
  let best = 0;
  let bestGap = Number.POSITIVE_INFINITY;
  for (const y of [ref.getUTCFullYear() - 1, ref.getUTCFullYear(), ref.getUTCFullYear() + 1]) {
    const t = Date.UTC(y, month - 1, day);
    const gap = Math.abs(t - at) + (t > at ? 1 : 0);
    if (gap < bestGap) [best, bestGap] = [t, gap];
  }
  return iso(...utcParts(new Date(best)));
}

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

const iso = (y: number, m: number, d: number) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

function utcParts(date: Date): [number, number, number] {
  return [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
}

/**
 * A weekday named alone: the last one on or before the reference, or the next one for future tense.
 * The day just after publication is that next day (`nextDay`) when no past verb governs it, or when
 * the hours of that day are named: copy filed late, or in a zone behind the event's, reports the
 * next day's early trading or launch as done ("knocked 1.8% off the Nikkei in early Asian trading on
 * Tuesday" in an article of Monday), while "voted on Thursday" six days back stays in the past.
 */
function resolveWeekday(weekday: number, reference: Date, future: boolean, nextDay = false): string {
  const ref = new Date(Date.UTC(reference.getUTCFullYear(), reference.getUTCMonth(), reference.getUTCDate()));
  let delta = weekday - ref.getUTCDay();
  if (future) {
    if (delta < 0) delta += 7;
  } else if (delta > 0) delta -= 7;
  if (delta === -6 && nextDay) delta = 1;
  const d = new Date(ref.getTime() + delta * 86_400_000);
  return iso(...utcParts(d));
}

/**
 * The tense the words before a date give it: the cue nearest the date wins ("will be their first
 * meeting since Trump returned in January" looks back), and a cue inside a quotation that ends
 * before the date is not the date's ("'… will remain,' Cho said in an interview published Sunday").
 */
function tenseBefore(sentence: string, at: number): 'future' | 'past' | null {
  let cue = sentence.slice(Math.max(0, at - CUE_CHARS), at);
  // Double marks, a single mark that closes speech (",'" but not "Seoul's"), a semicolon.
  const cut = Math.max(...['"', '“', '”', ",'", ".'", ',’', '.’', '; '].map((m) => cue.lastIndexOf(m)));
  if (cut >= 0) cue = cue.slice(cut + 1);
  const last = (re: RegExp) => {
    let found = -1;
    for (const m of cue.matchAll(re)) found = m.index!;
    return found;
  };
  const future = last(FUTURE_ALL);
  let past = last(PAST_ALL);
  // Only a verb after the nearest cue word can be nearer still.
  LOWER_WORDS.lastIndex = Math.max(future, past) + 1;
  for (let m = LOWER_WORDS.exec(cue); m; m = LOWER_WORDS.exec(cue)) {
    const w = m[0];
    if (!((w.length > 3 && w.endsWith('ed')) || PAST_IRREGULAR.has(w)) || NOT_PAST_VERB.test(w)) continue;
    // "to be completed", "will be held": a passive after a modal or infinitive; "a closed meeting":
    // an adjective after a determiner; "agreed to meet": the infinitive's time, not the verb's.
    const before = cue.slice(Math.max(0, m.index - 12), m.index);
    if (/\b(?:be|being|to|a|an|the|its|their|his|her|our|this|that|these|those)\s+$/.test(before)) continue;
    if (/^\s+to\s/.test(cue.slice(m.index + w.length))) continue;
    past = m.index;
  }
  if (future < 0 && past < 0) return null;
  return future > past ? 'future' : 'past';
}

/** The first day with that weekday on or after an ISO date. */
function weekdayOnOrAfter(weekday: number, from: string): string {
  const d = new Date(`${from}T00:00:00Z`);
  const delta = (weekday - d.getUTCDay() + 7) % 7;
  return iso(...utcParts(new Date(d.getTime() + delta * 86_400_000)));
}

/**
 * The year of a month named without one: the next such month when the sentence looks ahead, the
 * last one when it looks back ("since October"), else the one nearest the reference (a tie goes
 * to the past).
 */
function monthYear(month: number, ref: Date, tense: 'future' | 'past' | null): number {
  const year = ref.getUTCFullYear();
  const refMonth = ref.getUTCMonth() + 1;
  if (tense === 'future') return year + (month < refMonth ? 1 : 0);
  if (tense === 'past') return year + (month > refMonth ? -1 : 0);
  const ahead = month - refMonth; // -11 … 11
  if (ahead > 6) return year - 1;
  if (ahead < -6) return year + 1;
  return year;
}

/**
 * Dated events of one article (its text and the sentences split from it); `reference` is its
 * publication time (null: only absolute dates are kept).
 */
export function findEvents(text: string, sentences: Sentence[], reference: Date | null): FoundEvent[] {
  const events: FoundEvent[] = [];
  // chrono reads the clock in the machine's zone; a reference pinned at noon UTC keeps dates stable.
  const ref = reference ?? new Date(Date.UTC(2000, 0, 1, 12));
  // One chrono pass over the whole text: a call per sentence costs ~30 times as much.
  const bySentence = new Map<number, chrono.ParsedResult[]>();
  for (const whole of chrono.parse(text, { instant: ref, timezone: 0 }, { forwardDate: false })) {
    const sentence = sentences.find((s) => s.start <= whole.index && whole.index < s.end);
    if (!sentence) continue;
    let r = whole;
    if (r.index + r.text.length > sentence.end) {
      // A match across sentences ("… (@handle) November 3, 2016" and the next line's "12:47 a.m."):
      // the part inside the sentence, read again alone, if it is a date from its first word.
      const head = chrono.parse(text.slice(r.index, sentence.end), { instant: ref, timezone: 0 }, { forwardDate: false })[0];
      if (head?.index !== 0) continue;
      r = Object.assign(Object.create(Object.getPrototypeOf(head)) as chrono.ParsedResult, head, { index: whole.index });
    }
    const local = Object.assign(Object.create(Object.getPrototypeOf(r)) as chrono.ParsedResult, r, { index: r.index - sentence.start });
    bySentence.set(sentence.index, [...(bySentence.get(sentence.index) ?? []), local]);
  }
  for (const sentence of sentences) {
    const found: FoundEvent[] = [];
    if (!MAY_HOLD_DATE.test(sentence.text)) continue;
    let consumedUntil = -1;
    for (const r of bySentence.get(sentence.index) ?? []) {
      let text = r.text.replace(/[\s,.;:]+$/, '');
      // Tense from the words just before the date ("published Sunday" vs "will meet Sunday"), read
      // only for a weekday or a month without a year.
      const tense = () => tenseBefore(sentence.text, r.index);
      if (SKIP.test(text) || DURATION.test(text) || SPAN.test(text) || WEEK.test(text)) continue;
      if (DEICTIC.test(text) && insideQuote(sentence.text, r.index)) continue;
      // "last night" is the evening before the day of publication, whatever the hour the copy was
      // filed (chrono reads it as the same day in an article stamped just after midnight).
      if (/^last night$/i.test(text) && reference) {
        const start = sentence.start + r.index;
        const day = iso(...utcParts(new Date(Date.UTC(ref.getUTCFullYear(), ref.getUTCMonth(), ref.getUTCDate() - 1))));
        found.push({ start, end: start + text.length, text, date: day, precision: 'day', sentence: sentence.text, sentenceIndex: sentence.index, sentenceStart: sentence.start, sentenceEnd: sentence.end });
        continue;
      }
      // "August last year": chrono reads the month and "last year" apart; read them together.
      const yearAfter = /^\s+(last|next|this) year\b/.exec(sentence.text.slice(r.index + r.text.length));
      if (yearAfter && r.start.isCertain('month') && !r.start.isCertain('year') && !r.start.isCertain('day')) {
        const shift = yearAfter[1] === 'last' ? -1 : yearAfter[1] === 'next' ? 1 : 0;
        const start = sentence.start + r.index;
        text = sentence.text.slice(r.index, r.index + r.text.length + yearAfter[0].length);
        found.push({
          start,
          end: start + text.length,
          text,
          date: iso(ref.getUTCFullYear() + shift, r.start.get('month')!, 1),
          precision: 'month',
          sentence: sentence.text,
          sentenceIndex: sentence.index,
          sentenceStart: sentence.start,
          sentenceEnd: sentence.end,
        });
        consumedUntil = r.index + text.length;
        continue;
      }
      if (r.index < consumedUntil) continue;
      const c = r.start;
      const certain = (k: 'day' | 'month' | 'year' | 'weekday') => c.isCertain(k);
      let date: string;
      let precision: DatePrecision;
      if (certain('weekday') && !certain('day') && !certain('month')) {
        if (!reference) continue;
        if (WEEKDAY_ABBREVIATION.test(text) && !WEEKDAY_NAME.test(text)) continue;
        // "this weekend" in an article of a Sunday is the weekend it is in, not the next one.
        const thisWeekend = /\bthis\s+weekend\b/i.test(text) && ref.getUTCDay() === 0;
        const t = thisWeekend ? null : tense();
        // "last Tuesday" is never the next one; the hours of the day ("early Tuesday", "in early
        // trading on Tuesday", "Tuesday morning") mark a report of the last few hours.
        const nextDay = !/\b(?:last|past|previous)\b/i.test(text) && (t !== 'past' || HOURS.test(sentence.text.slice(Math.max(0, r.index - 30), r.index + r.text.length)));
        date = thisWeekend ? resolveWeekday(6, ref, false) : resolveWeekday(c.get('weekday')!, ref, t === 'future', nextDay);
        precision = 'day';
      } else if (certain('day') || (certain('month') && /\b(?:week|yesterday|tomorrow|ago)\b/i.test(text))) {
        if (!reference && !certain('year')) continue;
        date = iso(c.get('year')!, c.get('month')!, c.get('day')!);
        precision = 'day';
      } else if (certain('month')) {
        if (!reference && !certain('year')) continue;
        if (!certain('year') && NAME_BEFORE.test(sentence.text.slice(Math.max(0, r.index - 40), r.index))) continue;
        let year = c.get('year')!;
        // A month named without a year: the past one unless the sentence looks ahead.
        if (!certain('year') && !/\b(?:this|next|last)\b/i.test(text)) year = monthYear(c.get('month')!, ref, tense());
        date = iso(year, c.get('month')!, 1);
        precision = 'month';
      } else if (certain('year')) {
        date = iso(c.get('year')!, 1, 1);
        precision = 'year';
      } else {
        continue; // a clock time alone ("01:42") or a vague phrase
      }
      const start = sentence.start + r.index;
      // "from Thursday to Friday": the range's end dates its own day, the first one on or after the start.
      const end = r.end;
      const toAt = text.search(/\s(?:to|until|through|and)\s/);
      if (end && toAt > 0 && precision === 'day' && end.isCertain('weekday') && !end.isCertain('day')) {
        const endText = text.slice(toAt + 1);
        found.push({
          start: start + toAt + 1,
          end: start + text.length,
          text: endText,
          date: weekdayOnOrAfter(end.get('weekday')!, date),
          precision: 'day',
          sentence: sentence.text,
          sentenceIndex: sentence.index,
          sentenceStart: sentence.start,
          sentenceEnd: sentence.end,
        });
        text = text.slice(0, toAt);
      }
      found.push({ start, end: start + text.length, text, date, precision, sentence: sentence.text, sentenceIndex: sentence.index, sentenceStart: sentence.start, sentenceEnd: sentence.end });
    }
    // "the end of 2024": the year's last day (as chrono reads "the end of July").
    for (const m of sentence.text.matchAll(/\bend of ((?:19[5-9]|20[0-9])\d)\b/g)) {
      const start = sentence.start + m.index!;
      if (found.some((f) => f.start <= start + m[0].length - 4 && start < f.end)) continue;
      found.push({ start, end: start + m[0].length, text: m[0], date: iso(Number(m[1]), 12, 31), precision: 'day', sentence: sentence.text, sentenceIndex: sentence.index, sentenceStart: sentence.start, sentenceEnd: sentence.end });
    }
    // Bare years ("in 2006", "a 2021 agreement", "by mid-2026"), which chrono leaves alone; not a
    // path of a web address ("usatoday.com/2016/11/…"). An older year only after a word that dates
    // ("since 1908", "in 1885"), where it is no count.
    for (const m of sentence.text.matchAll(
      /(?<![\p{L}\p{N},.$/-])((?:19[5-9]|20[0-9])\d|(?<=\b(?:[Ss]ince|[Ii]n|[Uu]ntil|[Bb]efore|[Aa]fter)\s)(?:18\d|19[0-4])\d)(?![\p{N}\p{L}%/]|,\d|\.\d|\s?(?:percent|won|yen|dollars|troops|people))/gu,
    )) {
      const start = sentence.start + m.index!;
      if (found.some((f) => f.start <= start && start < f.end)) continue;
      if (COPYRIGHT_BEFORE.test(sentence.text.slice(Math.max(0, m.index! - 12), m.index!))) continue;
      found.push({ start, end: start + 4, text: m[1]!, date: iso(Number(m[1]), 1, 1), precision: 'year', sentence: sentence.text, sentenceIndex: sentence.index, sentenceStart: sentence.start, sentenceEnd: sentence.end });
    }
    if (reference && (sentence.text.includes('New Year') || sentence.text.includes('Christmas'))) namedDays(sentence, ref, found);
    // "by mid-2026": the year (the pattern above leaves a year after a hyphen alone).
    if (sentence.text.includes('mid-'))
      for (const m of sentence.text.matchAll(/(?<![\p{L}-])mid-((?:19[5-9]|20[0-9])\d)(?![\p{N}\p{L}%])/gu)) {
        const start = sentence.start + m.index! + 4;
        found.push({ start, end: start + 4, text: m[1]!, date: iso(Number(m[1]), 1, 1), precision: 'year', sentence: sentence.text, sentenceIndex: sentence.index, sentenceStart: sentence.start, sentenceEnd: sentence.end });
      }
    events.push(...found.sort((a, b) => a.start - b.start));
  }
  return events;
}

export { WEEKDAYS };
