// Would a learned combination separate right from wrong story candidates better than the hand
// weights? Every (article, candidate story) pair the engine scores on a dev half, with the
// channel cosines and a few more signals, labelled by whether the article's event is the
// story's (only stories of one event are kept, so that the label is clean). A logistic
// regression is trained on dev-a's pairs and scored on dev-b's, and the other way round, beside
// the hand score's ranking (AUC) on the same pairs; each file weighs the same in training. Dev only: it refuses test. It reads the
// pairs the current engine meets; it changes nothing.
// Usage: npx tsx bench/cluster/pairs.ts [--files ecbplus,news-cluster] [--drop logSize]
import { fileURLToPath } from 'node:url';
import { OnlineClusterer, DEFAULT_CLUSTER } from '../../src/cluster/online.ts';
import { gapDays, similarity, storyUnit } from '../../src/cluster/stories.ts';
import { channelCosines, channelUnit, isNameTerm } from '../../src/cluster/features.ts';
import type { TermVector } from '../../src/text/tfidf.ts';
import { watchStore } from './watch.ts';
import { FILES, haveData, inSplit, loadFile, rowTime, type Split } from './data.ts';

const FEATURES = ['words', 'names', 'headline', 'nameShare', 'logSize', 'gap', 'yearOverlap', 'noYears'] as const;
type Feature = (typeof FEATURES)[number];

interface Pair {
  right: boolean;
  score: number;
  x: Record<Feature, number>;
}

const yearsOf = (v: TermVector) => new Set([...v.keys()].filter((t) => /^n:y\d/.test(t)));

/** The pairs the engine scores over one dev half, each labelled. */
async function pairsOf(file: string, split: Split): Promise<Pair[]> {
  const rows = loadFile(file).filter((r) => inSplit(r.cluster, split));
  const config = DEFAULT_CLUSTER;
  const clusterer = new OnlineClusterer(config);
  const store = clusterer.store;
  const watch = watchStore(store);
  const members = new Map<number, string[]>();
  const move = (gone: number, kept: number) => {
    members.set(kept, [...(members.get(kept) ?? []), ...(members.get(gone) ?? [])]);
    members.delete(gone);
  };
  const out: Pair[] = [];
  for (const [i, row] of rows.entries()) {
    watch.reset();
    const { calls } = watch;
    const at = rowTime(row);
    const result = await clusterer.assign({ id: i + 1, title: row.title ?? '', text: row.text, publishedAt: at, sourceName: row.source });
    const unit = watch.vector ? channelUnit(watch.vector) : null;
    if (unit) {
      let names = 0;
      for (const t of unit.keys()) if (isNameTerm(t)) names++;
      const nameShare = Math.min(1, names / config.story.fullNames);
      for (const story of calls[0] ?? []) {
        const events = new Set(members.get(story.id) ?? []);
        if (events.size !== 1) continue;
        const storyVector = storyUnit(story);
        const c = channelCosines(unit, storyVector);
        const mine = yearsOf(unit);
        const theirs = yearsOf(storyVector);
        const both = mine.size && theirs.size;
        out.push({
          right: events.has(row.cluster),
          score: similarity(unit, storyVector, config.story).score,
          x: {
            words: c.words,
            names: c.names * nameShare,
            headline: c.headlineTerms >= config.story.headlineShared && c.headline >= config.story.headlineMin ? c.headline : 0,
            nameShare,
            logSize: Math.log1p(story.articleCount),
            gap: Math.min(gapDays(at, story), 60) / 30,
            yearOverlap: both ? [...mine].filter((y) => theirs.has(y)).length / new Set([...mine, ...theirs]).size : 0,
            noYears: both ? 0 : 1,
          },
        });
      }
    }
    members.set(result.storyId, [...(members.get(result.storyId) ?? []), row.cluster]);
    for (const gone of result.merged) move(gone, result.storyId);
    for (const [gone, kept] of result.settled) move(gone, kept);
  }
  return out;
}

/** Area under the ROC curve: the chance a right pair outscores a wrong one (ties half). */
export function auc(pairs: { right: boolean; s: number }[]): number {
  const sorted = [...pairs].sort((a, b) => a.s - b.s);
  let rankSum = 0;
  let positives = 0;
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j < sorted.length && sorted[j]!.s === sorted[i]!.s) j++;
    const rank = (i + j + 1) / 2;
    for (let k = i; k < j; k++) {
      if (!sorted[k]!.right) continue;
      rankSum += rank;
      positives++;
    }
    i = j;
  }
  const negatives = sorted.length - positives;
  return positives && negatives ? (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives) : NaN;
}

