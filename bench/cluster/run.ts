// Story-clustering quality over ../shared/bench/news-clustering: each file fed online, in date
// order (ties by id; ecbplus in file order), one article at a time, to the same clusterer the
// pipeline uses, with ONE configuration (DEFAULT_CLUSTER) for both files. Prints pairwise and
// B-cubed P/R/F1 and articles/second; writes bench/results/cluster.json.
// Usage: npx tsx bench/cluster/run.ts [--split dev|test|all]   (default: all, then test)
//   The settings were developed looking only at the "dev" half of the events of each file
//   (events whose label hashes even); "test" is the held-out half (its stream holds only those
//   events' articles), "all" the whole file as the README describes. (The return threshold is
//   the join threshold by rule, not by its dev score: on dev, 0.3 and 0.35 score higher, and on
//   the whole news-cluster file they chain the North Korea events into one story.)
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { OnlineClusterer, DEFAULT_CLUSTER, type ClusterConfig } from '../../src/cluster/online.ts';
import { fnv1a } from '../../src/text/shingles.ts';
import { scoreClustering, type Scores } from './metric.ts';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const dataDir = process.env.DATELINE_CLUSTER_BENCH ?? `${repoRoot}../shared/bench/news-clustering/`;

interface Row {
  id: string;
  cluster: string;
  date: string | null;
  source: string | null;
  title: string | null;
  text: string;
}

export function loadFile(name: string): Row[] {
  const rows = readFileSync(dataDir + name, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as Row);
  const indexed = rows.map((row, i) => ({ row, i }));
  // Date order, ties by id; undated rows (all of ecbplus) keep file order.
  indexed.sort((a, b) => {
    const da = a.row.date ?? '';
    const db = b.row.date ?? '';
    if (da !== db) return da < db ? -1 : 1;
    if (!a.row.date) return a.i - b.i;
    return a.row.id < b.row.id ? -1 : a.row.id > b.row.id ? 1 : 0;
  });
  return indexed.map((x) => x.row);
}

export const inSplit = (cluster: string, split: string) =>
  split === 'all' || (fnv1a(cluster) % 2 === 0) === (split === 'dev');

export interface FileRun {
  /** After the last article (the stream's own clock settled what had gone quiet by then). */
  online: Scores;
  /** Then after the settling the worker does with the wall clock: the stream's last stories have gone quiet too. */
  scores: Scores;
  perSecond: number;
  ms: number;
}

export function runFile(rows: Row[], config: ClusterConfig = DEFAULT_CLUSTER): FileRun {
  const clusterer = new OnlineClusterer(config);
  const predicted: number[] = [];
  // Merges and settling relabel earlier articles: follow them.
  const relabel = (gone: number, kept: number) => {
    for (let j = 0; j < predicted.length; j++) if (predicted[j] === gone) predicted[j] = kept;
  };
  const start = performance.now();
  rows.forEach((row, i) => {
    const at = row.date ? new Date(row.date + (/[zZ]|[+-]\d\d:?\d\d$/.test(row.date) ? '' : 'Z')) : null;
    const assignment = clusterer.assign({ id: i + 1, title: row.title ?? '', text: row.text, publishedAt: at });
    predicted.push(assignment.storyId);
    for (const gone of assignment.merged) relabel(gone, assignment.storyId);
    for (const [gone, kept] of assignment.settled) relabel(gone, kept);
  });
  const gold = rows.map((r) => r.cluster);
  const online = scoreClustering(gold, predicted);
  for (const [gone, kept] of clusterer.settle(new Date())) relabel(gone, kept);
  const ms = performance.now() - start;
  return { online, scores: scoreClustering(gold, predicted), perSecond: rows.length / (ms / 1000), ms };
}

const fmt = (x: number) => x.toFixed(3);

async function main(): Promise<void> {
  const asked = process.argv.includes('--split') ? process.argv[process.argv.indexOf('--split') + 1]! : null;
  if (asked && !['dev', 'test', 'all'].includes(asked)) throw new Error(`--split ${asked}: expected dev, test or all`);
  if (!existsSync(dataDir)) {
    console.error(`bench/cluster: ${dataDir} is missing (the shared benchmark data); nothing to run`);
    process.exitCode = 2;
    return;
  }
  // By default both the whole files (the README's protocol) and the held-out half of the events.
  const splits = asked ? [asked] : ['all', 'test'];
  const results: Record<string, unknown> = { config: DEFAULT_CLUSTER, splits: {} };
  console.log('One configuration for both files (DEFAULT_CLUSTER), developed on the "dev" half of the events of each file.');
  for (const split of splits) {
    console.log(`\nsplit: ${split}${split === 'test' ? ' (held-out events: the settings were chosen on the dev half)' : split === 'all' ? ' (whole files, online in date order)' : ''}`);
    console.log('file           articles  events  stories  pairwise P / R / F1     B-cubed P / R / F1   (before the last settling)  articles/s');
    const files: Record<string, unknown> = {};
    for (const file of ['news-cluster.jsonl', 'ecbplus.jsonl']) {
      const rows = loadFile(file).filter((r) => inSplit(r.cluster, split));
      const { scores, online, perSecond, ms } = runFile(rows);
      const events = new Set(rows.map((r) => r.cluster)).size;
      console.log(
        `${file.replace('.jsonl', '').padEnd(14)} ${String(rows.length).padStart(8)}  ${String(events).padStart(6)}  ${String(scores.clusters).padStart(7)}  ` +
          `${fmt(scores.pairwise.precision)} / ${fmt(scores.pairwise.recall)} / ${fmt(scores.pairwise.f1)}   ` +
          `${fmt(scores.bcubed.precision)} / ${fmt(scores.bcubed.recall)} / ${fmt(scores.bcubed.f1)}   (${fmt(online.bcubed.f1)})                 ${perSecond.toFixed(0).padStart(8)}`,
      );
      files[file] = { articles: rows.length, events, ...scores, beforeLastSettling: online, articlesPerSecond: perSecond, ms };
    }
    (results.splits as Record<string, unknown>)[split] = files;
  }
  console.log('\n(articles/s is wall-clock time on a shared, busy machine)');
  mkdirSync(`${repoRoot}bench/results`, { recursive: true });
  writeFileSync(`${repoRoot}bench/results/cluster${asked ? '-' + asked : ''}.json`, JSON.stringify(results, null, 2) + '\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
