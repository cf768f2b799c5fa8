// Clustering scores as the news-clustering README defines them: pairwise and B-cubed P/R/F1.

export interface Scores {
  pairwise: { precision: number; recall: number; f1: number };
  bcubed: { precision: number; recall: number; f1: number };
  clusters: number;
}

const pairs = (n: number) => (n * (n - 1)) / 2;
const f1 = (p: number, r: number) => (p + r === 0 ? 0 : (2 * p * r) / (p + r));

export function scoreClustering(gold: string[], predicted: (string | number)[]): Scores {
  const cell = new Map<string, number>();
  const goldSize = new Map<string, number>();
  const predSize = new Map<string, number>();
  for (let i = 0; i < gold.length; i++) {
    const g = gold[i]!;
    const p = String(predicted[i]);
    cell.set(g + '\u0000' + p, (cell.get(g + '\u0000' + p) ?? 0) + 1);
    goldSize.set(g, (goldSize.get(g) ?? 0) + 1);
    predSize.set(p, (predSize.get(p) ?? 0) + 1);
  }
  let tp = 0;
  for (const n of cell.values()) tp += pairs(n);
  let predPairs = 0;
  for (const n of predSize.values()) predPairs += pairs(n);
  let goldPairs = 0;
  for (const n of goldSize.values()) goldPairs += pairs(n);
  const pp = predPairs ? tp / predPairs : 1;
  const pr = goldPairs ? tp / goldPairs : 1;
  let bp = 0;
  let br = 0;
  for (let i = 0; i < gold.length; i++) {
    const g = gold[i]!;
    const p = String(predicted[i]);
    const both = cell.get(g + '\u0000' + p)!;
    bp += both / predSize.get(p)!;
    br += both / goldSize.get(g)!;
  }
  bp /= gold.length;
  br /= gold.length;
  return {
    pairwise: { precision: pp, recall: pr, f1: f1(pp, pr) },
    bcubed: { precision: bp, recall: br, f1: f1(bp, br) },
    clusters: predSize.size,
  };
}
