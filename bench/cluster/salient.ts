// Signals from outside the TF-IDF vectors, read at the engine's decisions on dev and then tried
// end to end as a veto. ECB+ pairs two events of one kind per topic (two rehab check-ins, two
// quakes): what tells them apart is who, where and when, not the topic's words. Per article, from
// its raw text (tokenised text written back; '5 . 9' read as 5.9):
// - person: its people as the entity stage finds them (src/enrich/entities.ts findEntities), by
//   surname; a side's salient person is the surname its articles mention most (at least twice).
//   A conflict when both sides have one, they differ, and neither side's text names the other's;
// - person-one: as person, but a conflict already when one side never names the other's;
// - lead-person: the people first named in the opening 300 characters (title and lead); a conflict
//   when the two sides' sets are disjoint and the other side never names the subject's;
// - years: the years (1950-2049) its text names; a conflict when both sides name one and none is shared;
// - lead-year: the same over the opening 200 characters; lead-year-one: a side's opening years
//   that the other side never names;
// - dateline: the full date (with its year) an undated article's opening states (its own date, as
//   ECB+'s web pages carry: 'November 20, 2012', '28 November 2005', '2 / 3 / 2009'); both sides
//   dated: a conflict when no two datelines are within --dateline-days (30); one side dated: when
//   the other side never names that year. dateline-both and dateline-one: each half alone;
//   dateline-one-lone: dateline-one only where the side that never names the year is one article;
// - magnitude, age, toll, money: the numbers with a unit that tell two events of one kind apart; a
//   conflict when both sides state one and no two agree (magnitudes within 0.3, ages within a
//   year, tolls within a factor 2, sums within 3);
// - oracle: the gold events (where a perfect signal would have to act: a ceiling, not a signal).
// Reading (default): at every join, merge and settling fold of one-event sides, counted right /
// wrong by kind and the size of the story met, each signal's flags. --veto a[,b]/c+d: per
// alternative (a,b: either conflicts; c+d: both do), the engine run with every candidate story that conflicts with the lookup's subject
// (the article placed, or the quiet story at its settling look) hidden from that lookup (so
// neither joined, merged with nor settled into), B-cubed beside the engine as it is. --margin m:
// only candidates scoring below the join bar + m against the subject are hidden; --where
// join|settle: only the articles' lookups or only the settling looks; --candidate-max n: only
// candidates of at most n articles. Nothing in the engine changes: the veto wraps the in-memory
// store's lookups, as oracle-veto.ts does.
// Measured (q16, load 3-5; bench/results/cluster-salient-q16-*.json: reading, veto, margin, ceilings,
// lone, dateline365, joins-max3/8):
// nothing helps on both halves; no engine change. B-cubed F1 dev-a / dev-b, engine as it is:
// news-cluster .946 / .947, ecbplus .979 / .914, allsides-leads .959 / .961. As a veto at every
// lookup every signal costs recall beyond what it buys: person ecbplus .951 / .914, news-cluster
// .932 / .886; person-one .929 / .903; lead-person .972 / .906; years .952 / .906, news-cluster
// .920 / .855; dateline (ecbplus alone is undated with datelines) .891 / .898 at 1.000 / .966
// precision; dateline-both (the principled half: two stated dates apart) .975 / .896, at 365
// days .972 / .905; dateline-one .908 / .913; magnitude and toll never move (the articles name
// other quakes' magnitudes, aftershocks, 'Bam 2003'); age .962 / .910; money .971 / .900. A
// margin over the bar (.05-.3) changes little (the vetoes that cost are settling folds, scored
// far below the bar; dateline-one at .1: .925 / .930, gaining on one half what it loses on the other); a veto on joins into stories of at most 1, 3 or 8 articles changes
// nothing, not even with the gold events (ecbplus dev-b: the two events, kept apart at the first
// join, grow and meet again in a merge or a fold); the gold events at every lookup give ecbplus
// .984 / .978, news-cluster .977 / .947. Ceilings (the gold events AND the signal: a signal
// with its false alarms taken out): dateline-one .984 / .956, lead-year-one .984 / .938,
// person-one .979 / .938, every other signal nothing. So only the one-sided dateline covers the
// mixing decisions (ecbplus's ecbplus-half pages carry a dateline, its ecb-half pages mostly do
// not: 'this side is dated, that side never names the year' reads how the corpus was gathered),
// and it flags as many right decisions (an ECB 2008 story's pages do not name 2008 either:
// 4_ecb, 19_ecb) as wrong ones. News-cluster's mixing (dev-a 12.7%) carries none of the signals.
// Usage: npx tsx bench/cluster/salient.ts [--split dev|dev-a|dev-b|dev-a,dev-b] [--files ecbplus] [--veto person/dateline] [--margin 0.1] [--where join] [--candidate-max 3] [--show 1] [--out name]   (dev only; --out writes bench/results/<name>.json)
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { OnlineClusterer, type ClusterConfig } from '../../src/cluster/online.ts';
import { similarity, storyUnit, type StoryState } from '../../src/cluster/stories.ts';
import { findEntities } from '../../src/enrich/entities.ts';
import { scoreClustering, storyShape } from './metric.ts';
import { replayStream } from './run.ts';
import { detokenise } from './conflicts.ts';
import { argOf, devRun, trackEvents, watchSettling, watchStore } from './watch.ts';
import { DEV_FOLDS, FILES, inSplit, loadFile, type Row, type Split } from './data.ts';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export const SIGNALS = ['person', 'person-one', 'lead-person', 'years', 'lead-year', 'lead-year-one', 'dateline', 'dateline-both', 'dateline-one', 'dateline-one-lone', 'magnitude', 'age', 'toll', 'money', 'oracle'] as const;
export type Signal = (typeof SIGNALS)[number];

