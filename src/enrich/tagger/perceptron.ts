// A structured averaged perceptron over IOB2 tags (Collins 2002): a token's score for a tag is
// the sum of its static features' weights plus weights of the tag before it (the history
// features), and a sentence's tags are the best-scoring sequence (Viterbi) among the sequences
// where I-X follows only B-X or I-X. `viterbi` (training, the reference) can also score the tag two
// back, but training learns no weights for it, so tagging decodes first order. Training decodes each sentence the same way and on
// a mistake moves weight from the features of the decoded sequence to those of the true one.
// Averaging the weights over all updates is what keeps a perceptron from overfitting its last
// examples.
import {
  AFTER,
  BEFORE,
  contextFeatures,
  DocumentMemory,
  type DocumentView,
  documentView,
  endsClause,
  type GazetteerForm,
  gazetteerMarksOf,
  historyFeatures,
  isCap,
  letterKind,
  marksFromForms,
  MEMORY_FEATURES,
  mostlyShouted,
  neighbourFeatures,
  placeFormsStartingWith,
  positionExtras,
  remembers,
  sentenceContext,
  shape,
  startsLower,
  staticFeatures,
  wordFeatures,
} from './features.ts';
import { seededRandom } from '../../text/random.ts';

export const TAGS = ['O', 'B-PER', 'I-PER', 'B-ORG', 'I-ORG', 'B-LOC', 'I-LOC'] as const;
const N = TAGS.length;

/** Feature name → one weight per tag. */
export type Weights = Map<string, Float32Array | Float64Array>;

/** May tag `t` follow tag `prev`? */
const ALLOWED: boolean[][] = TAGS.map((prev) => TAGS.map((t) => t[0] !== 'I' || prev.slice(2) === t.slice(2)));

function scoreInto(weights: Weights, features: readonly string[], scores: Float64Array): void {
  scores.fill(0);
  for (const f of features) {
    const w = weights.get(f);
    if (w) for (let t = 0; t < N; t++) scores[t]! += w[t]!;
  }
}

/**
 * The best tag sequence of n tokens (second order: a state is the pair of the last two tags,
 * the sentence starts after two O's). local[(i*N + p)*N + t]: token i's score for tag t after tag
 * p; pair[(q*N + p)*N + t]: the score of tag t after tags q, p. forced[i] ≥ 0 fixes token i's tag
 * (training's best sequence agreeing with the known gold tags); a fixed tag may break the I-X
 * rule (a corpus's own spans), a free one may not. emit[i*N + t], when given, is added to token
 * i's score for t whatever the tags before (tagging passes the static scores so). Ties go to the
 * lower tag index.
 */
export function viterbi(n: number, local: Float64Array, pair: Float64Array, forced?: ArrayLike<number> | null, emit?: Float64Array): number[] {
  if (n === 0) return [];
  if (backBuffer.length < n * N * N) backBuffer = new Int8Array(Math.max(n * N * N, 2 * backBuffer.length));
  const back = backBuffer;
  const previous = forced ? ANY : PREVIOUS;
  let old = new Float64Array(N * N).fill(-Infinity);
  let cur = new Float64Array(N * N);
  old[0] = 0;
  for (let i = 0; i < n; i++) {
    cur.fill(-Infinity);
    const fixed = forced ? forced[i]! : -1;
    for (let p = 0; p < N; p++) {
      const row = (i * N + p) * N;
      const own = emit ? i * N : -1;
      const next = fixed >= 0 ? ONLY[fixed]! : NEXT[p]!;
      for (let k = 0; k < next.length; k++) {
        const t = next[k]!;
        // The best tag two back for the pair (p, t); the token's own score is the same for all.
        let bestScore = -Infinity;
        let bestQ = 0;
        const before = previous[p]!;
        for (let j = 0; j < before.length; j++) {
          const q = before[j]!;
          const score = old[q * N + p]! + pair[(q * N + p) * N + t]!;
          if (score > bestScore) {
            bestScore = score;
            bestQ = q;
          }
        }
        if (bestScore === -Infinity) continue;
        cur[p * N + t] = bestScore + local[row + t]! + (own >= 0 ? emit![own + t]! : 0);
        back[row + t] = bestQ;
      }
    }
    [old, cur] = [cur, old];
  }
  let state = 0;
  for (let k = 1; k < N * N; k++) if (old[k]! > old[state]!) state = k;
  const tags = new Array<number>(n);
  tags[n - 1] = state % N;
  if (n >= 2) tags[n - 2] = Math.floor(state / N);
  for (let i = n - 1; i >= 2; i--) tags[i - 2] = back[(i * N + tags[i - 1]!) * N + tags[i]!]!;
  return tags;
}
// The tags that may follow each tag; a forced tag alone; the back pointers, kept between calls.
const NEXT: number[][] = TAGS.map((_, p) => TAGS.map((_, t) => t).filter((t) => ALLOWED[p]![t]));
const ONLY: number[][] = TAGS.map((_, t) => [t]);
// The tags that may come before each tag; with forced tags (which may break the rule), any.
const PREVIOUS: number[][] = TAGS.map((_, p) => TAGS.map((_, q) => q).filter((q) => ALLOWED[q]![p]));
const ANY: number[][] = TAGS.map(() => TAGS.map((_, q) => q));
let backBuffer = new Int8Array(0);

