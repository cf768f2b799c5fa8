// A learned join decision (src/cluster/learned.ts) measured against the hand rule, crosswise on
// the dev halves: every (article, candidate story) pair the hand engine scores on one half,
// labelled (stories of one event only), trains a logistic regression (each file weighing the
// same); its probability threshold is picked on that half by mean B-cubed F1 over the three
// files; the engine then runs the other half with it. Prints hand and learned B-cubed F1 per file
// and half, and the model trained on all of dev. Dev only: it refuses test.
// Usage: npx tsx bench/cluster/learn.ts [--files ecbplus,news-cluster] [--write]
//   --write keeps the all-dev model in bench/results/join-model.json (for reading, not for use).
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DEFAULT_CLUSTER, OnlineClusterer, type ClusterConfig } from '../../src/cluster/online.ts';
import { storyUnit, type StoryState } from '../../src/cluster/stories.ts';
import { JOIN_FEATURES, joinFeatures, type JoinModel } from '../../src/cluster/learned.ts';
import type { TermVector } from '../../src/text/tfidf.ts';
import { FILES, haveData, inSplit, loadFile, rowTime, type Split } from './data.ts';
import { trainLogistic } from './pairs.ts';
import { runFile } from './run.ts';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const THRESHOLDS = [0.4, 0.5, 0.6, 0.7, 0.8];

interface Pair {
  right: boolean;
  x: number[];
}

/** The pairs the hand engine scores over one split, each labelled by its story's one event. */
async function pairsOf(file: string, split: Split): Promise<Pair[]> {
  const rows = loadFile(file).filter((r) => inSplit(r.cluster, split));
  const config = DEFAULT_CLUSTER;
  const clusterer = new OnlineClusterer(config);
  const store = clusterer.store;
  let calls: StoryState[][] = [];
  const candidates = store.candidates.bind(store);
  store.candidates = async (...args) => {
    const out = await candidates(...args);
    calls.push(out);
    return out;
  };
  let vector: TermVector | null = null;
  // The article's time as the engine saw it (an undated one stamped on the arrival clock).
  let seenAt: Date | null = null;
  const saveVector = store.saveVector.bind(store);
  store.saveVector = async (article, v) => {
    vector = v;
    seenAt = article.at;
    return saveVector(article, v);
  };
  const members = new Map<number, string[]>();
  const move = (gone: number, kept: number) => {
    members.set(kept, [...(members.get(kept) ?? []), ...(members.get(gone) ?? [])]);
    members.delete(gone);
  };
  const out: Pair[] = [];
  for (const [i, row] of rows.entries()) {
    calls = [];
    vector = null;
    const result = await clusterer.assign({ id: i + 1, title: row.title ?? '', text: row.text, publishedAt: rowTime(row), sourceName: row.source });
    const unit = vector as TermVector | null;
    for (const story of unit ? (calls[0] ?? []) : []) {
      const events = new Set(members.get(story.id) ?? []);
      if (events.size !== 1) continue;
      out.push({ right: events.has(row.cluster), x: joinFeatures(unit!, seenAt, story, storyUnit(story), config.story) });
    }
    members.set(result.storyId, [...(members.get(result.storyId) ?? []), row.cluster]);
    for (const gone of result.merged) move(gone, result.storyId);
    for (const [gone, kept] of result.settled) move(gone, kept);
  }
  return out;
}

function train(files: string[], data: Map<string, Pair[]>, splits: Split[]): Omit<JoinModel, 'threshold'> {
  const xs: number[][] = [];
  const ys: number[] = [];
  const weights: number[] = [];
  const sets = files.map((file) => splits.flatMap((s) => data.get(`${file}:${s}`)!));
  const total = sets.reduce((n, s) => n + s.length, 0);
  for (const pairs of sets) {
    for (const p of pairs) {
      xs.push(p.x);
      ys.push(p.right ? 1 : 0);
      weights.push(total / files.length / pairs.length);
    }
  }
  const model = trainLogistic(xs, ys, weights);
  return { mean: model.mean, sd: model.sd, weights: model.weights, bias: model.bias };
}

const withModel = (model: JoinModel | null): ClusterConfig => ({ ...DEFAULT_CLUSTER, story: { ...DEFAULT_CLUSTER.story, joinModel: model } });

async function f1s(files: string[], split: Split, model: JoinModel | null): Promise<number[]> {
  const out: number[] = [];
  for (const file of files)
    out.push(
      (
        await runFile(
          loadFile(file).filter((r) => inSplit(r.cluster, split)),
          withModel(model),
        )
      ).scores.bcubed.f1,
    );
  return out;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** The threshold with the best mean B-cubed F1 on `split` (ties to the lower). */
async function pickThreshold(files: string[], split: Split, fitted: Omit<JoinModel, 'threshold'>): Promise<{ threshold: number; f1: number[] }> {
  let best: { threshold: number; f1: number[] } | null = null;
  for (const threshold of THRESHOLDS) {
    const f1 = await f1s(files, split, { ...fitted, threshold });
    if (!best || mean(f1) > mean(best.f1)) best = { threshold, f1 };
  }
  return best!;
}

async function main(): Promise<void> {
  if (!haveData()) {
    console.error('bench/cluster/learn: ../shared/bench/news-clustering is missing; nothing to run');
    process.exitCode = 2;
    return;
  }
  const arg = (name: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1]! : null);
  if (process.argv.includes('--split')) throw new Error('learn.ts reads dev-a and dev-b only');
  const files = (arg('--files') ?? FILES.join(',')).split(',');
  for (const file of files) if (!(FILES as readonly string[]).includes(file)) throw new Error(`--files ${file}: expected one of ${FILES.join(', ')}`);
  const start = process.cpuUsage();
  const halves = ['dev-a', 'dev-b'] as const;
  const data = new Map<string, Pair[]>();
  for (const file of files) for (const half of halves) data.set(`${file}:${half}`, await pairsOf(file, half));
  const fmt = (xs: number[]) => files.map((f, i) => `${f} ${xs[i]!.toFixed(3)}`).join(', ') + ` (mean ${mean(xs).toFixed(3)})`;
  for (const [fit, other] of [halves, [...halves].reverse()] as const) {
    const fitted = train(files, data, [fit]);
    const picked = await pickThreshold(files, fit, fitted);
    console.log(`trained on ${fit}: ${JOIN_FEATURES.map((f, j) => `${f} ${fitted.weights[j]!.toFixed(2)}`).join(', ')}; threshold ${picked.threshold} picked there (${fmt(picked.f1)})`);
    console.log(`  ${other} hand    : ${fmt(await f1s(files, other, null))}`);
    console.log(`  ${other} learned : ${fmt(await f1s(files, other, { ...fitted, threshold: picked.threshold }))}`);
  }
  const fitted = train(files, data, [...halves]);
  const picked = await pickThreshold(files, 'dev', fitted);
  const model: JoinModel = { ...fitted, threshold: picked.threshold };
  console.log(`trained on all dev: threshold ${picked.threshold}; dev learned ${fmt(picked.f1)}; dev hand ${fmt(await f1s(files, 'dev', null))}`);
  if (process.argv.includes('--write')) {
    mkdirSync(`${repoRoot}bench/results`, { recursive: true });
    writeFileSync(`${repoRoot}bench/results/join-model.json`, JSON.stringify({ features: JOIN_FEATURES, ...model }, null, 2) + '\n');
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