interface ArticleSignals {
  text: string;
  /** Person surnames (lower case) by mentions. */
  persons: Map<string, number>;
  /** The gold event (the 'oracle' pseudo-signal only: where a perfect signal would have to act). */
  event: string;
  /** Person surnames first mentioned in the headline or the opening (first 300 characters). */
  leadPersons: Set<string>;
  years: Set<string>;
  leadYears: Set<string>;
  /** The date an undated article's opening states with its year (its dateline), as a day number; null when it states none or the article has a time. */
  dateline: number | null;
  /** Quantity kind -> values stated. */
  quantities: Map<string, number[]>;
}

/** Two datelines further apart than this (days) conflict (--dateline-days). */
const DATELINE_DAYS = Number(argOf('--dateline-days') ?? 30);
const YEAR = /\b(19[5-9]\d|20[0-4]\d)\b/g;
const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH = String.raw`(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?`;
const DATELINES: [RegExp, (m: RegExpMatchArray) => [number, number, number]][] = [
  [new RegExp(String.raw`\b${MONTH}\s+(\d{1,2})(?:st|nd|rd|th)?\s*,?\s*((?:19|20)\d\d)\b`, 'i'), (m) => [Number(m[3]), MONTH_NAMES.indexOf(m[1]!.toLowerCase()), Number(m[2])]],
  [new RegExp(String.raw`\b(\d{1,2})(?:st|nd|rd|th)?\s+${MONTH}\s*,?\s*((?:19|20)\d\d)\b`, 'i'), (m) => [Number(m[3]), MONTH_NAMES.indexOf(m[2]!.toLowerCase()), Number(m[1])]],
  [/\b(\d{1,2})\s*\/\s*(\d{1,2})\s*\/\s*((?:19|20)?\d\d)\b/, (m) => [Number(m[3]!.length === 2 ? '20' + m[3] : m[3]), Number(m[1]) - 1, Number(m[2])]],
  [/\b((?:19|20)\d\d)\s*[-.]\s*(\d{1,2})\s*[-.]\s*(\d{1,2})\b/, (m) => [Number(m[1]), Number(m[2]) - 1, Number(m[3])]],
];