// Tagging adds up the word and neighbour features of each word once and keeps the sums: words
// repeat within an article and across articles, and these are most of a token's features. The
// shape triple and the two word pairs are kept the same way, in maps keyed by the words' shape
// numbers and lower case (building and hashing a new feature string per token cost more than the
// scoring). What the sentence and document features ask of a word (its case, whether it is in
// capitals, the place forms it starts) is kept on the word too, so a token costs one map lookup
// by its text.
type Vector = Float32Array | Float64Array;
/** The two pair features a word pair (a, b) gives: "ww-1=a|b" to b's token, "ww+1=a|b" to a's. */
interface PairWeights {
  toSecond: Float64Array | null;
  toFirst: Float64Array | null;
}
/** What tagging needs of one word: its sums as each of the offsets in OFFSETS (N scores each, for
 * the tokens it is near), its lower case, and its history weights per previous tag ("t-1w="). */
interface WordEntry {
  sums: Float64Array;
  lower: string;
  shape: string;
  /** The shape's number (shapeId), -1 past SHAPE_IDS shapes. */
  shapeId: number;
  /** Its score for each tag after each previous tag, beyond the static scores: rows[p*N + t]. */
  rows: Float64Array;
  /** The pair weights of this word (lower-cased) with each word after it, by that word's lower case. */
  next: Map<string, PairWeights>;
  /** features.ts's tests of the word, answered once: documentView's, shoutedSentence's, remembers. */
  startsLower: boolean;
  cap: boolean;
  endsClause: boolean;
  letterKind: 0 | 1 | 2;
  remembers: boolean;
  /** The place forms starting with the word (gazetteer marks). */
  forms: readonly GazetteerForm[] | undefined;
  /** Can the word (lower-cased) be the first of a word pair the model weighs, the second? (Most pairs are not: no lookup then.) */
  leads: boolean;
  follows: boolean;
}
interface SumCaches {
  words: Map<string, WordEntry>;
  shapes: Map<number, Float64Array>;
  shapeIds: Map<string, number>;
  /** The document features' weights ("doc:lower", "doc:capmid", "first:notcapmid") and the memory's (MEMORY_FEATURES). */
  docLower: Float64Array | null;
  docCapmid: Float64Array | null;
  firstNotCapmid: Float64Array | null;
  memory: (Float64Array | null)[];
  /** Every first and every second word of the model's word pairs ("ww-1=a|b", "ww+1=a|b"); a
   * pair feature whose words hold "|" is split at each, so no word of a weighed pair is missing. */
  pairFirsts: Set<string>;
  pairSeconds: Set<string>;
}
const caches = new WeakMap<Weights, SumCaches>();
const OFFSETS = [0, -2, -1, 1, 2] as const;
const G = OFFSETS.length;
const CACHE_LIMIT = 50_000;

