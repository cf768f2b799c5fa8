// A greedy left-to-right averaged perceptron over IOB2 tags: scores each tag from the token's
// features, keeps only tags that may follow the previous one (I-X after B-X or I-X), and on a
// mistake in training moves weight from the guess to the truth. Averaging the weights over
// all updates is what keeps a perceptron from overfitting its last examples.
import { documentView, historyFeatures, shape, staticFeatures } from './features.ts';

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

function best(scores: Float64Array, prev: number): number {
  let bestTag = 0;
  let bestScore = -Infinity;
  for (let t = 0; t < N; t++) {
    if (ALLOWED[prev]![t] && scores[t]! > bestScore) [bestTag, bestScore] = [t, scores[t]!];
  }
  return bestTag;
}

/** Tags of each sentence of one document (sentences as word lists). */
export function tagDocument(weights: Weights, sentences: readonly (readonly string[])[]): string[][] {
  const doc = documentView(sentences);
  const scores = new Float64Array(N);
  return sentences.map((words) => {
    const statics = staticFeatures(words, doc);
    const tags: string[] = [];
    let prev = 0;
    let prev2 = 0;
    for (let i = 0; i < words.length; i++) {
      const features = statics[i]!.concat(historyFeatures(TAGS[prev]!, TAGS[prev2]!, words[i]!.toLowerCase(), shape(words[i]!)));
      scoreInto(weights, features, scores);
      const t = best(scores, prev);
      tags.push(TAGS[t]!);
      [prev2, prev] = [prev, t];
    }
    return tags;
  });
}

export interface TrainingDoc {
  sentences: { tokens: string[]; tags: string[]; known: boolean[] }[];
  /** How much a mistake here counts (1 = full). */
  weight: number;
}

/** Seeded, so the same data give the same model: mulberry32. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Trains for `epochs` passes over the documents in a seeded shuffled order and returns the
 * averaged weights after each pass (so the caller can pick the pass count on dev data).
 */
export function train(docs: readonly TrainingDoc[], epochs: number, seed: number, onEpoch: (epoch: number, averaged: () => Weights) => void): void {
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
      const view = documentView(doc.sentences.map((s) => s.tokens));
      for (const sentence of doc.sentences) {
        const statics = staticFeatures(sentence.tokens, view);
        let prev = 0;
        let prev2 = 0;
        for (let i = 0; i < sentence.tokens.length; i++) {
          clock++;
          const word = sentence.tokens[i]!;
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