/** The first full date in a text's opening, as a day number (null: none). */
export function datelineOf(text: string): number | null {
  const opening = text.slice(0, 250);
  let best: { at: number; day: number } | null = null;
  for (const [pattern, parts] of DATELINES) {
    const m = pattern.exec(opening);
    if (!m) continue;
    const [y, mo, d] = parts(m);
    if (mo < 0 || mo > 11 || d < 1 || d > 31) continue;
    if (!best || m.index! < best.at) best = { at: m.index!, day: Math.round(Date.UTC(y, mo, d) / 86_400_000) };
  }
  return best?.day ?? null;
}
const NUMBER = String.raw`(\d+(?:[.,]\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a dozen|dozens|hundreds)`;
const WORD_NUMBERS: Record<string, string> = { one: '1', two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8', nine: '9', ten: '10', eleven: '11', twelve: '12', 'a dozen': '12' };
const QUANTITIES: [string, RegExp][] = [
  ['magnitude', /\bmagnitude(?:\s+of)?[\s-]+(\d(?:\.\d)?)\b|\b(\d(?:\.\d)?)[\s-]*(?:-\s*)?magnitude\b|\b(\d\.\d)\s+on the richter/gi],
  ['age', /\b(\d{1,3})\s*-\s*year\s*-\s*old\b|\baged?\s+(\d{1,3})\b/gi],
  [
    'toll',
    new RegExp(String.raw`\b${NUMBER}\s+(?:people\s+|persons\s+)?(?:were\s+|have\s+been\s+)?(?:dead|killed|died|deaths)\b|\bkill(?:ed|ing|s)\s+(?:at least\s+)?${NUMBER}\b|\bdeath toll\s+(?:\w+\s+){0,3}?(?:to|of|at)\s+${NUMBER}\b`, 'gi'),
  ],
  ['money', /[$£€]\s*(\d+(?:[.,]\d+)?)\s*(million|billion|m|bn|mn)?\b|\b(\d+(?:[.,]\d+)?)\s*(million|billion|m|bn|mn)?\s*(?:dollars|euros?|pounds)\b/gi],
];

const SCALE: Record<string, number> = { million: 1e6, m: 1e6, mn: 1e6, billion: 1e9, bn: 1e9 };

function quantitiesOf(text: string): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const [kind, pattern] of QUANTITIES) {
    for (const m of text.matchAll(pattern)) {
      const groups = m.slice(1).filter((g) => g !== undefined);
      if (!groups.length) continue;
      const word = groups[0]!.toLowerCase();
      let value = Number(WORD_NUMBERS[word] ?? word.replace(/,(\d{3})\b/g, '$1').replace(',', '.'));
      if (Number.isNaN(value)) continue;
      if (kind === 'money') value *= SCALE[(groups[1] ?? '').toLowerCase()] ?? 1;
      if (!out.has(kind)) out.set(kind, []);
      out.get(kind)!.push(value);
    }
  }
  return out;
}

/** Whether two stated values of a kind can be one event's: magnitudes within 0.3, ages within a year, tolls and sums within a factor of 2 and 3. */
function agree(kind: string, x: number, y: number): boolean {
  if (kind === 'magnitude') return Math.abs(x - y) <= 0.3;
  if (kind === 'age') return Math.abs(x - y) <= 1;
  const ratio = Math.max(x, y) / Math.max(1e-9, Math.min(x, y));
  return ratio <= (kind === 'toll' ? 2 : 3);
}

export function articleSignals(row: Row): ArticleSignals {
  const text = detokenise((row.title ? row.title + '\n\n' : '') + row.text)
    .replace(/(\d)\. (\d)/g, '$1.$2')
    .replace(/(\d), (\d{3})\b/g, '$1,$2');
  const persons = new Map<string, number>();
  const leadPersons = new Set<string>();
  for (const e of findEntities(text)) {
    if (e.kind !== 'person') continue;
    const surname = e.name.split(/\s+/).pop()!.toLowerCase();
    if (surname.length < 3) continue;
    persons.set(surname, (persons.get(surname) ?? 0) + e.mentions.length);
    if (e.mentions.some((m) => m.start < 300)) leadPersons.add(surname);
  }
  return {
    text,
    persons,
    leadPersons,
    event: row.cluster,
    dateline: row.date ? null : datelineOf(text),
    years: new Set([...text.matchAll(YEAR)].map((m) => m[1]!)),
    leadYears: new Set([...text.slice(0, 200).matchAll(YEAR)].map((m) => m[1]!)),
    quantities: quantitiesOf(text),
  };
}

/** A side's salient person: the surname its articles mention most, at least twice (ties by name). */
function salientPerson(side: ArticleSignals[]): string | null {
  const counts = new Map<string, number>();
  for (const a of side) for (const [s, n] of a.persons) counts.set(s, (counts.get(s) ?? 0) + n);
  let best: [string, number] | null = null;
  for (const [s, n] of counts) if (n >= 2 && (!best || n > best[1] || (n === best[1] && s < best[0]))) best = [s, n];
  return best?.[0] ?? null;
}

const union = (sets: Set<string>[]) => new Set(sets.flatMap((s) => [...s]));
const disjoint = (a: Set<string>, b: Set<string>): boolean | null => (!a.size || !b.size ? null : ![...a].some((x) => b.has(x)));