function sumCaches(weights: Weights): SumCaches {
  let cache = caches.get(weights);
  if (!cache) {
    cache = {
      words: new Map(),
      shapes: new Map(),
      shapeIds: new Map(),
      docLower: exact(weights.get('doc:lower')),
      docCapmid: exact(weights.get('doc:capmid')),
      firstNotCapmid: exact(weights.get('first:notcapmid')),
      memory: MEMORY_FEATURES.map((f) => exact(weights.get(f))),
      pairFirsts: new Set(),
      pairSeconds: new Set(),
    };
    const [, before] = contextFeatures('', '', '', 'a', 'b', '');
    const [, , after] = contextFeatures('', '', '', '', 'a', 'b');
    const prefixes = [before.slice(0, before.indexOf('a|b')), after.slice(0, after.indexOf('a|b'))];
    for (const name of weights.keys()) {
      const prefix = prefixes.find((p) => name.startsWith(p));
      if (!prefix) continue;
      const body = name.slice(prefix.length);
      for (let i = body.indexOf('|'); i >= 0; i = body.indexOf('|', i + 1)) {
        cache.pairFirsts.add(body.slice(0, i));
        cache.pairSeconds.add(body.slice(i + 1));
      }
    }
    caches.set(weights, cache);
  }
  return cache;
}

/** A feature's weights as 64-bit numbers (the same values): the fast path reads one kind of array, so its loads stay monomorphic. */
function exact(w: Vector | undefined): Float64Array | null {
  return w ? Float64Array.from(w) : null;
}

function wordEntry(weights: Weights, cache: SumCaches, word: string): WordEntry {
  let entry = cache.words.get(word);
  if (!entry) {
    const sums = new Float64Array(G * N);
    const edge = word === BEFORE || word === AFTER;
    for (let g = 0; g < G; g++) {
      const offset = OFFSETS[g]!;
      if (offset === 0 && edge) continue;
      for (const f of offset === 0 ? wordFeatures(word) : neighbourFeatures(word, offset)) {
        const w = weights.get(f);
        if (w) for (let t = 0; t < N; t++) sums[g * N + t]! += w[t]!;
      }
    }
    const lower = edge ? word : word.toLowerCase();
    const wordShape = edge ? word : shape(word);
    const history = historyCache(weights);
    // The token's score for tag t after tag p, less its static scores: the same additions in the
    // same order as decoding made them per token (previous tag, then by word, then by shape).
    const rows = Float64Array.from(history.prevScores);
    for (const byPrevious of [perPrevious(weights, history.byWord, lower, 2), perPrevious(weights, history.byShape, wordShape, 3)]) {
      for (let p = 0; p < N; p++) {
        const w = byPrevious[p];
        if (w) for (let t = 0; t < N; t++) rows[p * N + t]! += w[t]!;
      }
    }
    entry = {
      sums,
      lower,
      shape: wordShape,
      shapeId: shapeId(cache, wordShape),
      rows,
      next: new Map(),
      startsLower: startsLower(word),
      cap: isCap(word),
      endsClause: endsClause(word),
      letterKind: letterKind(word),
      remembers: remembers(word),
      forms: placeFormsStartingWith(word),
      leads: cache.pairFirsts.has(lower),
      follows: cache.pairSeconds.has(lower),
    };
    if (cache.words.size >= CACHE_LIMIT) cache.words.clear();
    cache.words.set(word, entry);
  }
  return entry;
}

const NO_PAIR: PairWeights = { toSecond: null, toFirst: null };

function pairWeights(weights: Weights, entry: WordEntry, next: WordEntry): PairWeights {
  if (!entry.leads || !next.follows) return NO_PAIR;
  const map = entry.next;
  const first = entry.lower;
  const second = next.lower;
  let w = map.get(second);
  if (!w) {
    const [, before] = contextFeatures('', '', '', first, second, '');
    const [, , after] = contextFeatures('', '', '', '', first, second);
    w = { toSecond: exact(weights.get(before)), toFirst: exact(weights.get(after)) };
    if (map.size >= CACHE_LIMIT) map.clear();
    map.set(second, w);
  }
  return w;
}

// Shapes by number, so a shape triple is one number key (below 2^30: a small integer to V8). The
// numbers are never reused; past SHAPE_IDS shapes a new one has none and its triples are looked up
// by their strings each time.
const SHAPE_IDS = 1000;
function shapeId(cache: SumCaches, shape: string): number {
  let id = cache.shapeIds.get(shape);
  if (id === undefined) {
    if (cache.shapeIds.size >= SHAPE_IDS) return -1;
    id = cache.shapeIds.size;
    cache.shapeIds.set(shape, id);
  }
  return id;
}

