// How to find a search's newest matches, decided from the column statistics PostgreSQL keeps
// (pg_stats), with no I/O here. Two ways exist: read the GIN index's whole match list and sort it
// by date ("index"), or walk the articles newest first and test each one's vector until enough
// matched ("walk"). The first costs one row per match, the second one row per article passed.
// PostgreSQL's own estimate multiplies the words of a phrase as if they were independent, so a
// name like "Kim Myung-soo" (every word of it in a fifth of the articles, always together) was
// estimated rare, read through the index and re-checked row by row: 220,000 rows, 2.2 s.
import type { QueryNode } from './query.ts';

/** The statistics a plan is chosen from (see src/store/search-stats.ts). */
export interface SearchStats {
  /** Estimated number of articles (pg_class.reltuples). */
  rows: number;
  /** Share of articles holding each of the commonest lexemes (pg_stats.most_common_elems). */
  lexemeShare: Map<string, number>;
  /** The smallest share listed: a lexeme missing from the list is rarer than this. */
  minListedShare: number;
  /** published_at histogram bounds in ms, ascending (pg_stats.histogram_bounds). */
  publishedBounds: number[];
  /** Share of articles with each source id, for the commonest sources. */
  sourceShare: Map<number, number>;
  /** Share of articles with each language (lower-cased). */
  languageShare: Map<string, number>;
}

/** The lexemes each query term stands for (what the index holds for it), by term text. */
export type TermLexemes = Map<string, string[]>;

/** The share of articles a query matches, estimated; AND of independent parts multiplies. */
export function estimateShare(node: QueryNode, lexemes: TermLexemes, stats: SearchStats): number {
  switch (node.kind) {
    case 'term': {
      const list = lexemes.get(node.text) ?? [];
      // A phrase (or a hyphenated word) needs all its lexemes: at most as common as the rarest.
      // Words of one name occur together, so the minimum, not the product, is the estimate.
      if (!list.length) return 0;
      return Math.min(...list.map((l) => stats.lexemeShare.get(l) ?? stats.minListedShare / 2));
    }
    case 'not':
      return 1 - estimateShare(node.child, lexemes, stats);
    case 'and':
      return node.children.reduce((p, c) => p * estimateShare(c, lexemes, stats), 1);
    case 'or':
      return 1 - node.children.reduce((p, c) => p * (1 - estimateShare(c, lexemes, stats)), 1);
  }
}

/** The languages a text written in a CJK script can be: Hangul Korean, kana Japanese, Han Chinese or Japanese; null for other scripts. */
export function scriptLanguages(text: string): string[] | null {
  if (/\p{Script=Hangul}/u.test(text)) return ['ko'];
  if (/[\p{Script=Hiragana}\p{Script=Katakana}]/u.test(text)) return ['ja'];
  if (/\p{Script=Han}/u.test(text)) return ['zh', 'ja'];
  return null;
}

/**
 * The share of a language's articles a query matches, from its share of all articles. Words and
 * a language are independent (the share is the same) unless every positive term is written in a
 * script of that language: a Korean word is found in Korean articles, so among them it is as many
 * times commoner as Korean articles are rarer than all (capped at every one). Assuming
 * independence there, the plan read a Korean word's whole index list (9,300 rows at 1M articles)
 * instead of walking the Korean articles newest first (about 330 for 300 matches).
 */
export function shareWithinLanguage(textShare: number, positiveTerms: string[], language: string, languageShare: Map<string, number>): number {
  const wanted = language.toLowerCase();
  const scripts = positiveTerms.map(scriptLanguages);
  if (!scripts.length || !scripts.every((langs) => langs?.some((l) => wanted === l || wanted.startsWith(`${l}-`)))) return textShare;
  const langs = new Set(scripts.flatMap((l) => l!));
  let share = 0;
  for (const [key, value] of languageShare) if ([...langs].some((l) => key === l || key.startsWith(`${l}-`))) share += value;
  return share > 0 ? Math.min(1, textShare / share) : textShare;
}

/** Share of articles published in [from, to), from the histogram (all of them without bounds). */
export function publishedShare(bounds: number[], from: number | null, to: number | null): number {
  if (bounds.length < 2) return 1;
  const position = (t: number) => {
    if (t <= bounds[0]!) return 0;
    if (t >= bounds[bounds.length - 1]!) return 1;
    let i = 1;
    while (bounds[i]! < t) i++;
    const lo = bounds[i - 1]!;
    const hi = bounds[i]!;
    return (i - 1 + (hi > lo ? (t - lo) / (hi - lo) : 0)) / (bounds.length - 1);
  };
  return Math.max(0, (to === null ? 1 : position(to)) - (from === null ? 0 : position(from)));
}