/** Whether the two sides conflict on a signal (null: a side says nothing on it). */
export function sideConflict(signal: Signal, a: ArticleSignals[], b: ArticleSignals[]): boolean | null {
  if (signal === 'person' || signal === 'person-one') {
    const pa = salientPerson(a);
    const pb = salientPerson(b);
    if (!pa || !pb) return null;
    if (pa === pb) return false;
    const names = (side: ArticleSignals[], surname: string) => side.some((x) => new RegExp(`\\b${surname}\\b`, 'i').test(x.text));
    return signal === 'person' ? !names(b, pa) && !names(a, pb) : !names(b, pa) || !names(a, pb);
  }
  if (signal === 'oracle') return disjoint(new Set(a.map((x) => x.event)), new Set(b.map((x) => x.event)));
  if (signal === 'lead-person') {
    const la = union(a.map((x) => x.leadPersons));
    const lb = union(b.map((x) => x.leadPersons));
    if (!la.size || !lb.size) return null;
    return disjoint(la, lb) === true && ![...la].some((p) => b.some((x) => new RegExp(`\\b${p}\\b`, 'i').test(x.text)));
  }
  if (signal.startsWith('dateline')) {
    const da = a.flatMap((x) => (x.dateline === null ? [] : [x.dateline]));
    const db = b.flatMap((x) => (x.dateline === null ? [] : [x.dateline]));
    if (da.length && db.length) return signal === 'dateline-one' ? null : !da.some((x) => db.some((y) => Math.abs(x - y) <= DATELINE_DAYS));
    if (signal === 'dateline-both') return null;
    const yearOf = (day: number) => String(new Date(day * 86_400_000).getUTCFullYear());
    // dateline-one-lone: only when the side that never names the year is one article.
    const unnamed = (days: number[], other: ArticleSignals[]) => days.length > 0 && (signal !== 'dateline-one-lone' || other.length === 1) && !days.some((d) => other.some((x) => x.years.has(yearOf(d))));
    if (!da.length && !db.length) return null;
    return unnamed(da, b) || unnamed(db, a);
  }
  if (signal === 'lead-year-one') {
    const la = union(a.map((x) => x.leadYears));
    const lb = union(b.map((x) => x.leadYears));
    if (!la.size && !lb.size) return null;
    const ya = union(a.map((x) => x.years));
    const yb = union(b.map((x) => x.years));
    return (la.size > 0 && disjoint(la, yb) !== false) || (lb.size > 0 && disjoint(lb, ya) !== false);
  }
  if (signal === 'years') return disjoint(union(a.map((x) => x.years)), union(b.map((x) => x.years)));
  if (signal === 'lead-year') return disjoint(union(a.map((x) => x.leadYears)), union(b.map((x) => x.leadYears)));
  const xs = a.flatMap((x) => x.quantities.get(signal) ?? []);
  const ys = b.flatMap((x) => x.quantities.get(signal) ?? []);
  if (!xs.length || !ys.length) return null;
  return !xs.some((x) => ys.some((y) => agree(signal, x, y)));
}

interface Decision {
  kind: 'join' | 'merge' | 'fold';
  sizes: [number, number];
  right: boolean;
  score: number | null;
  flags: (boolean | null)[];
  what: string;
  /** Each side's salient person and its mentions on both sides: 'a:williams 6/2'. */
  people: string;
}

function peopleOf(a: ArticleSignals[], b: ArticleSignals[]): string {
  const count = (side: ArticleSignals[], surname: string) => side.reduce((n, x) => n + (x.text.match(new RegExp(`\\b${surname}\\b`, 'gi'))?.length ?? 0), 0);
  const pa = salientPerson(a);
  const pb = salientPerson(b);
  return `a:${pa} ${pa ? `${count(a, pa)}/${count(b, pa)}` : ''} b:${pb} ${pb ? `${count(b, pb)}/${count(a, pb)}` : ''}`;
}