function shapeSum(weights: Weights, cache: SumCaches, before: WordEntry, here: WordEntry, after: WordEntry): Float64Array | null {
  const a = before.shapeId;
  const b = here.shapeId;
  const c = after.shapeId;
  if (a < 0 || b < 0 || c < 0) return exact(weights.get(contextFeatures(before.shape, here.shape, after.shape, '', '', '')[0]));
  const key = (a * SHAPE_IDS + b) * SHAPE_IDS + c;
  let sum = cache.shapes.get(key);
  if (!sum) {
    sum = new Float64Array(N);
    const w = weights.get(contextFeatures(before.shape, here.shape, after.shape, '', '', '')[0]);
    if (w) for (let t = 0; t < N; t++) sum[t] = w[t]!;
    if (cache.shapes.size >= CACHE_LIMIT) cache.shapes.clear();
    cache.shapes.set(key, sum);
  }
  return sum;
}

/** The static part of each token's tag scores (what staticFeatures would sum to), fast: one flat
 * array, N scores per token (a typed array per token cost more in allocation than the sums). */
export function staticScores(weights: Weights, words: readonly string[], doc: ReturnType<typeof documentView>): Float64Array {
  const cache = sumCaches(weights);
  const entries = words.map((w) => wordEntry(weights, cache, w));
  const { marks, shouted } = sentenceContext(words);
  return sentenceScores(weights, cache, words, entries, doc, marks, shouted);
}

/**
 * staticScores from the sentence's word entries: each token adds up, in this order, the sums of
 * the words up to two places before it, its own, those of the words up to two places after it,
 * then the sentence edges' (BEFORE, AFTER) where it is near one, its two word pairs, its shape
 * triple and its position features. (The order is kept as it was when the sums were spread word
 * by word: floating-point sums in another order could differ in the last bit and break a tie.)
 */
function sentenceScores(
  weights: Weights,
  cache: SumCaches,
  words: readonly string[],
  entries: readonly WordEntry[],
  doc: ReturnType<typeof documentView>,
  marks: readonly string[],
  shouted: boolean,
  scores = new Float64Array(words.length * N),
): Float64Array {
  const n = words.length;
  const before = wordEntry(weights, cache, BEFORE);
  const after = wordEntry(weights, cache, AFTER);
  const bs = before.sums;
  const as = after.sums;
  let shapes: string[] | null = null;
  for (let i = 0; i < n; i++) {
    const base = i * N;
    const here = entries[i]!;
    const own = here.sums;
    if (i >= 2 && i + 2 < n) {
      // Away from the edges (most tokens): four neighbours, no edge sums.
      const m2 = entries[i - 2]!.sums;
      const m1 = entries[i - 1]!.sums;
      const p1 = entries[i + 1]!.sums;
      const p2 = entries[i + 2]!.sums;
      for (let t = 0; t < N; t++) scores[base + t] = m2[N + t]! + m1[2 * N + t]! + own[t]! + p1[3 * N + t]! + p2[4 * N + t]!;
    } else {
      const m2 = i >= 2 ? entries[i - 2]!.sums : null;
      const m1 = i >= 1 ? entries[i - 1]!.sums : null;
      const p1 = i + 1 < n ? entries[i + 1]!.sums : null;
      const p2 = i + 2 < n ? entries[i + 2]!.sums : null;
      for (let t = 0; t < N; t++) {
        let s = 0;
        if (m2) s += m2[N + t]!;
        if (m1) s += m1[2 * N + t]!;
        s += own[t]!;
        if (p1) s += p1[3 * N + t]!;
        if (p2) s += p2[4 * N + t]!;
        if (!m2) s += bs[N + t]!;
        if (!m1) s += bs[2 * N + t]!;
        if (!p1) s += as[3 * N + t]!;
        if (!p2) s += as[4 * N + t]!;
        scores[base + t] = s;
      }
    }
    add64(scores, base, pairWeights(weights, i > 0 ? entries[i - 1]! : before, here).toSecond);
    add64(scores, base, pairWeights(weights, here, i + 1 < n ? entries[i + 1]! : after).toFirst);
    add64(scores, base, shapeSum(weights, cache, i > 0 ? entries[i - 1]! : before, here, i + 1 < n ? entries[i + 1]! : after));
    if (shouted) {
      shapes ??= entries.map((e) => e.shape);
      for (const f of positionExtras(words, i, doc, marks, shapes, shouted)) addAt(scores, base, weights.get(f));
      continue;
    }
    // positionExtras's features without building their strings (a headline in capitals, rare, takes the strings).
    if (i === 0) add64(scores, base, extraWeights(weights, 'first|', here.shape));
    if (here.remembers) {
      if (doc.lower.has(here.lower)) add64(scores, base, cache.docLower);
      const mid = doc.capitalMid.has(words[i]!);
      if (mid) add64(scores, base, cache.docCapmid);
      if (i === 0 && !mid) add64(scores, base, cache.firstNotCapmid);
    }
    if (marks[i]) add64(scores, base, extraWeights(weights, 'g=', marks[i]!));
    if (i > 0 && marks[i - 1]) add64(scores, base, extraWeights(weights, 'g-1=', marks[i - 1]!));
    if (marks[i + 1]) add64(scores, base, extraWeights(weights, 'g+1=', marks[i + 1]!));
  }
  return scores;
}

