// Word classes learned from unlabelled text: words that appear between the same neighbours fall
// into the same class ("tokyo", "seoul", "paris" together; "minister", "spokesman" together;
// surnames together), so a name the annotated corpora never showed the tagger still shares a
// feature with names they did. Each lower-cased word seen often enough gets two class ids, a fine
// one and a coarse one (its fine class's group). Built by `scripts/build-word-clusters.ts` from
// the article bodies under ../shared (counts only, no text; see MODEL.md): every word becomes a
// vector of the words seen just before and after it (positive pointwise mutual information), and
// seeded spherical k-means groups the vectors; the fine classes' centres are grouped again for
// the coarse ones. Same text, same seed, same bytes.
import { readFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { seededRandom } from '../../text/random.ts';

export const WORD_CLUSTERS_FILE = fileURLToPath(new URL('./word-clusters.json.gz', import.meta.url));
const FORMAT = 1;

export interface ClusterOptions {
  /** Words seen fewer times get no class. */
  minimum: number;
  /** How many of the most frequent words serve as context, on each side. */
  contexts: number;
  fine: number;
  coarse: number;
  iterations: number;
  seed: number;
}

export const CLUSTER_OPTIONS: ClusterOptions = { minimum: 4, contexts: 600, fine: 400, coarse: 48, iterations: 12, seed: 23 };

const BOUNDARY = '<s>';

/** Counts of each word and of its left and right neighbours, over sentences of lower-cased tokens. */
export function countNeighbours(sentences: Iterable<readonly string[]>): { counts: Map<string, number>; pairs: Map<string, Map<string, number>> } {
  const counts = new Map<string, number>();
  const pairs = new Map<string, Map<string, number>>();
  for (const words of sentences) {
    for (let i = 0; i < words.length; i++) {
      const w = words[i]!;
      counts.set(w, (counts.get(w) ?? 0) + 1);
      let row = pairs.get(w);
      if (!row) pairs.set(w, (row = new Map()));
      const left = `L${i > 0 ? words[i - 1] : BOUNDARY}`;
      const right = `R${i + 1 < words.length ? words[i + 1] : BOUNDARY}`;
      row.set(left, (row.get(left) ?? 0) + 1);
      row.set(right, (row.get(right) ?? 0) + 1);
    }
  }
  return { counts, pairs };
}

const byCountThenWord = (counts: Map<string, number>) => (a: string, b: string) => counts.get(b)! - counts.get(a)! || (a < b ? -1 : a > b ? 1 : 0);

interface SparseVector {
  index: Int32Array;
  value: Float64Array;
}

/** Spherical k-means over unit sparse vectors: the index of each vector's centre, and the centres. */
function kmeans(vectors: readonly SparseVector[], dims: number, k: number, iterations: number, random: () => number): { assign: Int32Array; centres: Float64Array[] } {
  const n = vectors.length;
  // Seeds: k distinct vectors chosen by the seeded generator.
  const chosen = new Set<number>();
  while (chosen.size < Math.min(k, n)) chosen.add(Math.floor(random() * n));
  const centres = [...chosen].map((i) => {
    const c = new Float64Array(dims);
    const v = vectors[i]!;
    for (let j = 0; j < v.index.length; j++) c[v.index[j]!] = v.value[j]!;
    return c;
  });
  const assign = new Int32Array(n).fill(-1);
  for (let round = 0; round < iterations; round++) {
    let moved = 0;
    for (let i = 0; i < n; i++) {
      const v = vectors[i]!;
      let best = 0;
      let bestScore = -Infinity;
      for (let c = 0; c < centres.length; c++) {
        const centre = centres[c]!;
        let s = 0;
        for (let j = 0; j < v.index.length; j++) s += centre[v.index[j]!]! * v.value[j]!;
        if (s > bestScore) {
          bestScore = s;
          best = c;
        }
      }
      if (assign[i] !== best) moved++;
      assign[i] = best;
    }
    for (const c of centres) c.fill(0);
    for (let i = 0; i < n; i++) {
      const v = vectors[i]!;
      const c = centres[assign[i]!]!;
      for (let j = 0; j < v.index.length; j++) c[v.index[j]!]! += v.value[j]!;
    }
    for (const c of centres) {
      let norm = 0;
      for (let d = 0; d < dims; d++) norm += c[d]! * c[d]!;
      norm = Math.sqrt(norm) || 1;
      for (let d = 0; d < dims; d++) c[d]! /= norm;
    }
    if (moved === 0) break;
  }
  return { assign, centres };
}

/** Lower-cased word → [fine class, coarse class], for words seen at least `minimum` times. */
export function clusterWords(sentences: Iterable<readonly string[]>, options: ClusterOptions = CLUSTER_OPTIONS): Map<string, [number, number]> {
  const { counts, pairs } = countNeighbours(sentences);
  const byFrequency = [...counts.keys()].sort(byCountThenWord(counts));
  const contextWords = [BOUNDARY, ...byFrequency.slice(0, options.contexts)];
  const contextIndex = new Map<string, number>();
  for (const w of contextWords) {
    contextIndex.set(`L${w}`, contextIndex.size);
    contextIndex.set(`R${w}`, contextIndex.size);
  }
  const dims = contextIndex.size;
  // Context totals for pointwise mutual information.
  const contextTotals = new Float64Array(dims);
  let total = 0;
  for (const row of pairs.values()) {
    for (const [ctx, n] of row) {
      const j = contextIndex.get(ctx);
      if (j === undefined) continue;
      contextTotals[j]! += n;
      total += n;
    }
  }
  const vocabulary = byFrequency.filter((w) => counts.get(w)! >= options.minimum);
  const vectors: SparseVector[] = [];
  const kept: string[] = [];
  for (const w of vocabulary) {
    const row = pairs.get(w)!;
    let rowTotal = 0;
    const entries: [number, number][] = [];
    for (const [ctx, n] of row) {
      const j = contextIndex.get(ctx);
      if (j === undefined) continue;
      entries.push([j, n]);
      rowTotal += n;
    }
    const weighted: [number, number][] = [];
    for (const [j, n] of entries) {
      const pmi = Math.log((n * total) / (rowTotal * contextTotals[j]!));
      if (pmi > 0) weighted.push([j, pmi]);
    }
    if (!weighted.length) continue;
    weighted.sort((a, b) => a[0] - b[0]);
    const norm = Math.sqrt(weighted.reduce((s, [, x]) => s + x * x, 0));
    vectors.push({ index: Int32Array.from(weighted.map(([j]) => j)), value: Float64Array.from(weighted.map(([, x]) => x / norm)) });
    kept.push(w);
  }
  const random = seededRandom(options.seed);
  const fine = kmeans(vectors, dims, options.fine, options.iterations, random);
  // The coarse classes group the fine classes' centres.
  const centreVectors: SparseVector[] = fine.centres.map((c) => {
    const index: number[] = [];
    const value: number[] = [];
    for (let d = 0; d < dims; d++) {
      if (c[d]) {
        index.push(d);
        value.push(c[d]!);
      }
    }
    return { index: Int32Array.from(index), value: Float64Array.from(value) };
  });
  const coarse = kmeans(centreVectors, dims, options.coarse, options.iterations * 2, random);
  const out = new Map<string, [number, number]>();
  kept.forEach((w, i) => {
    const f = fine.assign[i]!;
    out.set(w, [f, coarse.assign[f]!]);
  });
  return out;
}

/** The file's bytes: words sorted, each with its fine and coarse class. */
export function serialiseWordClusters(classes: Map<string, [number, number]>, about: Record<string, unknown>): Buffer {
  const words = [...classes.keys()].sort();
  const fine = words.map((w) => classes.get(w)![0]);
  const coarse = words.map((w) => classes.get(w)![1]);
  return gzipSync(Buffer.from(JSON.stringify({ format: FORMAT, about, words, fine, coarse })), { level: 9 });
}

let loaded: Map<string, [string, string]> | null = null;

/** Makes wordClusters empty for this process (training without the class features, to measure what they do). */
export function withoutWordClusters(): void {
  loaded = new Map();
}

/** Which class features neighbours give (an experiment switches the fine classes off: --fine-word-only). */
export const CLUSTER_FEATURES = { fineNeighbours: true };

/** Leaves each word its group only (fine class ""), for this process: training with the groups alone. */
export function coarseWordClustersOnly(): void {
  loaded = new Map([...wordClusters()].map(([w, [, coarse]]) => [w, ['', coarse]]));
}

/** Lower-cased word → its [fine, coarse] class ids as strings, read once on first use (a missing or foreign file is an error naming it). */
export function wordClusters(): Map<string, [string, string]> {
  if (loaded) return loaded;
  let data: { format?: number; words?: string[]; fine?: number[]; coarse?: number[] };
  try {
    data = JSON.parse(gunzipSync(readFileSync(WORD_CLUSTERS_FILE)).toString('utf8'));
  } catch (error) {
    throw new Error(`${WORD_CLUSTERS_FILE}: cannot read the word classes (${(error as Error).message}); rebuild them with npm run train:entities`);
  }
  if (data.format !== FORMAT || !data.words || !data.fine || !data.coarse) throw new Error(`${WORD_CLUSTERS_FILE}: word class format ${data.format}, expected ${FORMAT}`);
  loaded = new Map();
  for (let i = 0; i < data.words.length; i++) loaded.set(data.words[i]!, [String(data.fine[i]), String(data.coarse[i])]);
  return loaded;
}
