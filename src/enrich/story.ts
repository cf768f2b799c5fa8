// A story's enrichment from its articles' enrichments: the timeline of dated events (each with
// its sentence and source, repeats across wire copies folded), the figures table (one row per
// subject and unit, values side by side where sources disagree), and quotes grouped by speaker.
// Pure: works on plain arrays, whether they come from the store or straight from enrichArticle.
import { similarity } from './summary.ts';
import { terms } from '../text/tokenise.ts';
import { DESCRIBED_PERSON } from './quotes.ts';
import { CONVERSION_BETWEEN, namesOnlyMeasure } from './figure-subjects.ts';
import { isCurrencyUnit, isMeasurementUnit, RANGE_BETWEEN } from './figures.ts';

export interface StoryArticleRef {
  articleId: number;
  sourceName: string | null;
  title: string;
  publishedAt: Date | null;
}

export interface EventRow {
  articleId: number;
  date: string;
  precision: 'day' | 'month' | 'year';
  text: string;
  sentence: string;
}

export interface FigureRow {
  articleId: number;
  subject: string | null;
  subjectKey: string | null;
  subjectName?: string | null;
  value: number;
  unit: string | null;
  text: string;
  context: string;
  /** What it measures ("tariff"); rows stored before measures were kept have none. */
  measure?: string | null;
  /** The old or the new value of a change its sentence tells. */
  change?: 'from' | 'to' | null;
  /** Every entity it is about, with names (the first is subjectKey). */
  subjects?: { key: string; name: string }[];
}

export interface QuoteRow {
  articleId: number;
  text: string;
  speaker: string | null;
  speakerKey: string | null;
  speakerName: string | null;
}

export interface TimelineEntry {
  date: string;
  precision: 'day' | 'month' | 'year';
  text: string;
  sentence: string;
  /** Every article that states it, first one first. */
  sources: { articleId: number; sourceName: string | null; publishedAt: string | null }[];
  /** Other things the articles date to the same day (or month, or year), told in other words. */
  also: { sentence: string; sources: TimelineEntry['sources'] }[];
}

function refOf(articles: Map<number, StoryArticleRef>, id: number) {
  const a = articles.get(id);
  return { articleId: id, sourceName: a?.sourceName ?? null, publishedAt: a?.publishedAt?.toISOString() ?? null };
}