// The weights of a position feature made of a prefix and a value ("g=" + "B-country"), by prefix and value.
const extraCaches = new WeakMap<Weights, Map<string, Map<string, Float64Array | null>>>();
function extraWeights(weights: Weights, prefix: string, value: string): Float64Array | null {
  let byPrefix = extraCaches.get(weights);
  if (!byPrefix) extraCaches.set(weights, (byPrefix = new Map()));
  let map = byPrefix.get(prefix);
  if (!map) byPrefix.set(prefix, (map = new Map()));
  let w = map.get(value);
  if (w === undefined) {
    w = exact(weights.get(prefix + value));
    if (map.size >= CACHE_LIMIT) map.clear();
    map.set(value, w);
  }
  return w;
}

function addAt(scores: Float64Array, base: number, w: Vector | null | undefined): void {
  if (w) for (let t = 0; t < N; t++) scores[base + t]! += w[t]!;
}

/** addAt for the fast path's 64-bit arrays only. */
function add64(scores: Float64Array, base: number, w: Float64Array | null): void {
  if (w) for (let t = 0; t < N; t++) scores[base + t]! += w[t]!;
}

// The history features' weights, per previous tag (and per pair, per word, per shape), looked up
// once per weights: the same sums as historyFeatures gives, without building its strings per token.
interface HistoryCache {
  prev: (Float32Array | Float64Array | undefined)[];
  pair: (Float32Array | Float64Array | undefined)[];
  byWord: Map<string, (Float32Array | Float64Array | undefined)[]>;
  byShape: Map<string, (Float32Array | Float64Array | undefined)[]>;
  /** pair as viterbi reads it: (q*N + p)*N + t; prev as one token's rows: p*N + t. */
  pairScores: Float64Array;
  prevScores: Float64Array;
}
const historyCaches = new WeakMap<Weights, HistoryCache>();

function historyCache(weights: Weights): HistoryCache {
  let cache = historyCaches.get(weights);
  if (!cache) {
    const pair = TAGS.flatMap((p2) => TAGS.map((p) => weights.get(historyFeatures(p, p2, '', '')[1]!)));
    const prev = TAGS.map((p) => weights.get(historyFeatures(p, 'O', '', '')[0]!));
    cache = {
      prev,
      pair,
      byWord: new Map(),
      byShape: new Map(),
      pairScores: pairTable(pair),
      prevScores: pairTable(prev).subarray(0, N * N),
    };
    historyCaches.set(weights, cache);
  }
  return cache;
}

function pairTable(pair: readonly (Vector | undefined)[]): Float64Array {
  const out = new Float64Array(N * N * N);
  pair.forEach((w, k) => {
    if (w) for (let t = 0; t < N; t++) out[k * N + t] = w[t]!;
  });
  return out;
}

