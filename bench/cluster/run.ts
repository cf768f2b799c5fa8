// Story-clustering quality over the three files of ../shared/bench/news-clustering (news-cluster,
// ecbplus, allsides-leads): each file split by event into dev and test (bench/cluster/data.ts),
// each split fed online, one article at a time in date order, to the story engine with ONE
// configuration (DEFAULT_CLUSTER) for every file (an undated file, ecbplus or allsides-leads, runs on
// the engine's arrival clock: StoryConfig.arrivalMinutes, in file order). Beside it, in the same run, the plain TF-IDF
// baseline (bench/cluster/baseline.ts) at its best threshold per file and split (an oracle: the
// threshold is picked on the labels it is scored on). Prints pairwise and B-cubed P/R/F1, the
// largest story, the share of articles in stories that mix events, and the worst mixed stories
// of the dev split for reading (of the test split with --split test alone); writes bench/results/cluster.json.
// Usage: npx tsx bench/cluster/run.ts [--split dev|test|dev-a|dev-b] [--files news-cluster,ecbplus] [--worst 3] [--set story.joinThreshold=0.45 ...]
//   Settings are tuned on dev only; test is read for the report, never for a choice. dev-a and dev-b
//   halve dev again by event (another bit of the same hash): a choice that holds on both halves is not luck.
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { OnlineClusterer, DEFAULT_CLUSTER, type Assignment, type ClusterConfig } from '../../src/cluster/online.ts';
import { scoreClustering, storyShape, type Scores, type StoryShape } from './metric.ts';
import { baselineLabels, BASELINE_THRESHOLDS } from './baseline.ts';
import { DEV_FOLDS, FILES, SPLITS, haveData, inSplit, loadFile, rowTime, type Row, type Split } from './data.ts';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export interface FileRun {
  scores: Scores;
  shape: StoryShape;
  labels: number[];
  perSecond: number;
}

/** Hooks of replayStream: before a row is fed, after its assignment, before the final settling. */
export interface ReplayHooks {
  before?(row: Row, i: number): void;
  after?(assignment: Assignment, i: number): void;
  beforeSettle?(): void;
}

/**
 * Feeds the rows to the engine one at a time (article id = row index + 1), then settles as the worker
 * does with the wall clock (everything has gone quiet, undated stories too); returns each row's story,
 * following the merges and settling folds that relabel earlier articles.
 */
export async function replayStream(clusterer: OnlineClusterer, rows: Row[], hooks: ReplayHooks = {}): Promise<number[]> {
  const predicted: number[] = [];
  const relabel = (gone: number, kept: number) => {
    for (let j = 0; j < predicted.length; j++) if (predicted[j] === gone) predicted[j] = kept;
  };
  for (const [i, row] of rows.entries()) {
    hooks.before?.(row, i);
    const assignment = await clusterer.assign({ id: i + 1, title: row.title ?? '', text: row.text, publishedAt: rowTime(row), sourceName: row.source, url: row.url });
    predicted.push(assignment.storyId);
    hooks.after?.(assignment, i);
    for (const gone of assignment.merged) relabel(gone, assignment.storyId);
    for (const [gone, kept] of assignment.settled) relabel(gone, kept);
  }
  hooks.beforeSettle?.();
  for (const [gone, kept] of await clusterer.settle(null)) relabel(gone, kept);
  return predicted;
}

/** The engine over one stream, then the settling the worker does with the wall clock. */
export async function runFile(rows: Row[], config: ClusterConfig = DEFAULT_CLUSTER): Promise<FileRun> {
  const start = performance.now();
  const predicted = await replayStream(new OnlineClusterer(config), rows);
  const ms = performance.now() - start;
  const gold = rows.map((r) => r.cluster);
  return { scores: scoreClustering(gold, predicted), shape: storyShape(gold, predicted), labels: predicted, perSecond: rows.length / (ms / 1000) };
}

/** The baseline at every threshold; the best by B-cubed F1 (ties to the lower threshold). */
export function runBaseline(rows: Row[]): { threshold: number; scores: Scores; shape: StoryShape } {
  const gold = rows.map((r) => r.cluster);
  let best: { threshold: number; scores: Scores; labels: number[] } | null = null;
  for (const threshold of BASELINE_THRESHOLDS) {
    const labels = baselineLabels(rows, threshold);
    const scores = scoreClustering(gold, labels);
    if (!best || scores.bcubed.f1 > best.scores.bcubed.f1) best = { threshold, scores, labels };
  }
  return { threshold: best!.threshold, scores: best!.scores, shape: storyShape(gold, best!.labels) };
}

/** `--set story.joinThreshold=0.45`: one setting changed, for trying a value on dev. */
export function withSettings(base: ClusterConfig, settings: string[]): ClusterConfig {
  const config = structuredClone(base) as unknown as Record<string, Record<string, unknown>>;
  for (const setting of settings) {
    const match = /^(features|story|candidates)\.(\w+)=(.+)$/.exec(setting);
    if (!match || !(match[2]! in config[match[1]!]!)) throw new Error(`--set ${setting}: expected <features|story|candidates>.<known setting>=<value>`);
    const value = Number(match[3]);
    if (Number.isNaN(value)) throw new Error(`--set ${setting}: ${match[3]} is not a number`);
    config[match[1]!]![match[2]!] = value;
  }
  return config as unknown as ClusterConfig;
}