// "WASHINGTON, July 7 (Meridian Wire) —": the day the story was filed, not an event of it.
const DATELINE = /^[\p{Lu}][\p{Lu}\s.'’-]{2,40},\s*([^()—–]{3,20}?)\s*\([^)]{2,40}\)\s*[—–-]/u;
// Two sentences dated the same day that share this much of their terms tell one event.
const SAME_EVENT = 0.3;
// Sentences sharing this much of their terms, dates included, are copies of one sentence.
const SAME_SENTENCE = 0.85;

/**
 * The one date a sentence is listed under: its first day (the dateline's left out), else its
 * first month, else its first year. A sentence naming two dates ("tariffs from Aug. 1, the White
 * House said on Monday") is one entry, not two.
 */
function sentenceDate(events: EventRow[]): EventRow {
  const dateline = DATELINE.exec(events[0]!.sentence)?.[1]?.trim();
  const candidates = events.filter((e) => !dateline || e.text !== dateline);
  const pool = candidates.length ? candidates : events;
  for (const precision of ['day', 'month', 'year'] as const) {
    const first = pool.find((e) => e.precision === precision);
    if (first) return first;
  }
  return pool[0]!;
}

/**
 * A sentence as the timeline shows it, its quotation marks paired: a sentence split from inside a
 * quotation of several sentences (`Whether we reach it by Aug. 1 is the question."`) gets the mark
 * that opened it, one that opens a quotation running on past it gets the closing mark.
 */
export function balanceQuotes(sentence: string): string {
  const s = sentence.trim();
  const open = s.split('“').length - 1;
  const close = s.split('”').length - 1;
  if (close > open) return `“${s}`;
  if (open > close) return `${s}”`;
  const straight = [...s.matchAll(/"/g)].map((m) => m.index!);
  if (straight.length % 2 === 0) return s;
  // The unpaired straight mark closes when the first one follows a word or a stop, else it opens.
  const first = straight[0]!;
  return first > 0 && /[^\s([{—–-]/.test(s[first - 1]!) ? `"${s}` : `${s}"`;
}

/**
 * Each event once, in date order, under one date, with every article that reported it: a
 * sentence is listed under one of its dates, sentences of one day that share most of their words
 * (wire copies, the same fact retold) are one account, and a date's other accounts go under its
 * best-sourced one, so no date is listed twice.
 */
export function storyTimeline(refs: StoryArticleRef[], events: EventRow[]): TimelineEntry[] {
  const articles = new Map(refs.map((r) => [r.articleId, r]));
  const bySentence = new Map<string, EventRow[]>();
  for (const e of events) {
    const key = `${e.articleId}|${e.sentence}`;
    bySentence.set(key, [...(bySentence.get(key) ?? []), e]);
  }
  const chosen = [...bySentence.values()].map(sentenceDate);
  const entries: (TimelineEntry & { set: Set<string>; full: Set<string> })[] = [];
  const ordered = chosen.sort((a, b) => (articles.get(a.articleId)?.publishedAt?.getTime() ?? 0) - (articles.get(b.articleId)?.publishedAt?.getTime() ?? 0));
  for (const e of ordered) {
    // The date's own words ("Aug. 1") are shared by every sentence of that day: leave them out.
    const dateTerms = new Set(terms(e.text));
    const full = new Set(terms(e.sentence));
    const set = new Set([...full].filter((t) => !dateTerms.has(t)));
    const threshold = e.precision === 'day' ? SAME_EVENT : 0.6;
    let same: (typeof entries)[number] | null = null;
    let best = threshold;
    for (const x of entries) {
      // The same sentence in two copies whose dates differ (a weekday counted from two publication
      // times) is still one event: it keeps the first copy's date.
      const copy = x.sentence === e.sentence || similarity(x.full, full) >= SAME_SENTENCE;
      const score = copy ? 1 : x.date === e.date && x.precision === e.precision ? similarity(x.set, set) : 0;
      if (score >= best) [same, best] = [x, score];
    }
    if (same) {
      if (!same.sources.some((s) => s.articleId === e.articleId)) same.sources.push(refOf(articles, e.articleId));
      continue;
    }
    entries.push({ date: e.date, precision: e.precision, text: e.text, sentence: e.sentence, sources: [refOf(articles, e.articleId)], also: [], set, full });
  }
  // One entry per date: the sentence most sources give leads, the others of that date go under it.
  const byDate = new Map<string, TimelineEntry>();
  const lead = [...entries].sort((a, b) => b.sources.length - a.sources.length);
  for (const { set: _set, full: _full, ...entry } of lead) {
    const key = `${entry.date}|${entry.precision}`;
    const first = byDate.get(key);
    const sentence = balanceQuotes(entry.sentence);
    if (first) first.also.push({ sentence, sources: entry.sources });
    else byDate.set(key, { ...entry, sentence });
  }
  const rank = { year: 0, month: 1, day: 2 } as const;
  return [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date) || rank[a.precision] - rank[b.precision]);
}

export interface FigureValue {
  value: number;
  text: string;
  context: string;
  sources: ReturnType<typeof refOf>[];
  /** When it was first reported (its earliest source's publication time). */
  firstReportedAt: string | null;
  /** An old value: a sentence told it changed to another value of this row. */
  superseded: boolean;
  /** The same amount in other units, as its sentence gives it ("$12.9 billion" beside "¥1.9 trillion", "97 km/h" beside "60 mph"). */
  equivalents: string[];
}

export interface FigureTableRow {
  /** What the row is about: an entity's name, or a product or phrase when no entity is named. */
  subject: string;
  subjectKey: string | null;
  measure: string;
  unit: string | null;
  /** Each distinct value with the articles that give it, earliest reported first. */
  values: FigureValue[];
  /** Changes the articles tell ("lowered from 25% to 15%"), each with its sentence. */
  changes: { from: number; to: number; context: string; articleId: number }[];
  /** True when articles of about the same time give different current values (a told change is not a disagreement). */
  disagree: boolean;
  /** True when its current values were reported at different times, each its time's value: the figure over time. */
  overTime: boolean;
}

/** "governments" for "14 governments", "other countries" for "11 countries": the subject only repeats what is counted. */
function restatesUnit(subject: string, unit: string | null): boolean {
  if (!unit) return false;
  const counted = new Set(terms(unit));
  const words = terms(subject.replace(/\b(?:other|more|some|many|several|all|new)\b/gi, ' '));
  return words.length > 0 && words.every((w) => counted.has(w));
}

const sameValue = (a: number, b: number) => Math.abs(a - b) <= Math.abs(b) * 1e-9;

/** Which kind of unit an amount is in, when it may be converted: a currency or a unit of measurement. */
const convertible = (unit: string | null) => (isCurrencyUnit(unit) ? 'currency' : isMeasurementUnit(unit) ? 'measurement' : null);
// Articles published this close together report the same moment: different values from them differ.
const SAME_TIME_MS = 24 * 3600 * 1000;

/**
 * Figures that only give another figure of their sentence in another currency or unit ("¥1.9
 * trillion ($12.9 billion)", "60 mph (97 km/h)", "5 to 13 meters (16 to 43 feet)"): each is the
 * equivalent of the one before it (the map's value), not a value of its own. Found in the stored
 * sentence, so rows stored before this rule are read the same way; a sentence's figures come in
 * text order.
 */
export function conversions(figures: FigureRow[]): Map<FigureRow, FigureRow> {
  const out = new Map<FigureRow, FigureRow>();
  const bySentence = new Map<string, FigureRow[]>();
  for (const f of figures) if (convertible(f.unit)) bySentence.set(`${f.articleId}|${f.context}`, [...(bySentence.get(`${f.articleId}|${f.context}`) ?? []), f]);
  for (const group of bySentence.values()) {
    const context = group[0]!.context;
    // Where each stands, in order ("13 buoys … 5 to 13 meters": the second 13 is after the first).
    const at: number[] = [];
    let from = 0;
    for (const f of group) {
      const i = context.indexOf(f.text, from);
      at.push(i);
      if (i >= 0) from = i + f.text.length;
    }
    // The words between two figures, past the first one's unit when its text leaves it out ("60 mph (").
    const between = (i: number, j: number) => {
      const a = group[i]!;
      const gap = context.slice(at[i]! + a.text.length, at[j]!);
      return a.unit && gap.toLowerCase().trimStart().startsWith(a.unit.toLowerCase()) ? gap.trimStart().slice(a.unit.length) : gap;
    };
    for (let j = 1; j < group.length; j++) {
      const b = group[j]!;
      for (let i = j - 1; i >= 0; i--) {
        const a = group[i]!;
        if (at[i]! < 0 || at[j]! <= at[i]! || a.unit === b.unit || out.has(a) || out.has(b) || convertible(a.unit) !== convertible(b.unit)) continue;
        if (!CONVERSION_BETWEEN.test(between(i, j))) continue;
        out.set(b, a);
        // "5 to 13 meters (16 to 43 feet)": the ranges' ends convert end to end.
        const a0 = group[i - 1];
        const b1 = group[j + 1];
        if (a0 && b1 && at[i - 1]! >= 0 && at[j + 1]! > at[j]! && a0.unit === a.unit && b1.unit === b.unit && RANGE_BETWEEN.test(between(i - 1, i)) && RANGE_BETWEEN.test(between(j, j + 1))) {
          out.set(b, a0);
          out.set(b1, a);
        }
        break;
      }
    }
  }
  return out;
}

/** An amount as a reader sees it beside another: "$12.9 billion", "97 km/h". */
function asEquivalent(f: FigureRow): string {
  return f.unit && !isCurrencyUnit(f.unit) && !f.text.toLowerCase().includes(f.unit.toLowerCase()) ? `${f.text} ${f.unit}` : f.text;
}

const ARTICLE = /^(?:the|a|an)\s+/i;
// What may follow a name in a fuller form of it: another name word or a number ("Nikkei 225", "Hyundai Motor").
const NAME_PART = /^(?:[\p{Lu}][\p{L}\p{N}&.'’-]*|\p{N}[\p{N}.,]*)$/u;

/**
 * Subjects named by a shorter form of a longer name the story also names ("the Nikkei" for
 * "Nikkei 225", "Hyundai" for "Hyundai Motor"): the shorter is the longer name without its article
 * or its trailing name words and numbers. Each maps to the one longer subject it is a form of;
 * a short form that fits two longer names is left alone. An entity is never given to words, and
 * two entities meet only when they are of one kind.
 */
function longerNames(subjects: { key: string; label: string; entity: boolean }[]): Map<string, { key: string; label: string; entity: boolean }> {
  const distinct = [...new Map(subjects.map((s) => [s.key, s])).values()];
  const words = (label: string) => label.replace(ARTICLE, '').trim().split(/\s+/);
  const kind = (s: { key: string; entity: boolean }) => (s.entity ? s.key.slice(0, s.key.indexOf(':')) : null);
  const out = new Map<string, { key: string; label: string; entity: boolean }>();
  for (const short of distinct) {
    const w = words(short.label);
    if (!/^[\p{Lu}]/u.test(w[0] ?? '')) continue;
    const longer = distinct.filter((long) => {
      if (long.key === short.key || (short.entity && (!long.entity || kind(long) !== kind(short)))) return false;
      const l = words(long.label);
      return l.length > w.length && w.every((x, k) => x.toLowerCase() === l[k]!.toLowerCase()) && l.slice(w.length).every((x) => NAME_PART.test(x));
    });
    if (longer.length === 1) out.set(short.key, longer[0]!);
  }
  return out;
}

/**
 * One row per (subject, measure, unit): the values over time with their sources, the changes the
 * text tells, and whether sources disagree. Figures about nothing nameable are left out: a row
 * must say what it is about.
 */
export function storyFigures(refs: StoryArticleRef[], figures: FigureRow[]): FigureTableRow[] {
  const articles = new Map(refs.map((r) => [r.articleId, r]));
  const rows = new Map<string, FigureTableRow>();
  const converted = conversions(figures);
  const abouts = figures.map((f) => {
    const subjects = f.subjects?.length ? f.subjects : f.subjectKey ? [{ key: f.subjectKey, name: f.subjectName ?? f.subject ?? f.subjectKey }] : [];
    // Subjects meet by the entity they name, else by their content words.
    return subjects.length
      ? subjects.map((s) => ({ key: s.key, label: s.name, entity: true }))
      : f.subject && terms(f.subject).length && !namesOnlyMeasure(f.subject) && !restatesUnit(f.subject, f.unit)
        ? [{ key: terms(f.subject).sort().join(' '), label: f.subject, entity: false }]
        : [];
  });
  const fuller = longerNames(abouts.flat());
  for (const [i, f] of figures.entries()) {
    if (converted.has(f)) continue;
    const about = abouts[i]!.map((s) => fuller.get(s.key) ?? s);
    const measure = f.measure ?? f.unit ?? 'figure';
    for (const subject of about) {
      const key = `${subject.key}|${measure}|${f.unit ?? ''}`;
      let row = rows.get(key);
      if (!row) {
        row = { subject: subject.label, subjectKey: subject.entity ? subject.key : null, measure, unit: f.unit, values: [], changes: [], disagree: false, overTime: false };
        rows.set(key, row);
      }
      let value = row.values.find((v) => sameValue(v.value, f.value));
      if (!value) {
        value = { value: f.value, text: f.text, context: f.context, sources: [], firstReportedAt: null, superseded: false, equivalents: [] };
        row.values.push(value);
      }
      for (const [other, of] of converted) if (of === f && !value.equivalents.includes(asEquivalent(other))) value.equivalents.push(asEquivalent(other));
      if (!value.sources.some((s) => s.articleId === f.articleId)) value.sources.push(refOf(articles, f.articleId));
      const at = articles.get(f.articleId)?.publishedAt?.toISOString() ?? null;
      if (at && (!value.firstReportedAt || at < value.firstReportedAt)) value.firstReportedAt = at;
    }
  }
  // A change is told by a 'from' and a 'to' figure of one sentence of one article.
  const bySentence = new Map<string, FigureRow[]>();
  for (const f of figures) if (f.change) bySentence.set(`${f.articleId}|${f.context}`, [...(bySentence.get(`${f.articleId}|${f.context}`) ?? []), f]);
  for (const group of bySentence.values()) {
    const from = group.find((f) => f.change === 'from');
    const to = group.find((f) => f.change === 'to');
    if (!from || !to) continue;
    for (const row of rows.values()) {
      const old = row.values.find((v) => sameValue(v.value, from.value));
      const now = row.values.find((v) => sameValue(v.value, to.value));
      if (!old || !now || row.unit !== from.unit || !old.sources.some((s) => s.articleId === from.articleId)) continue;
      old.superseded = true;
      if (!row.changes.some((c) => c.from === from.value && c.to === to.value)) row.changes.push({ from: from.value, to: to.value, context: to.context, articleId: to.articleId });
    }
  }
  const table = [...rows.values()];
  for (const row of table) {
    row.values.sort((a, b) => (a.firstReportedAt ?? '').localeCompare(b.firstReportedAt ?? ''));
    for (const v of row.values) v.sources.sort((a, b) => (a.publishedAt ?? '').localeCompare(b.publishedAt ?? ''));
    // Values every source gives together ("shares jumped between 8% and 14%") are a range, not a
    // dispute; values reported at different times ("27.8 feet" on Monday, "crested at 31.4 feet" on
    // Tuesday) are the figure over time. Sources differ only when articles of about the same time
    // give different current values, neither giving the other's.
    const current = row.values.filter((v) => !v.superseded);
    const gives = (v: FigureValue, id: number) => v.sources.some((s) => s.articleId === id);
    const sameTime = (x: FigureValue['sources'][number], y: FigureValue['sources'][number]) => !x.publishedAt || !y.publishedAt || Math.abs(Date.parse(x.publishedAt) - Date.parse(y.publishedAt)) <= SAME_TIME_MS;
    row.disagree = current.some((a, i) => current.some((b, j) => j > i && a.sources.some((x) => !gives(b, x.articleId) && b.sources.some((y) => !gives(a, y.articleId) && sameTime(x, y)))));
    const sourceSets = current.map((v) =>
      v.sources
        .map((x) => x.articleId)
        .sort()
        .join(' '),
    );
    row.overTime = !row.disagree && new Set(sourceSets).size > 1;
  }
  // Rows about a named entity first, then those many sources report; then by subject.
  const weight = (r: FigureTableRow) => r.values.reduce((n, v) => n + v.sources.length, 0);
  return table.sort((a, b) => (a.subjectKey ? 0 : 1) - (b.subjectKey ? 0 : 1) || weight(b) - weight(a) || a.subject.localeCompare(b.subject));
}

export interface SpeakerQuotes {
  /** The person's or organisation's name, or "Unattributed". */
  speaker: string;
  speakerKey: string | null;
  /** For unattributed quotes, how the text describes the speaker ("a senior US official"), when it does. */
  quotes: { text: string; articleId: number; sourceName: string | null; description: string | null }[];
}

/**
 * Quotes grouped by who said them: a person or organisation named in the text (its entity), or
 * one "Unattributed" group last; never words that name nobody ("a statement", "Officials").
 */
export function quotesBySpeaker(refs: StoryArticleRef[], quotes: QuoteRow[]): SpeakerQuotes[] {
  const articles = new Map(refs.map((r) => [r.articleId, r]));
  const groups = new Map<string, SpeakerQuotes>();
  const seen: Set<string>[] = [];
  for (const q of quotes) {
    // The same quote in a wire copy, a word changed ("A stronger Korea" for "A stronger South Korea").
    const words = new Set(q.text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
    if (seen.some((s) => similarity(s, words) >= 0.8 && Math.abs(s.size - words.size) <= 2)) continue;
    seen.push(words);
    const key = q.speakerKey && q.speakerName ? q.speakerKey : 'unattributed';
    let group = groups.get(key);
    if (!group) {
      group = { speaker: key === 'unattributed' ? 'Unattributed' : q.speakerName!, speakerKey: key === 'unattributed' ? null : key, quotes: [] };
      groups.set(key, group);
    }
    const description = key === 'unattributed' && q.speaker && DESCRIBED_PERSON.test(q.speaker) ? q.speaker : null;
    group.quotes.push({ text: q.text, articleId: q.articleId, sourceName: articles.get(q.articleId)?.sourceName ?? null, description });
  }
  return [...groups.values()].sort((a, b) => (a.speakerKey ? 0 : 1) - (b.speakerKey ? 0 : 1) || b.quotes.length - a.quotes.length);
}