function perPrevious(weights: Weights, map: Map<string, (Float32Array | Float64Array | undefined)[]>, key: string, index: 2 | 3) {
  let row = map.get(key);
  if (!row) {
    row = TAGS.map((p) => weights.get(historyFeatures(p, 'O', index === 2 ? key : '', index === 3 ? key : '')[index]!));
    if (map.size >= 50_000) map.clear();
    map.set(key, row);
  }
  return row;
}

// The decoder's buffers, kept between sentences.
const oldScores = new Float64Array(N);
const curScores = new Float64Array(N);
// For each tag, the tags that may precede it, flat.
const PREV_FLAT = Int8Array.from(TAGS.flatMap((_, p) => PREVIOUS[p]!));
const PREV_START = Int32Array.from(TAGS.map((_, p) => TAGS.slice(0, p).reduce((sum, _t, k) => sum + PREVIOUS[k]!.length, 0)).concat([PREV_FLAT.length]));

/**
 * Tagging's decoder. The model has no weights for the tag two back (training leaves them out), so
 * decoding is first order: a state is the last tag, the sentence starts after an O, and the scores
 * equal viterbi's with a zero pair table (tagDocumentReference, tagger test). A token's rows per
 * previous tag are its word's (WordEntry.rows, summed once per word); scores and back pointers are
 * buffers kept between sentences: no allocation per token.
 */
function decodeFirstOrder(n: number, statics: Float64Array, entries: readonly WordEntry[]): number[] {
  if (n === 0) return [];
  if (backBuffer.length < n * N) backBuffer = new Int8Array(Math.max(n * N, 2 * backBuffer.length));
  const back = backBuffer;
  let old = oldScores.fill(-Infinity);
  let cur = curScores;
  old[0] = 0;
  for (let i = 0; i < n; i++) {
    const row = entries[i]!.rows;
    const own = i * N;
    for (let t = 0; t < N; t++) {
      let bestScore = -Infinity;
      let bestP = 0;
      for (let j = PREV_START[t]!, to = PREV_START[t + 1]!; j < to; j++) {
        const p = PREV_FLAT[j]!;
        const score = old[p]! + row[p * N + t]!;
        if (score > bestScore) {
          bestScore = score;
          bestP = p;
        }
      }
      cur[t] = bestScore === -Infinity ? -Infinity : bestScore + statics[own + t]!;
      back[own + t] = bestP;
    }
    const swap = old;
    old = cur;
    cur = swap;
  }
  let last = 0;
  for (let t = 1; t < N; t++) if (old[t]! > old[last]!) last = t;
  const tags = new Array<number>(n);
  tags[n - 1] = last;
  for (let i = n - 1; i >= 1; i--) tags[i - 1] = back[i * N + tags[i]!]!;
  return tags;
}

// The static scores of the sentence being tagged, kept between sentences (never handed out).
let scoreBuffer = new Float64Array(0);

/** Tags of each sentence of one document (sentences as word lists). */
export function tagDocument(weights: Weights, sentences: readonly (readonly string[])[]): string[][] {
  const cache = sumCaches(weights);
  const entries = sentences.map((words) => words.map((w) => wordEntry(weights, cache, w)));
  // documentView's sets from the words' answers (the same words in the same order).
  const doc: DocumentView = { lower: new Set(), capitalMid: new Set() };
  sentences.forEach((words, s) => {
    const own = entries[s]!;
    for (let i = 0; i < words.length; i++) {
      const e = own[i]!;
      if (e.startsLower) doc.lower.add(words[i]!);
      else if (i > 0 && e.cap && !own[i - 1]!.endsClause) doc.capitalMid.add(words[i]!);
    }
  });
  const memory = new DocumentMemory();
  const memoryWeights = cache.memory;
  const useMemory = memoryWeights.some(Boolean);
  return sentences.map((words, s) => {
    const n = words.length;
    const own = entries[s]!;
    // sentenceContext's marks and shoutedSentence from the words' answers; a sentence with a word
    // in capitals takes the strings (its words are looked up in title case).
    let letters = 0;
    let loud = 0;
    for (let i = 0; i < n; i++) {
      const kind = own[i]!.letterKind;
      if (kind) letters++;
      if (kind === 2) loud++;
    }
    const marks = loud ? gazetteerMarksOf(words) : marksFromForms(words, (i) => own[i]!.forms);
    if (scoreBuffer.length < n * N) scoreBuffer = new Float64Array(Math.max(n * N, 2 * scoreBuffer.length));
    const statics = sentenceScores(weights, cache, words, own, doc, marks, mostlyShouted(letters, loud), scoreBuffer);
    const lowers = useMemory ? own.map((e) => e.lower) : [];
    if (useMemory) {
      for (let i = 0; i < n; i++) {
        if (!own[i]!.remembers) continue;
        const bits = memory.bits(lowers[i]!);
        for (let k = 0; bits >> k; k++) if (bits & (1 << k)) add64(statics, i * N, memoryWeights[k]!);
      }
    }
    const tags = decodeFirstOrder(n, statics, own).map((t) => TAGS[t]!);
    if (useMemory) memory.record(words, lowers, tags);
    return tags;
  });
}