const fmt = (x: number) => x.toFixed(3);
const prf = (s: { precision: number; recall: number; f1: number }) => `${fmt(s.precision)} / ${fmt(s.recall)} / ${fmt(s.f1)}`;

function printWorst(rows: Row[], shape: StoryShape, count: number): void {
  for (const story of shape.mixed.slice(0, count)) {
    console.log(`    story of ${story.size}: ${story.events.map(([e, n]) => `${e} ×${n}`).join(', ')}`);
    const shown = new Set<string>();
    for (const i of story.members) {
      const row = rows[i]!;
      if (shown.has(row.cluster) && shown.size < story.events.length) continue;
      shown.add(row.cluster);
      const title = row.title ?? row.text.slice(0, 90);
      console.log(`      [${row.cluster}] ${row.date?.slice(0, 10) ?? '—'} ${title.slice(0, 110).replace(/\s+/g, ' ')}`);
      if (shown.size >= Math.min(4, story.events.length)) break;
    }
  }
}

async function main(): Promise<void> {
  const arg = (name: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1]! : null);
  const asked = arg('--split');
  if (asked && ![...SPLITS, ...DEV_FOLDS].includes(asked as never)) throw new Error(`--split ${asked}: expected dev, test, dev-a or dev-b`);
  const worst = Number(arg('--worst') ?? 3);
  const settings = process.argv.flatMap((a, i) => (a === '--set' ? [process.argv[i + 1]!] : []));
  const config = withSettings(DEFAULT_CLUSTER, settings);
  if (!haveData()) {
    console.error('bench/cluster: ../shared/bench/news-clustering is missing (the shared benchmark data); nothing to run');
    process.exitCode = 2;
    return;
  }
  const splits: Split[] = asked ? [asked as Split] : [...SPLITS];
  const files = (arg('--files') ?? FILES.join(',')).split(',');
  for (const file of files) if (!(FILES as readonly string[]).includes(file)) throw new Error(`--files ${file}: expected one of ${FILES.join(', ')}`);
  console.log(`One configuration for every file (DEFAULT_CLUSTER${settings.length ? ' with ' + settings.join(', ') : ''}), tuned on dev only.`);
  console.log('Baseline: single-pass TF-IDF, title ×2, two-day window where dated, its best threshold picked on the split itself (oracle).');
  const results: Record<string, unknown> = { config, settings, files: {} };
  for (const file of files) {
    const all = loadFile(file);
    const perFile: Record<string, unknown> = {};
    console.log(`\n${file}`);
    console.log('  split  articles events | engine: stories largest mixed%  pairwise P / R / F1     B-cubed P / R / F1    | baseline: thr  B-cubed P / R / F1    largest mixed%');
    for (const split of splits) {
      const rows = all.filter((r) => inSplit(r.cluster, split));
      const engine = await runFile(rows, config);
      const baseline = runBaseline(rows);
      const events = new Set(rows.map((r) => r.cluster)).size;
      console.log(
        `  ${split.padEnd(5)} ${String(rows.length).padStart(8)} ${String(events).padStart(6)} | ${String(engine.scores.clusters).padStart(15)} ${String(engine.shape.largest).padStart(7)} ${(engine.shape.mixedShare * 100).toFixed(1).padStart(6)}  ` +
          `${prf(engine.scores.pairwise)}   ${prf(engine.scores.bcubed)} | ${baseline.threshold.toFixed(2).padStart(13)}  ${prf(baseline.scores.bcubed)}  ${String(baseline.shape.largest).padStart(7)} ${(baseline.shape.mixedShare * 100).toFixed(1).padStart(6)}`,
      );
      perFile[split] = {
        articles: rows.length,
        events,
        engine: { ...engine.scores, largest: engine.shape.largest, mixedShare: engine.shape.mixedShare, mixedStories: engine.shape.mixed.length, articlesPerSecond: engine.perSecond },
        baseline: { threshold: baseline.threshold, ...baseline.scores, largest: baseline.shape.largest, mixedShare: baseline.shape.mixedShare },
      };
      // Test's worst cases only when test alone is asked for: read at the end, to report, never to tune.
      if ((split !== 'test' || asked === 'test') && worst > 0 && engine.shape.mixed.length) {
        console.log(`  worst mixed stories (${split}):`);
        printWorst(rows, engine.shape, worst);
      }
    }
    (results.files as Record<string, unknown>)[file] = perFile;
  }
  mkdirSync(`${repoRoot}bench/results`, { recursive: true });
  writeFileSync(`${repoRoot}bench/results/cluster${asked ? '-' + asked : ''}.json`, JSON.stringify(results, null, 2) + '\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
