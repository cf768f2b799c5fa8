// The plain baseline every story figure is printed beside: single-pass TF-IDF (title words
// counted twice, IDF from the articles seen so far), cosine to each story's centroid, a story
// takes no article more than two days after its last one (where dates exist), a new story below
// the threshold. Kept apart from src/cluster on purpose: it is the yardstick, not the engine.
import { contentTerms } from '../../src/text/tokenise.ts';
import type { Row } from './data.ts';
import { rowTime } from './data.ts';

const WINDOW_MS = 2 * 86_400_000;

/** Story labels for the stream at one threshold. */
export function baselineLabels(rows: Row[], threshold: number): number[] {
  const df = new Map<string, number>();
  let documents = 0;
  // Story centroids as sums of unit article vectors; an inverted index over them for the dot products.
  const centroids: Map<string, number>[] = [];
  const norms: number[] = [];
  const lastSeen: (number | null)[] = [];
  const postings = new Map<string, Map<number, number>>();
  const labels: number[] = [];
  for (const row of rows) {
    const tf = new Map<string, number>();
    for (const t of contentTerms(row.title ?? '')) tf.set(t, (tf.get(t) ?? 0) + 2);
    for (const t of contentTerms(row.text)) tf.set(t, (tf.get(t) ?? 0) + 1);
    documents++;
    for (const t of tf.keys()) df.set(t, (df.get(t) ?? 0) + 1);
    const vector = new Map<string, number>();
    let sum = 0;
    for (const [t, n] of tf) {
      const w = n * (Math.log((documents + 1) / (df.get(t)! + 1)) + 1);
      vector.set(t, w);
      sum += w * w;
    }
    const length = Math.sqrt(sum) || 1;
    for (const [t, w] of vector) vector.set(t, w / length);
    const at = rowTime(row)?.getTime() ?? null;
    const dots = new Map<number, number>();
    for (const [t, w] of vector) {
      for (const [story, c] of postings.get(t) ?? []) dots.set(story, (dots.get(story) ?? 0) + w * c);
    }
    let best = -1;
    let bestScore = threshold;
    for (const [story, d] of dots) {
      const seen = lastSeen[story]!;
      if (at !== null && seen !== null && at - seen > WINDOW_MS) continue;
      const score = d / norms[story]!;
      if (score >= bestScore && (best < 0 || score > bestScore || story < best)) {
        best = story;
        bestScore = score;
      }
    }
    if (best < 0) {
      best = centroids.length;
      centroids.push(new Map());
      norms.push(0);
      lastSeen.push(null);
    }
    const centroid = centroids[best]!;
    for (const [t, w] of vector) {
      const c = (centroid.get(t) ?? 0) + w;
      centroid.set(t, c);
      let posting = postings.get(t);
      if (!posting) postings.set(t, (posting = new Map()));
      posting.set(best, c);
    }
    let n = 0;
    for (const c of centroid.values()) n += c * c;
    norms[best] = Math.sqrt(n);
    if (at !== null) lastSeen[best] = Math.max(lastSeen[best] ?? at, at);
    labels.push(best);
  }
  return labels;
}

export const BASELINE_THRESHOLDS = Array.from({ length: 15 }, (_, i) => Math.round((0.1 + i * 0.05) * 100) / 100);
