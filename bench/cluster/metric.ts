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

export interface StoryShape {
  /** Articles in the largest predicted story. */
  largest: number;
  /** Share of articles in a predicted story holding articles of two or more events. */
  mixedShare: number;
  /** Predicted stories holding two or more events, the worst first (most articles outside their main event). */
  mixed: { story: string; size: number; events: [string, number][]; members: number[] }[];
}

/** How the predicted stories sit over the events: the largest, and those that mix events. */
export function storyShape(gold: string[], predicted: (string | number)[]): StoryShape {
  const stories = new Map<string, number[]>();
  predicted.forEach((p, i) => {
    const key = String(p);
    const list = stories.get(key) ?? [];
    list.push(i);
    stories.set(key, list);
  });
  let largest = 0;
  let inMixed = 0;
  const mixed: StoryShape['mixed'] = [];
  for (const [story, members] of stories) {
    largest = Math.max(largest, members.length);
    const events = new Map<string, number>();
    for (const i of members) events.set(gold[i]!, (events.get(gold[i]!) ?? 0) + 1);
    if (events.size < 2) continue;
    inMixed += members.length;
    mixed.push({ story, size: members.length, events: [...events].sort((a, b) => b[1] - a[1]), members });
  }
  const strays = (m: StoryShape['mixed'][number]) => m.size - m.events[0]![1];
  mixed.sort((a, b) => strays(b) - strays(a) || b.size - a.size);
  return { largest, mixedShare: gold.length ? inMixed / gold.length : 0, mixed };
}