async function readDecisions(rows: Row[], config: ClusterConfig, signalsOf: (id: number) => ArticleSignals): Promise<Decision[]> {
  const clusterer = new OnlineClusterer(config);
  const store = clusterer.store;
  const decisions: Decision[] = [];
  const phase = watchSettling(store);
  const flags = (a: number[], b: number[]) => SIGNALS.map((s) => sideConflict(s, a.map(signalsOf), b.map(signalsOf)));
  const { members, mainEvent, pure, place } = trackEvents(store, rows, async (keepId, goneId) => {
    const a = members.get(goneId) ?? [];
    const b = members.get(keepId) ?? [];
    if (!pure(keepId) || !pure(goneId)) return;
    const [small, big] = a.length <= b.length ? [a, b] : [b, a];
    decisions.push({
      kind: phase.settling ? 'fold' : 'merge',
      sizes: [small.length, big.length],
      right: mainEvent(keepId) === mainEvent(goneId),
      score: null,
      flags: flags(small, big),
      what: `${mainEvent(goneId)} + ${mainEvent(keepId)}`,
      people: peopleOf(small.map(signalsOf), big.map(signalsOf)),
    });
  });
  const watch = watchStore(store);
  let before = new Map<number, number[]>();
  await replayStream(clusterer, rows, {
    before: () => {
      watch.reset();
      phase.settling = false;
      before = new Map([...members].map(([k, v]) => [k, v.slice()]));
    },
    after: (result, i) => {
      const joined = before.get(result.storyId) ?? before.get(result.merged[0] ?? -1);
      if (joined && new Set(joined.map((x) => rows[x - 1]!.cluster)).size === 1) {
        const event = rows[joined[0]! - 1]!.cluster;
        decisions.push({
          kind: 'join',
          sizes: [1, joined.length],
          right: event === rows[i]!.cluster,
          score: result.score,
          flags: flags([i + 1], joined),
          what: `${rows[i]!.cluster} into ${event}`,
          people: peopleOf([signalsOf(i + 1)], joined.map(signalsOf)),
        });
      }
      place(result.storyId, i + 1);
    },
    beforeSettle: () => {
      phase.settling = true;
    },
  });
  return decisions;
}

async function runVeto(rows: Row[], config: ClusterConfig, signals: Signal[], margin: number | null, signalsOf: (id: number) => ArticleSignals, where = 'all') {
  const clusterer = new OnlineClusterer(config);
  const store = clusterer.store;
  const phase = watchSettling(store);
  const { members, place } = trackEvents(store, rows);
  let subject: number[] = [];
  let subjectStory: StoryState | null = null;
  const load = store.load.bind(store);
  store.load = async (id) => {
    const story = await load(id);
    if (phase.settling) {
      subject = members.get(id) ?? [];
      subjectStory = story;
    }
    return story;
  };
  const watch = watchStore(store);
  const candidates = store.candidates.bind(store);
  let vetoed = 0;
  const candidateMax = Number(argOf('--candidate-max') ?? Infinity);
  store.candidates = async (...args) => {
    const found = await phase.lookup(() => candidates(...args));
    if (!signals.length || !subject.length || (where === 'join' && phase.settling) || (where === 'settle' && !phase.settling)) return found;
    const mine = subject.map(signalsOf);
    const vector = phase.settling && subjectStory ? storyUnit(subjectStory) : watch.vector;
    return found.filter((story) => {
      const theirs = members.get(story.id) ?? [];
      if (!theirs.length || theirs === subject || theirs.length > candidateMax) return true;
      if (margin !== null && vector && similarity(vector, storyUnit(story), config.story).score >= config.story.joinThreshold + margin) return true;
      const hit = signals.some((group) => group.split('+').every((s) => sideConflict(s as Signal, mine, theirs.map(signalsOf)) === true));
      if (hit) vetoed++;
      return !hit;
    });
  };
  const predicted = await replayStream(clusterer, rows, {
    before: (_row, i) => {
      watch.reset();
      phase.settling = false;
      subject = [i + 1];
      subjectStory = null;
    },
    after: (result, i) => place(result.storyId, i + 1),
    beforeSettle: () => {
      phase.settling = false;
    },
  });
  const gold = rows.map((r) => r.cluster);
  return { scores: scoreClustering(gold, predicted), shape: storyShape(gold, predicted), vetoed };
}

