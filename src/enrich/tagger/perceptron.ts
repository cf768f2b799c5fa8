// A greedy left-to-right averaged perceptron over IOB2 tags: scores each tag from the token's
// features, keeps only tags that may follow the previous one (I-X after B-X or I-X), and on a
// mistake in training moves weight from the guess to the truth. Averaging the weights over
// all updates is what keeps a perceptron from overfitting its last examples.
import { AFTER, BEFORE, contextFeatures, documentView, historyFeatures, neighbourFeatures, positionExtras, sentenceContext, shape, staticFeatures, wordFeatures } from './features.ts';
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

function addTo(scores: Float64Array, w: Float32Array | Float64Array | undefined): void {
  if (w) for (let t = 0; t < N; t++) scores[t]! += w[t]!;
}

function best(scores: Float64Array, prev: number): number {
  let bestTag = 0;
  let bestScore = -Infinity;
  for (let t = 0; t < N; t++) {
    if (ALLOWED[prev]![t] && scores[t]! > bestScore) [bestTag, bestScore] = [t, scores[t]!];
  }
  return bestTag;
}

// Tagging adds up the word and neighbour features of each word once and keeps the sums: words
// repeat within an article and across articles, and these are most of a token's features. The
// shape triple and the two word pairs are kept the same way, in maps keyed by the words
// themselves (building and hashing a new feature string per token cost more than the scoring).
type Vector = Float32Array | Float64Array;
/** The two pair features a word pair (a, b) gives: "ww-1=a|b" to b's token, "ww+1=a|b" to a's. */
interface PairWeights { toSecond: Vector | null; toFirst: Vector | null }
/** What tagging needs of one word: its sums as each of the offsets in OFFSETS (N scores each, for
 * the tokens it is near), its lower case, and its history weights per previous tag ("t-1w="). */
interface WordEntry { sums: Float64Array; lower: string; history: (Vector | undefined)[] }
interface SumCaches {
  words: Map<string, WordEntry>;
  shapes: Map<string, Map<string, Map<string, Float64Array>>>;
  pairs: Map<string, Map<string, PairWeights>>;
}
const caches = new WeakMap<Weights, SumCaches>();
const OFFSETS = [0, -2, -1, 1, 2] as const;
const G = OFFSETS.length;
const CACHE_LIMIT = 50_000;

function wordEntry(weights: Weights, cache: SumCaches, word: string): WordEntry {
  let entry = cache.words.get(word);
  if (!entry) {
    const sums = new Float64Array(G * N);
    for (let g = 0; g < G; g++) {
      const offset = OFFSETS[g]!;
      if (offset === 0 && (word === BEFORE || word === AFTER)) continue;
      for (const f of offset === 0 ? wordFeatures(word) : neighbourFeatures(word, offset)) {
        const w = weights.get(f);
        if (w) for (let t = 0; t < N; t++) sums[g * N + t]! += w[t]!;
      }
    }
    const lower = word === BEFORE || word === AFTER ? word : word.toLowerCase();
    entry = { sums, lower, history: perPrevious(weights, historyCache(weights).byWord, lower, 2) };
    if (cache.words.size >= CACHE_LIMIT) cache.words.clear();
    cache.words.set(word, entry);
  }
  return entry;
}

function inner<V>(outer: Map<string, Map<string, V>>, key: string): Map<string, V> {
  let map = outer.get(key);
  if (!map) {
    if (outer.size >= CACHE_LIMIT) outer.clear();
    outer.set(key, (map = new Map()));
  }
  return map;
}

function pairWeights(weights: Weights, cache: SumCaches, first: string, second: string): PairWeights {
  const map = inner(cache.pairs, first);
  let w = map.get(second);
  if (!w) {
    const [, before] = contextFeatures('', '', '', first, second, '');
    const [, , after] = contextFeatures('', '', '', '', first, second);
    w = { toSecond: weights.get(before) ?? null, toFirst: weights.get(after) ?? null };
    if (map.size >= CACHE_LIMIT) map.clear();
    map.set(second, w);
  }
  return w;
}