type Model = ((x: number[]) => number) & { weights: number[]; mean: number[]; sd: number[]; bias: number };

/**
 * Logistic regression on standardised features, L2-regularised, batch gradient descent; each
 * example weighs `weights[i]` (the weights sum to the number of examples).
 */
export function trainLogistic(xs: number[][], ys: number[], weights: number[], l2 = 0.01, steps = 3000, rate = 0.5): Model {
  const d = xs[0]?.length ?? 0;
  const mean = Array.from({ length: d }, (_, j) => xs.reduce((s, x) => s + x[j]!, 0) / xs.length);
  const sd = Array.from({ length: d }, (_, j) => Math.sqrt(xs.reduce((s, x) => s + (x[j]! - mean[j]!) ** 2, 0) / xs.length) || 1);
  const z = xs.map((x) => x.map((v, j) => (v - mean[j]!) / sd[j]!));
  const w = new Array<number>(d).fill(0);
  let b = 0;
  for (let step = 0; step < steps; step++) {
    const grad = new Array<number>(d).fill(0);
    let gb = 0;
    for (let i = 0; i < z.length; i++) {
      const p = 1 / (1 + Math.exp(-z[i]!.reduce((s, v, j) => s + v * w[j]!, b)));
      const e = (p - ys[i]!) * weights[i]!;
      for (let j = 0; j < d; j++) grad[j]! += e * z[i]![j]!;
      gb += e;
    }
    for (let j = 0; j < d; j++) w[j]! -= rate * (grad[j]! / z.length + l2 * w[j]!);
    b -= (rate * gb) / z.length;
  }
  const model = (x: number[]) => x.reduce((s, v, j) => s + ((v - mean[j]!) / sd[j]!) * w[j]!, b);
  return Object.assign(model, { weights: w, mean, sd, bias: b });
}

async function main(): Promise<void> {
  if (!haveData()) {
    console.error('bench/cluster/pairs: ../shared/bench/news-clustering is missing; nothing to run');
    process.exitCode = 2;
    return;
  }
  const arg = (name: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1]! : null);
  if (process.argv.includes('--split')) throw new Error('pairs.ts reads dev-a and dev-b only');
  const files = (arg('--files') ?? FILES.join(',')).split(',');
  for (const file of files) if (!(FILES as readonly string[]).includes(file)) throw new Error(`--files ${file}: expected one of ${FILES.join(', ')}`);
  const dropped = (arg('--drop') ?? '').split(',').filter(Boolean);
  for (const f of dropped) if (!(FEATURES as readonly string[]).includes(f)) throw new Error(`--drop ${f}: expected some of ${FEATURES.join(', ')}`);
  const used = FEATURES.filter((f) => !dropped.includes(f));
  const start = process.cpuUsage();
  const halves = ['dev-a', 'dev-b'] as const;
  const data = new Map<string, Pair[]>();
  for (const file of files) for (const half of halves) data.set(`${file}:${half}`, await pairsOf(file, half));
  console.log(`features: ${used.join(', ')}`);
  for (const [train, test] of [halves, [...halves].reverse()] as const) {
    const xs: number[][] = [];
    const ys: number[] = [];
    const weights: number[] = [];
    // Each file weighs the same in all (allsides-leads alone has 18 times the pairs of news-cluster).
    const total = files.reduce((n, file) => n + data.get(`${file}:${train}`)!.length, 0);
    for (const file of files) {
      const pairs = data.get(`${file}:${train}`)!;
      for (const p of pairs) {
        xs.push(used.map((f) => p.x[f]));
        ys.push(p.right ? 1 : 0);
        weights.push(total / files.length / pairs.length);
      }
    }
    const model = trainLogistic(xs, ys, weights);
    console.log(`trained on ${train} (${xs.length} pairs of ${files.join(', ')}): weights (standardised) ${used.map((f, j) => `${f} ${model.weights[j]!.toFixed(2)}`).join(', ')}`);
    for (const file of files) {
      const pairs = data.get(`${file}:${test}`)!;
      const hand = auc(pairs.map((p) => ({ right: p.right, s: p.score })));
      const learned = auc(pairs.map((p) => ({ right: p.right, s: model(used.map((f) => p.x[f])) })));
      console.log(`  ${file} ${test}: ${pairs.length} pairs (${pairs.filter((p) => p.right).length} right), AUC hand ${hand.toFixed(3)}  learned ${learned.toFixed(3)}`);
    }
  }
  const cpu = process.cpuUsage(start);
  console.log(
    `CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s, load ${(await import('node:os'))
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
