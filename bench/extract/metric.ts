// The article-extraction benchmark's own metric (scrapinghub/article-extraction-benchmark, as its
// README in ../shared/bench/article-extraction states it): 4-token shingle multisets per page,
// per-page normalised TP/FP/FN, precision and recall averaged over pages, F1 of the two means.

/** Tokens as the benchmark counts them: maximal runs of letters, numbers and underscores. */
export function tokenize(text: string): string[] {
  return text.match(/[\p{L}\p{N}_]+/gu) ?? [];
}

/** Counts of every run of `n` consecutive tokens; fewer than `n` tokens make one shingle. */
export function shingles(text: string, n = 4): Map<string, number> {
  const tokens = tokenize(text);
  const counts = new Map<string, number>();
  const last = Math.max(1, tokens.length - n + 1);
  for (let i = 0; i < last; i++) {
    const shingle = tokens.slice(i, i + n).join(' ');
    // An empty text has no shingle at all, not one empty shingle.
    if (!shingle) continue;
    counts.set(shingle, (counts.get(shingle) ?? 0) + 1);
  }
  return counts;
}

export interface PageScore {
  /** TP, FP and FN divided by their sum, so every page weighs the same. */
  tp: number;
  fp: number;
  fn: number;
  /** TP/(TP+FP), null when the prediction has no shingle. */
  precision: number | null;
  /** TP/(TP+FN), null when the gold text has no shingle. */
  recall: number | null;
  /** Predicted tokens equal the gold tokens exactly. */
  exact: boolean;
}

export function scorePage(gold: string, predicted: string): PageScore {
  const g = shingles(gold);
  const p = shingles(predicted);
  let tp = 0;
  let goldTotal = 0;
  let predTotal = 0;
  for (const count of g.values()) goldTotal += count;
  for (const [shingle, count] of p) {
    predTotal += count;
    tp += Math.min(count, g.get(shingle) ?? 0);
  }
  let fp = predTotal - tp;
  let fn = goldTotal - tp;
  const sum = tp + fp + fn;
  if (sum > 0) {
    tp /= sum;
    fp /= sum;
    fn /= sum;
  }
  const goldTokens = tokenize(gold);
  const predTokens = tokenize(predicted);
  const exact = goldTokens.length === predTokens.length && goldTokens.every((t, i) => t === predTokens[i]);
  return {
    tp,
    fp,
    fn,
    precision: tp + fp > 0 ? tp / (tp + fp) : null,
    recall: tp + fn > 0 ? tp / (tp + fn) : null,
    exact,
  };
}

export interface Summary {
  pages: number;
  precision: number;
  recall: number;
  f1: number;
  accuracy: number;
}

function mean(values: number[]): number {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0;
}

/** Precision and recall are means over pages; F1 is the harmonic mean of those two means. */
export function summarise(scores: PageScore[]): Summary {
  const precision = mean(scores.map((s) => s.precision).filter((x): x is number => x !== null));
  const recall = mean(scores.map((s) => s.recall).filter((x): x is number => x !== null));
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  const accuracy = scores.length ? scores.filter((s) => s.exact).length / scores.length : 0;
  return { pages: scores.length, precision, recall, f1, accuracy };
}