/** A sentence's local and pair tables from the full feature lists (training, and the reference). */
function tablesFromFeatures(weights: Weights, statics: readonly string[][], words: readonly string[]): { local: Float64Array; pair: Float64Array } {
  const n = words.length;
  const local = new Float64Array(n * N * N);
  const scores = new Float64Array(N);
  for (let i = 0; i < n; i++) {
    scoreInto(weights, statics[i]!, scores);
    const lower = words[i]!.toLowerCase();
    const wordShape = shape(words[i]!);
    for (let p = 0; p < N; p++) {
      const row = (i * N + p) * N;
      local.set(scores, row);
      const [prev, , byWord, byShape] = historyFeatures(TAGS[p]!, 'O', lower, wordShape);
      addAt(local, row, weights.get(prev!));
      addAt(local, row, weights.get(byWord!));
      addAt(local, row, weights.get(byShape!));
    }
  }
  const pair = pairTable(TAGS.flatMap((q) => TAGS.map((p) => weights.get(historyFeatures(p, q, '', '')[1]!))));
  return { local, pair };
}

/** The same tags from the full feature lists, the slow way training uses (for tests of tagDocument). */
export function tagDocumentReference(weights: Weights, sentences: readonly (readonly string[])[]): string[][] {
  const doc = documentView(sentences);
  const memory = new DocumentMemory();
  return sentences.map((words) => {
    const lowers = words.map((w) => w.toLowerCase());
    const statics = staticFeatures(words, doc).map((f, i) => [...f, ...memory.features(words[i]!, lowers[i]!)]);
    const { local, pair } = tablesFromFeatures(weights, statics, words);
    const tags = viterbi(words.length, local, pair).map((t) => TAGS[t]!);
    memory.record(words, lowers, tags);
    return tags;
  });
}

/** The same scores from the full feature lists, the slow way (for tests of staticScores). */
export function staticScoresReference(weights: Weights, words: readonly string[], doc: ReturnType<typeof documentView>): Float64Array {
  const out = new Float64Array(words.length * N);
  const scores = new Float64Array(N);
  staticFeatures(words, doc).forEach((features, i) => {
    scoreInto(weights, features, scores);
    out.set(scores, i * N);
  });
  return out;
}

export interface TrainingDoc {
  sentences: { tokens: string[]; tags: string[]; known: boolean[] }[];
  /** How much a mistake here counts (1 = full). */
  weight: number;
}

/**
 * Trains for `epochs` passes over the documents in a seeded shuffled order and returns the
 * averaged weights after each pass (so the caller can pick the pass count on dev data).
 */