function shapeSum(weights: Weights, cache: SumCaches, before: string, here: string, after: string): Float64Array {
  const map = inner(inner(cache.shapes, before), here);
  let sum = map.get(after);
  if (!sum) {
    sum = new Float64Array(N);
    const w = weights.get(contextFeatures(before, here, after, '', '', '')[0]);
    if (w) for (let t = 0; t < N; t++) sum[t] = w[t]!;
    map.set(after, sum);
  }
  return sum;
}

/** The static part of each token's tag scores (what staticFeatures would sum to), fast: one flat
 * array, N scores per token (a typed array per token cost more in allocation than the sums).
 * Each word is looked up once and adds its sums to the tokens up to two places away; each word
 * pair once, for both tokens it concerns. */
export function staticScores(
  weights: Weights,
  words: readonly string[],
  doc: ReturnType<typeof documentView>,
  context = sentenceContext(words),
  /** Filled with each token's history weights by previous tag, when given (tagDocument reads them). */
  historyRows?: (Vector | undefined)[][],
): Float64Array {
  let cache = caches.get(weights);
  if (!cache) caches.set(weights, (cache = { words: new Map(), shapes: new Map(), pairs: new Map() }));
  const { marks, shapes, shouted } = context;
  const n = words.length;
  const scores = new Float64Array(n * N);
  const edges = [wordEntry(weights, cache, BEFORE).sums, wordEntry(weights, cache, AFTER).sums] as const;
  const lowers: string[] = new Array(n);
  for (let k = 0; k < n; k++) {
    const entry = wordEntry(weights, cache, words[k]!);
    const sums = entry.sums;
    lowers[k] = entry.lower;
    if (historyRows) historyRows[k] = entry.history;
    for (let g = 0; g < G; g++) {
      const i = k - OFFSETS[g]!;
      if (i >= 0 && i < n) for (let t = 0; t < N; t++) scores[i * N + t]! += sums[g * N + t]!;
    }
  }
  for (let i = 0; i < Math.min(2, n); i++) {
    for (let g = 0; g < G; g++) {
      const k = i + OFFSETS[g]!;
      const edge = k < 0 ? edges[0] : k >= n ? edges[1] : null;
      if (edge) for (let t = 0; t < N; t++) scores[i * N + t]! += edge[g * N + t]!;
    }
  }
  for (let i = Math.max(2, n - 2); i < n; i++) {
    for (let g = 0; g < G; g++) {
      const k = i + OFFSETS[g]!;
      if (k >= n) for (let t = 0; t < N; t++) scores[i * N + t]! += edges[1][g * N + t]!;
    }
  }
  let previous = BEFORE;
  for (let i = 0; i <= n; i++) {
    const lower = i < n ? lowers[i]! : AFTER;
    const pair = pairWeights(weights, cache, previous, lower);
    if (i < n) addAt(scores, i * N, pair.toSecond);
    if (i > 0) addAt(scores, (i - 1) * N, pair.toFirst);
    previous = lower;
  }
  for (let i = 0; i < n; i++) {
    const base = i * N;
    const ss = shapeSum(weights, cache, i > 0 ? shapes[i - 1]! : BEFORE, shapes[i]!, i + 1 < n ? shapes[i + 1]! : AFTER);
    for (let t = 0; t < N; t++) scores[base + t]! += ss[t]!;
    for (const f of positionExtras(words, i, doc, marks, shapes, shouted)) addAt(scores, base, weights.get(f));
  }
  return scores;
}

function addAt(scores: Float64Array, base: number, w: Vector | null | undefined): void {
  if (w) for (let t = 0; t < N; t++) scores[base + t]! += w[t]!;
}