async function main(): Promise<void> {
  const run = devRun('salient');
  if (!run) return;
  const { config } = run;
  const splits = String(run.split).split(',') as Split[];
  for (const split of splits) if (split !== 'dev' && !(DEV_FOLDS as readonly string[]).includes(split)) throw new Error(`--split ${split}: salient.ts reads dev, dev-a or dev-b only`);
  const veto = argOf('--veto');
  const margin = argOf('--margin') === null ? null : Number(argOf('--margin'));
  const where = argOf('--where') ?? 'all';
  const out: Record<string, unknown> = { settings: { veto, margin, where, candidateMax: argOf('--candidate-max'), datelineDays: DATELINE_DAYS }, load: loadavg(), results: {} };
  for (const file of (argOf('--files') ?? FILES.join(',')).split(',')) {
    const all = loadFile(file);
    for (const split of splits) {
      const rows = all.filter((r) => inSplit(r.cluster, split));
      const cache = new Map<number, ArticleSignals>();
      const signalsOf = (id: number) => {
        let s = cache.get(id);
        if (!s) cache.set(id, (s = articleSignals(rows[id - 1]!)));
        return s;
      };
      const key = `${file} ${split}`;
      if (veto) {
        const cells: string[] = [];
        const results: Record<string, unknown> = {};
        for (const signals of [[], ...veto.split('/').map((v) => v.split(',') as Signal[])]) {
          for (const s of signals.flatMap((g) => g.split('+'))) if (!SIGNALS.includes(s as Signal)) throw new Error(`--veto ${s}: expected ${SIGNALS.join(', ')}`);
          const { scores, shape, vetoed } = await runVeto(rows, config, signals, margin, signalsOf, where);
          const b = scores.bcubed;
          const name = signals.join(',') || 'none';
          results[name] = { bcubed: b, mixedShare: shape.mixedShare, hidden: vetoed };
          cells.push(`${name} ${b.precision.toFixed(3)}/${b.recall.toFixed(3)}/${b.f1.toFixed(3)} mixed ${(shape.mixedShare * 100).toFixed(1)}% hidden ${vetoed}`);
        }
        (out.results as Record<string, unknown>)[key] = results;
        console.log(`${file} (${split}${margin !== null ? `, margin ${margin}` : ''}${where !== 'all' ? `, ${where} only` : ''}) B-cubed P/R/F1:\n    ${cells.join('\n    ')}`);
        continue;
      }
      const decisions = await readDecisions(rows, config, signalsOf);
      const table: Record<string, unknown> = {};
      console.log(`\n${file} (${split}): decisions right/wrong, then per signal flagged right/wrong (both sides known right/wrong)`);
      for (const [label, pick] of [
        ['join into 1', (d: Decision) => d.kind === 'join' && d.sizes[1] === 1],
        ['join into 2-3', (d: Decision) => d.kind === 'join' && d.sizes[1] > 1 && d.sizes[1] <= 3],
        ['join into 4+', (d: Decision) => d.kind === 'join' && d.sizes[1] > 3],
        ['merge', (d: Decision) => d.kind === 'merge'],
        ['fold', (d: Decision) => d.kind === 'fold'],
      ] as const) {
        const set = decisions.filter(pick);
        if (!set.length) continue;
        const right = set.filter((d) => d.right);
        const wrong = set.filter((d) => !d.right);
        const counts = SIGNALS.map((_, k) => [
          right.filter((d) => d.flags[k] === true).length,
          wrong.filter((d) => d.flags[k] === true).length,
          right.filter((d) => d.flags[k] !== null).length,
          wrong.filter((d) => d.flags[k] !== null).length,
        ]);
        table[label] = { right: right.length, wrong: wrong.length, flagged: Object.fromEntries(SIGNALS.map((s, k) => [s, counts[k]])) };
        console.log(`  ${label.padEnd(14)} ${String(right.length).padStart(4)}/${String(wrong.length).padEnd(3)}`);
        console.log(`    ${SIGNALS.map((s, k) => `${s} ${counts[k]![0]}/${counts[k]![1]} (${counts[k]![2]}/${counts[k]![3]})`).join('  ')}`);
      }
      (out.results as Record<string, unknown>)[key] = table;
      if (argOf('--show'))
        for (const d of decisions.filter((x) => !x.right || x.flags.some((f) => f === true)))
          console.log(`    ${d.right ? 'right' : 'WRONG'} ${d.kind} ${d.sizes.join('+')} ${d.score?.toFixed(3) ?? ''} ${SIGNALS.filter((_, k) => d.flags[k] === true).join(',') || '-'} ${d.what} ${d.people}`);
    }
  }
  const name = argOf('--out');
  if (name) {
    mkdirSync(`${repoRoot}bench/results`, { recursive: true });
    writeFileSync(`${repoRoot}bench/results/${name}.json`, JSON.stringify(out, null, 2) + '\n');
  }
}

if (process.argv[1]?.endsWith('salient.ts')) await main();
