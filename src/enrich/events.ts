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

// Case-sensitive on purpose: "May" the month is no modal verb.
const FUTURE = /\b(?:will|would|shall|set to|is to|are to|scheduled|expected|upcoming|plans? to|slated|due to|poised to|next|until|could|may|might|possib\w+|likely)\b/;
// Spans of time, not dates: "the next 50 years", "in just a day".
// "for 14 years", "in three weeks", "within a week", "three days later", "two weeks before": a
// length of time, or a date counted from another event rather than from publication.
const DURATION =
  /^(?:(?:the\s+)?(?:next|past|last)\s+\d+\s+\w+|(?:in\s+)?(?:just\s+)?an?\s+(?:day|week|month|year)|(?:for|in|within|over)\s+(?:the\s+)?(?:\w+\s+)?(?:days?|weeks?|months?|years?|hours?)(?:\s+\w+)?|.*\b(?:later|after|before)|a year ago)$/i;
const SKIP = /^(?:now|today|tonight|currently|this time|the time|time|present)$/i;
const MAY_HOLD_DATE = /\d|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Mon|Tue|Wed|Thu|Fri|Sat|Sun|today|tonight|yesterday|tomorrow|week|month|year|spring|summer|autumn|fall|winter|noon|midnight|ago|later|earlier|decade|century)/i;

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

const iso = (y: number, m: number, d: number) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

function utcParts(date: Date): [number, number, number] {
  return [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
}

/** A weekday named alone: the last one on or before the reference, or the next one for future tense. */
function resolveWeekday(weekday: number, reference: Date, future: boolean): string {
  const ref = new Date(Date.UTC(reference.getUTCFullYear(), reference.getUTCMonth(), reference.getUTCDate()));
  let delta = weekday - ref.getUTCDay();
  if (future) {
    if (delta < 0) delta += 7;
  } else if (delta > 0) delta -= 7;
  const d = new Date(ref.getTime() + delta * 86_400_000);
  return iso(...utcParts(d));
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
  for (const r of chrono.parse(text, { instant: ref, timezone: 0 }, { forwardDate: false })) {
    const sentence = sentences.find((s) => s.start <= r.index && r.index < s.end);
    if (!sentence || r.index + r.text.length > sentence.end) continue; // a match across sentences
    const local = Object.assign(Object.create(Object.getPrototypeOf(r)) as chrono.ParsedResult, r, { index: r.index - sentence.start });
    bySentence.set(sentence.index, [...(bySentence.get(sentence.index) ?? []), local]);
  }
  for (const sentence of sentences) {
    const found: FoundEvent[] = [];
    if (!MAY_HOLD_DATE.test(sentence.text)) continue;
    let consumedUntil = -1;
    for (const r of bySentence.get(sentence.index) ?? []) {
      let text = r.text.replace(/[\s,.;:]+$/, '');
      // Tense from the words just before the date: "published Sunday" vs "will meet Sunday".
      const future = FUTURE.test(sentence.text.slice(Math.max(0, r.index - 60), r.index));
      if (SKIP.test(text) || DURATION.test(text)) continue;
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
        date = resolveWeekday(c.get('weekday')!, ref, future);
        precision = 'day';
      } else if (certain('day') || (certain('month') && /\b(?:week|yesterday|tomorrow|ago)\b/i.test(text))) {
        if (!reference && !certain('year')) continue;
        date = iso(c.get('year')!, c.get('month')!, c.get('day')!);
        precision = 'day';
      } else if (certain('month')) {
        if (!reference && !certain('year')) continue;
        let year = c.get('year')!;
        // A month named without a year: the past one unless the sentence looks ahead.
        if (!certain('year') && !/\b(?:this|next|last)\b/i.test(text)) {
          const month = c.get('month')!;
          const refMonth = ref.getUTCMonth() + 1;
          year = ref.getUTCFullYear() + (future ? (month < refMonth ? 1 : 0) : month > refMonth ? -1 : 0);
        }
        date = iso(year, c.get('month')!, 1);
        precision = 'month';
      } else if (certain('year')) {
        date = iso(c.get('year')!, 1, 1);
        precision = 'year';
      } else {
        continue; // a clock time alone ("01:42") or a vague phrase
      }
      const start = sentence.start + r.index;
      found.push({ start, end: start + text.length, text, date, precision, sentence: sentence.text, sentenceIndex: sentence.index, sentenceStart: sentence.start, sentenceEnd: sentence.end });
    }
    // Bare years ("in 2006", "a 2021 agreement"), which chrono leaves alone.
    for (const m of sentence.text.matchAll(/(?<![\p{L}\p{N},.$-])((?:19[5-9]|20[0-9])\d)(?![\p{N}\p{L}%]|,\d|\.\d|\s?(?:percent|won|yen|dollars|troops|people))/gu)) {
      const start = sentence.start + m.index!;
      if (found.some((f) => f.start <= start && start < f.end)) continue;
      found.push({ start, end: start + 4, text: m[1]!, date: iso(Number(m[1]), 1, 1), precision: 'year', sentence: sentence.text, sentenceIndex: sentence.index, sentenceStart: sentence.start, sentenceEnd: sentence.end });
    }
    events.push(...found.sort((a, b) => a.start - b.start));
  }
  return events;
}

export { WEEKDAYS };