export function train(
  docs: readonly TrainingDoc[],
  epochs: number,
  seed: number,
  onEpoch: (epoch: number, averaged: () => Weights) => void,
  /** Rewrites a sentence's words for one pass (case augmentation); tags stay. Called in a fixed order. */
  rewrite: (tokens: string[]) => string[] = (tokens) => tokens,
  /** Learn the document memory's features (features.ts DocumentMemory) from the decoded tags. */
  memory = true,
  /**
   * Word dropout: the share of capitalised tokens whose word-identity features (`w=`, `ww-1=`,
   * `ww+1=`) are hidden for one pass, so names are learned from shape, context and lists too
   * (an experiment; 0, the default, leaves training as it was). Its own seeded draw (seed + 2).
   */
  wordDropout = 0,
): void {
  const weights = new Map<string, Float64Array>();
  const dropRandom = seededRandom(seed + 2);
  const totals = new Map<string, Float64Array>();
  const stamps = new Map<string, Float64Array>();
  let clock = 0;
  const update = (feature: string, tag: number, delta: number) => {
    let w = weights.get(feature);
    if (!w) {
      w = new Float64Array(N);
      weights.set(feature, w);
      totals.set(feature, new Float64Array(N));
      stamps.set(feature, new Float64Array(N));
    }
    const total = totals.get(feature)!;
    const stamp = stamps.get(feature)!;
    total[tag]! += (clock - stamp[tag]!) * w[tag]!;
    stamp[tag] = clock;
    w[tag]! += delta;
  };
  const random = seededRandom(seed);
  const order = docs.map((_, i) => i);
  for (let epoch = 1; epoch <= epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const d of order) {
      const doc = docs[d]!;
      const tokens = doc.sentences.map((s) => rewrite(s.tokens));
      const view = documentView(tokens);
      const remembered = new DocumentMemory();
      for (const [k, sentence] of doc.sentences.entries()) {
        const words = tokens[k]!;
        const n = words.length;
        clock++;
        const lowers = words.map((w) => w.toLowerCase());
        const statics = memory ? staticFeatures(words, view).map((f, i) => [...f, ...remembered.features(words[i]!, lowers[i]!)]) : staticFeatures(words, view);
        if (wordDropout > 0)
          for (let i = 0; i < n; i++) {
            if (/^\p{Lu}/u.test(words[i]!) && dropRandom() < wordDropout) statics[i] = statics[i]!.filter((f) => !f.startsWith('w=') && !f.startsWith('ww-1=') && !f.startsWith('ww+1='));
          }
        const { local, pair } = tablesFromFeatures(weights, statics, words);
        const guess = viterbi(n, local, pair);
        if (memory)
          remembered.record(
            words,
            lowers,
            guess.map((t) => TAGS[t]!),
          );
        const gold = sentence.tags.map((t) => TAGS.indexOf(t as (typeof TAGS)[number]));
        let wrong = false;
        let unknown = false;
        for (let i = 0; i < n; i++) {
          if (!sentence.known[i]) unknown = true;
          else if (guess[i] !== gold[i]) wrong = true;
        }
        if (!wrong) continue;
        // Tokens whose tag the corpus does not say take the best tags that agree with the rest.
        const truth = unknown
          ? viterbi(
              n,
              local,
              pair,
              gold.map((t, i) => (sentence.known[i] ? t : -1)),
            )
          : gold;
        const shapes = words.map(shape);
        const at = (tags: readonly number[], i: number) => (i >= 0 ? tags[i]! : 0);
        for (let i = 0; i < n; i++) {
          const [tq, tp, tt] = [at(truth, i - 2), at(truth, i - 1), truth[i]!];
          const [gq, gp, gt] = [at(guess, i - 2), at(guess, i - 1), guess[i]!];
          if (tq === gq && tp === gp && tt === gt) continue;
          if (tt !== gt) {
            for (const f of statics[i]!) {
              update(f, tt, doc.weight);
              update(f, gt, -doc.weight);
            }
          }
          // First order: the tag two back ("t-2=") is not learned (mean dev F1 0.643 without it, 0.641
          // with it, and decoding without it costs a fifth of the work).
          for (const f of historyFeatures(TAGS[tp]!, TAGS[tq]!, lowers[i]!, shapes[i]!)) if (!f.startsWith('t-2=')) update(f, tt, doc.weight);
          for (const f of historyFeatures(TAGS[gp]!, TAGS[gq]!, lowers[i]!, shapes[i]!)) if (!f.startsWith('t-2=')) update(f, gt, -doc.weight);
        }
      }
    }
    onEpoch(epoch, () => {
      const averaged: Weights = new Map();
      for (const [f, w] of weights) {
        const total = totals.get(f)!;
        const stamp = stamps.get(f)!;
        const avg = new Float64Array(N);
        for (let t = 0; t < N; t++) avg[t] = (total[t]! + (clock - stamp[t]!) * w[t]!) / clock;
        averaged.set(f, avg);
      }
      return averaged;
    });
  }
}