// The history features' weights, per previous tag (and per pair, per word, per shape), looked up
// once per weights: the same sums as historyFeatures gives, without building its strings per token.
interface HistoryCache {
  prev: (Float32Array | Float64Array | undefined)[];
  pair: (Float32Array | Float64Array | undefined)[];
  byWord: Map<string, (Float32Array | Float64Array | undefined)[]>;
  byShape: Map<string, (Float32Array | Float64Array | undefined)[]>;
}
const historyCaches = new WeakMap<Weights, HistoryCache>();

function historyCache(weights: Weights): HistoryCache {
  let cache = historyCaches.get(weights);
  if (!cache) {
    cache = {
      prev: TAGS.map((p) => weights.get(historyFeatures(p, 'O', '', '')[0]!)),
      pair: TAGS.flatMap((p2) => TAGS.map((p) => weights.get(historyFeatures(p, p2, '', '')[1]!))),
      byWord: new Map(),
      byShape: new Map(),
    };
    historyCaches.set(weights, cache);
  }
  return cache;
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

/** Tags of each sentence of one document (sentences as word lists). */
export function tagDocument(weights: Weights, sentences: readonly (readonly string[])[]): string[][] {
  const doc = documentView(sentences);
  const history = historyCache(weights);
  const scores = new Float64Array(N);
  return sentences.map((words) => {
    const context = sentenceContext(words);
    const byWord: (Vector | undefined)[][] = new Array(words.length);
    const statics = staticScores(weights, words, doc, context, byWord);
    const byShape = context.shapes.map((s) => perPrevious(weights, history.byShape, s, 3));
    const tags: string[] = [];
    let prev = 0;
    let prev2 = 0;
    for (let i = 0; i < words.length; i++) {
      for (let t = 0; t < N; t++) scores[t] = statics[i * N + t]!;
      addTo(scores, history.prev[prev]);
      addTo(scores, history.pair[prev2 * N + prev]);
      addTo(scores, byWord[i]![prev]);
      addTo(scores, byShape[i]![prev]);
      const t = best(scores, prev);
      tags.push(TAGS[t]!);
      [prev2, prev] = [prev, t];
    }
    return tags;
  });
}

/** The same tags from the full feature lists, the slow way training uses (for tests of tagDocument). */
export function tagDocumentReference(weights: Weights, sentences: readonly (readonly string[])[]): string[][] {
  const doc = documentView(sentences);
  const scores = new Float64Array(N);
  return sentences.map((words) => {
    const statics = staticFeatures(words, doc);
    const tags: string[] = [];
    let prev = 0;
    let prev2 = 0;
    for (let i = 0; i < words.length; i++) {
      scoreInto(weights, statics[i]!.concat(historyFeatures(TAGS[prev]!, TAGS[prev2]!, words[i]!.toLowerCase(), shape(words[i]!))), scores);
      const t = best(scores, prev);
      tags.push(TAGS[t]!);
      [prev2, prev] = [prev, t];
    }
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
): void {
  const weights = new Map<string, Float64Array>();
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
  const scores = new Float64Array(N);
  for (let epoch = 1; epoch <= epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const d of order) {
      const doc = docs[d]!;
      const tokens = doc.sentences.map((s) => rewrite(s.tokens));
      const view = documentView(tokens);
      for (const [n, sentence] of doc.sentences.entries()) {
        const statics = staticFeatures(tokens[n]!, view);
        let prev = 0;
        let prev2 = 0;
        for (let i = 0; i < sentence.tokens.length; i++) {
          clock++;
          const word = tokens[n]![i]!;
          const features = statics[i]!.concat(historyFeatures(TAGS[prev]!, TAGS[prev2]!, word.toLowerCase(), shape(word)));
          scoreInto(weights, features, scores);
          const guess = best(scores, prev);
          const truth = TAGS.indexOf(sentence.tags[i] as (typeof TAGS)[number]);
          if (sentence.known[i] && guess !== truth) {
            for (const f of features) {
              update(f, truth, doc.weight);
              update(f, guess, -doc.weight);
            }
          }
          [prev2, prev] = [prev, guess];
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
