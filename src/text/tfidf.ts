// Sparse term vectors: weighted term counts, IDF from the stream seen so far, cosine.

/** A sparse vector: term -> weight. */
export type TermVector = Map<string, number>;

/** Document frequencies of terms over the articles seen so far. */
export interface TermStats {
  documents: number;
  df: (term: string) => number;
}

/** Smoothed IDF; a term never seen counts as seen once (it is rare, not infinitely so). */
export function idf(stats: TermStats, term: string): number {
  return Math.log((stats.documents + 1) / (stats.df(term) + 1)) + 1;
}

export function norm(vector: TermVector): number {
  let sum = 0;
  for (const w of vector.values()) sum += w * w;
  return Math.sqrt(sum);
}

export function normalise(vector: TermVector): TermVector {
  const n = norm(vector);
  if (n === 0) return vector;
  const out: TermVector = new Map();
  for (const [t, w] of vector) out.set(t, w / n);
  return out;
}

/** Cosine of two vectors already of unit length (a dot product); iterates the smaller. */
export function dot(a: TermVector, b: TermVector): number {
  if (a.size > b.size) [a, b] = [b, a];
  let sum = 0;
  for (const [t, w] of a) {
    const other = b.get(t);
    if (other !== undefined) sum += w * other;
  }
  return sum;
}

/** The `size` heaviest terms (ties by term, for determinism). */
export function topTerms(vector: TermVector, size: number): TermVector {
  if (vector.size <= size) return vector;
  const sorted = [...vector].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1));
  return new Map(sorted.slice(0, size));
}

/** A weight as the store keeps it (5 decimals in JSON). */
export const storedWeight = (w: number): number => Math.round(w * 1e5) / 1e5;

export function vectorToJson(vector: TermVector): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [t, w] of vector) out[t] = storedWeight(w);
  return out;
}

export function vectorFromJson(json: Record<string, number> | null | undefined): TermVector {
  return new Map(Object.entries(json ?? {}));
}
