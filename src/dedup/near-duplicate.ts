// Near-duplicate detection, the pure stage: a MinHash fingerprint of an article's body, and the
// decision whether it copies one of the candidates the LSH buckets found. No store, no clock.
// Written here (not a library) because it is small, core, and its signatures are stored.
import { shingleSet } from '../text/shingles.ts';
import { bandKeys, DEFAULT_MINHASH, estimateJaccard, minhashSignature, type MinHashParams } from '../text/minhash.ts';

export interface DedupConfig {
  minhash: MinHashParams;
  /** Words per shingle. */
  shingleSize: number;
  /** A copy when the estimated Jaccard similarity reaches this... */
  minJaccard: number;
  /** ...or when the smaller text is this much contained in the larger (cut or padded copies)... */
  minContainment: number;
  /** ...with at least this Jaccard, so a short text is not a "copy" of a long one it quotes. */
  minJaccardForContainment: number;
  /** Texts with fewer shingles must be nearly identical (too little text to judge otherwise). */
  shortText: number;
  shortTextJaccard: number;
}

export const DEFAULT_DEDUP: DedupConfig = {
  minhash: DEFAULT_MINHASH,
  shingleSize: 4,
  minJaccard: 0.5,
  minContainment: 0.7,
  minJaccardForContainment: 0.3,
  shortText: 12,
  shortTextJaccard: 0.9,
};

export interface DedupFingerprint {
  signature: Uint32Array;
  bandKeys: number[];
  shingleCount: number;
}

/** The body only: headlines are rewritten by every outlet that runs a wire story. */
export function fingerprint(text: string, config: DedupConfig = DEFAULT_DEDUP): DedupFingerprint {
  const shingles = shingleSet(text, config.shingleSize);
  const signature = minhashSignature(shingles, config.minhash);
  return { signature, bandKeys: shingles.length ? bandKeys(signature, config.minhash) : [], shingleCount: shingles.length };
}

export interface DedupCandidate {
  articleId: number;
  signature: Uint32Array;
  shingleCount: number;
  publishedAt: Date | null;
  /** The candidate's own original when it is itself a copy. */
  duplicateOf: number | null;
}

export interface Similarity {
  jaccard: number;
  /** |A ∩ B| / min(|A|, |B|), from the Jaccard estimate and the two set sizes. */
  containment: number;
}

export function similarity(a: { signature: Uint32Array; shingleCount: number }, b: { signature: Uint32Array; shingleCount: number }): Similarity {
  const jaccard = estimateJaccard(a.signature, b.signature);
  const smaller = Math.min(a.shingleCount, b.shingleCount);
  const intersection = (jaccard * (a.shingleCount + b.shingleCount)) / (1 + jaccard);
  return { jaccard, containment: smaller ? Math.min(1, intersection / smaller) : 0 };
}

export function isNearDuplicate(sim: Similarity, sizes: [number, number], config: DedupConfig = DEFAULT_DEDUP): boolean {
  if (Math.min(...sizes) < config.shortText) return sim.jaccard >= config.shortTextJaccard;
  return sim.jaccard >= config.minJaccard || (sim.containment >= config.minContainment && sim.jaccard >= config.minJaccardForContainment);
}

export interface DedupDecision {
  /** The original: the earliest qualifying candidate, followed to its own original. */
  duplicateOf: number;
  similarity: number;
}

const timeOf = (d: Date | null) => (d ? d.getTime() : Number.POSITIVE_INFINITY);

/**
 * Whether an article copies one of the candidates. The original is the earliest copy (then the
 * lowest id), so every copy of one wire story points at the same article.
 */
export function decideDuplicate(article: DedupFingerprint, candidates: DedupCandidate[], config: DedupConfig = DEFAULT_DEDUP): DedupDecision | null {
  let best: { candidate: DedupCandidate; score: number } | null = null;
  for (const candidate of candidates) {
    const sim = similarity(article, candidate);
    if (!isNearDuplicate(sim, [article.shingleCount, candidate.shingleCount], config)) continue;
    const score = Math.max(sim.jaccard, sim.containment);
    if (!best || timeOf(candidate.publishedAt) < timeOf(best.candidate.publishedAt) || (timeOf(candidate.publishedAt) === timeOf(best.candidate.publishedAt) && candidate.articleId < best.candidate.articleId)) {
      best = { candidate, score };
    }
  }
  if (!best) return null;
  return { duplicateOf: best.candidate.duplicateOf ?? best.candidate.articleId, similarity: Math.round(best.score * 1000) / 1000 };
}