export interface PlanInput {
  /** Estimated share of articles the text query matches. */
  textShare: number;
  /** Estimated number of articles passing the other filters (source, language, dates). */
  filteredRows: number;
  /** How many of the newest matches are wanted. */
  wanted: number;
  /**
   * Days the filtered articles span (the date histogram within the date filter). Given, the
   * bucket walks (by day, by month; migration 021's keys) are costed too.
   */
  spanDays?: number;
  /**
   * Entries of the GIN posting lists of the query's lexemes (every article holding each, summed).
   * A bucket walk decodes them again for every bucket: GIN skips through a list a page at a time,
   * and a day's articles are spread over the whole table when the store was not filled in date order.
   */
  postings?: number;
  /**
   * Entries of the filter keys' posting lists (`#source`, `#lang`: every article of the sources or
   * the language asked for): a bucket's intersection decodes them too.
   */
  keyPostings?: number;
  /**
   * Articles within the date filter (`from`/`to`, and a time cursor's date within it), given only
   * when there is one: an index or slice scan ANDs the query's whole GIN bitmap with that range of the
   * published_at index, so it decodes every posting, not only the matches in the range.
   */
  dateRows?: number;
  /** Articles a day across the store (rows over the days the date histogram spans): a day key's list. */
  dayRows?: number;
}

/** A slice reads this many times the wanted matches' expected span, for the estimate's error. */
export const SLICE_MARGIN = 4;

/**
 * Relative costs, in microseconds per row, measured on the 1M-article bench (server, 2 loaded
 * cores; the store's rows in random date order, the worst case for a walk): a walked article
 * (heap row and its vector, mostly not cached), a match fetched after the index, an entry of a
 * GIN posting list decoded into the slice's bitmap.
 */
const WALK_ROW = 50;
const INDEX_ROW = 17;
const POSTING = 5;
/**
 * An entry of the published_at index read into the slice's date bitmap. EXPLAIN at 1M (server,
 * load 20): 447,518 entries in 61 ms beside 4,024 heap rows in 15 ms, about a twentieth of a
 * fetched row. Left out before, a slice of 45% of the store was costed as if its date range were
 * free: 61 ms of date bitmap to spare 9,000 row fetches that took 20 ms.
 */
const DATE_ENTRY = 1;
/**
 * One bucket of a bucket walk (a day's or a month's matches: one GIN intersection of the query's
 * lexemes with the bucket's key, rescanned per bucket), beside the rows it returns (INDEX_ROW).
 */
const BUCKET = 40;
/**
 * A posting-list entry decoded by one bucket's index intersection. EXPLAIN at 100k (load 15):
 * '"port strike"' by day, 27 buckets, each 8.8 ms for the two words' 56,000 entries.
 */
const DECODE = 0.16;
/**
 * An entry of the bucket's own key list (`#day …`, `#month …`: every article of that day or
 * month), decoded in its intersection. Without it a month (41,000 entries at 1M) cost what a day
 * (1,400) did, and a date range of 31 days was read as two months (all 2,242 matches, 16.8 ms)
 * rather than six days (434 rows, 6.3 ms). Set on the bench's dev queries (bench/search/scans.ts):
 * at DECODE's 0.16 the Korean words went from months (4-6 ms) to the index (10-55 ms).
 */
const BUCKET_KEY = 0.05;
const MONTH_DAYS = 30.44;

/** Buckets read and rows fetched walking buckets of `days` days newest first until `wanted` matches. */
function bucketWalk(matches: number, wanted: number, spanDays: number, days: number): { buckets: number; rows: number } {
  const all = Math.max(1, Math.ceil(spanDays / days));
  const perBucket = (matches * days) / spanDays;
  // Every bucket of the last one's matches is read (they are sorted by date within it).
  const buckets = perBucket > 0 ? Math.min(all, Math.ceil(wanted / perBucket) + 1) : all;
  return { buckets, rows: Math.min(matches, buckets * perBucket) };
}

/**
 * The cheapest way, by the costs above: "walk" newest first (wanted / share articles),
 * "index" (every match: share × rows), or "slice": the index's matches among the newest articles
 * only, a date range expected to hold SLICE_MARGIN times the wanted matches (GIN and published_at
 * combined in one bitmap): the whole posting list and the slice's date range are decoded but only
 * the slice's matches are fetched. `sliceShare` is that range's share of the filtered articles. "index" whenever
 * statistics are missing (a small or never-analysed store). With `spanDays`, also "days" and
 * "months": the index's matches bucket by bucket, newest first (the GIN index holds each article's
 * day and month, migration 021), until the wanted number is reached: about wanted rows fetched
 * plus the last bucket's, and one index intersection per bucket.
 */
export function chooseScan(input: PlanInput): { scan: ChosenScan; sliceShare: number } {
  const { textShare, filteredRows, wanted } = input;
  if (!(filteredRows > 0) || !(textShare > 0)) return { scan: 'index', sliceShare: 1 };
  const ways = scanCosts(input);
  // The first of equal costs: walk, index, slice, days, months.
  const best = ways.reduce((a, b) => (b.cost < a.cost ? b : a));
  return { scan: best.scan, sliceShare: best.scan === 'slice' ? (SLICE_MARGIN * wanted) / (textShare * filteredRows) : 1 };
}

export type ChosenScan = 'walk' | 'index' | 'slice' | 'days' | 'months';

/** The estimated cost of each way (µs by the constants above), in the order ties are broken; for chooseScan and the bench. */
export function scanCosts(input: PlanInput): { scan: ChosenScan; cost: number }[] {
  const { textShare, filteredRows, wanted, spanDays, postings = 0, keyPostings = 0, dateRows, dayRows = 0 } = input;
  const matches = textShare * filteredRows;
  const walk = (WALK_ROW * wanted) / textShare;
  // Within date bounds the index's matches are its whole bitmap ANDed with the range's: every
  // posting is decoded and every article of the range read from the published_at index. EXPLAIN
  // at 1M: a word of 91,000 postings over 31 days (3,961 matches) took 534 ms that way, against
  // 7.9 ms by day (the bitmap, past 4 MB of work_mem, had turned lossy).
  const bounded = dateRows === undefined ? 0 : POSTING * postings + DATE_ENTRY * dateRows;
  const index = INDEX_ROW * matches + bounded;
  const sliceShare = (SLICE_MARGIN * wanted) / matches;
  // So does a slice within date bounds: its matches there are fewer than the list it decodes.
  const decoded = dateRows === undefined ? matches : Math.max(postings, matches);
  const slice = sliceShare < 0.5 ? POSTING * decoded + DATE_ENTRY * sliceShare * filteredRows + INDEX_ROW * SLICE_MARGIN * wanted : Infinity;
  const ways: { scan: ChosenScan; cost: number }[] = [
    { scan: 'walk', cost: walk },
    { scan: 'index', cost: index },
    { scan: 'slice', cost: slice },
  ];
  if (spanDays !== undefined && spanDays > 0) {
    for (const [scan, days] of [
      ['days', 1],
      ['months', MONTH_DAYS],
    ] as const) {
      const { buckets, rows } = bucketWalk(matches, wanted, spanDays, days);
      ways.push({ scan, cost: (BUCKET + DECODE * (postings + keyPostings) + BUCKET_KEY * dayRows * days) * buckets + INDEX_ROW * rows });
    }
  }
  return ways;
}

/**
 * The time from which the newest `share` of the articles in [from, to) were published (the
 * histogram read backwards), or null when that is all of them.
 */
export function publishedSince(bounds: number[], share: number, from: number | null, to: number | null): number | null {
  if (bounds.length < 2 || share >= 1) return null;
  const target = share * publishedShare(bounds, from, to);
  // Bisection over time: publishedShare(t, to) falls as t grows.
  let lo = from ?? bounds[0]!;
  let hi = to ?? bounds[bounds.length - 1]!;
  if (!(hi > lo)) return null;
  for (let i = 0; i < 50; i++) {
    const mid = (lo + hi) / 2;
    if (publishedShare(bounds, mid, to) > target) lo = mid;
    else hi = mid;
  }
  return Math.floor(lo);
}

/**
 * The number of matches when only the newest `counted` were counted: the counted ones span
 * [oldest counted, to); the others are spread over the rest of [from, to) in the same
 * proportion as all articles (matches are assumed as frequent in older articles as in newer).
 */
export function estimateTotal(counted: number, oldestCounted: number, bounds: number[], from: number | null, to: number | null): number {
  const whole = publishedShare(bounds, from, to);
  const newest = publishedShare(bounds, from === null ? oldestCounted : Math.max(from, oldestCounted), to);
  if (!(newest > 0) || !(whole > newest)) return counted;
  return Math.round((counted * whole) / newest);
}
