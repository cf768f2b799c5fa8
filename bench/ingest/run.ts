// Ingest benchmark: N feeds × M summary-only entries (default 1,000 × 20), each entry's full
// page served on 127.0.0.1 by a separate process, polled by one worker through the whole
// pipeline (fetch feed → parse → fetch page → extract → store → post-ingest steps) into the
// embedded database and into a PostgreSQL server. Prints entries/second and peak memory of the
// worker process, and writes bench/results/ingest.json.
// Usage: npx tsx bench/ingest/run.ts [--feeds 1000] [--entries 20] [--engine both|embedded|server]
//        [--concurrency 16] [--steps all|none] [--parallel]
// --parallel runs the two engines at the same time (each in its own process) instead of one
// after the other: quicker on a busy machine, but then they share the CPU with each other.
// --steps none leaves out the post-ingest steps (dedup, stories, enrichment: other stages with
// benchmarks of their own), measuring the feed path alone: fetch, parse, extract, store.
// The server engine uses DATELINE_BENCH_DATABASE_URL (default: the test server) and a
// database of its own, dropped afterwards. Timings on a shared machine vary with its load.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { openStore } from '../../src/store/index.ts';
import type { Db } from '../../src/store/db.ts';
import { loadSettings } from '../../src/config.ts';
import { runWorker } from '../../src/worker.ts';
import { postIngestSteps } from '../../src/pipeline.ts';
import { option, flag, BENCH_SERVER_URL, dropBenchDatabase, freshBenchDatabase } from '../options.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const feeds = Number(option('feeds', '1000'));
const entries = Number(option('entries', '20'));
const engine = option('engine', 'both');
const concurrency = Number(option('concurrency', '16'));
const steps = option('steps', 'all');
if (steps !== 'all' && steps !== 'none') throw new Error(`--steps ${steps}: expected all or none`);
const parallel = flag('parallel');
const stepNames = postIngestSteps.map((s) => s.name);
if (steps === 'none') postIngestSteps.length = 0;
const serverUrl = BENCH_SERVER_URL;

interface EngineResult {
  engine: 'embedded' | 'server';
  feeds: number;
  entriesPerFeed: number;
  storedEntries: number;
  articles: number;
  failedFeeds: number;
  entryProblems: number;
  seconds: number;
  entriesPerSecond: number;
  peakRssMB: number;
  peakHeapMB: number;
  /** CPU time of the worker process (user + system): a figure less at the mercy of machine load. */
  /** The first few failures, to tell what went wrong. */
  failures: string[];
  workerCpuSeconds: number;
  entriesPerWorkerCpuSecond: number;
  concurrency: number;
  postIngestSteps: string[];
}

async function startPublisher(): Promise<{ origin: string; stop: () => void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'bench/ingest/serve.ts')], {
    cwd: root,
    env: { ...process.env, BENCH_ENTRIES: String(entries) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const origin = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the publisher exited (${code}) before listening`)));
  });
  return { origin, stop: () => child.kill('SIGTERM') };
}

async function openEngine(which: 'embedded' | 'server'): Promise<{ db: Db; cleanup: () => Promise<void> }> {
  if (which === 'embedded') {
    const dataDir = mkdtempSync(join(tmpdir(), 'dateline-bench-ingest-'));
    const db = await openStore({ dataDir });
    return {
      db,
      cleanup: async () => {
        await db.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  // A name of its own: other benchmarks clean up their dateline_bench_* databases.
  const name = `dateline_ingestbench_${process.pid}`;
  const url = await freshBenchDatabase(name);
  const db = await openStore({ databaseUrl: url, poolSize: concurrency + 4 });
  return {
    db,
    cleanup: async () => {
      await db.close();
      await dropBenchDatabase(name);
    },
  };
}

async function runEngine(which: 'embedded' | 'server'): Promise<EngineResult> {
  const publisher = await startPublisher();
  const { db, cleanup } = await openEngine(which);
  try {
    const values = Array.from({ length: feeds }, (_, i) => `('${publisher.origin}/feed/${i}.xml')`).join(',');
    await db.exec(`INSERT INTO feeds (url) VALUES ${values}`);
    const settings = loadSettings({
      ...process.env,
      DATELINE_ALLOW_PRIVATE_ADDRESSES: '127.0.0.1',
      DATELINE_WORKER_CONCURRENCY: String(concurrency),
      // One publisher host serves every feed here; real deployments poll many hosts at 2 each.
      DATELINE_FETCH_PER_HOST: String(concurrency * 2),
      DATELINE_FEED_LEASE: '600',
    });
    let peakRss = 0;
    let peakHeap = 0;
    const sample = () => {
      const usage = process.memoryUsage();
      peakRss = Math.max(peakRss, usage.rss);
      peakHeap = Math.max(peakHeap, usage.heapUsed);
    };
    const sampler = setInterval(sample, 50);
    let polled = 0;
    let problems = 0;
    const failures: string[] = [];
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const summary = await runWorker({
      db,
      settings,
      once: true,
      onPoll: (result) => {
        polled++;
        problems += result.problems.length;
        if (result.error && failures.length < 5) failures.push(result.error);
        for (const problem of result.problems) if (failures.length < 5 && /post-ingest|not stored/.test(problem)) failures.push(problem);
        if (polled % 100 === 0) process.stderr.write(`  [${which}] ${polled}/${feeds} feeds, ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
      },
    });
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    clearInterval(sampler);
    sample();
    await db.checkpoint();
    const [counts] = await db.query<{ entries: number; articles: number }>('SELECT (SELECT count(*)::int FROM feed_entries WHERE article_id IS NOT NULL) AS entries, (SELECT count(*)::int FROM articles) AS articles');
    return {
      engine: which,
      feeds,
      entriesPerFeed: entries,
      storedEntries: counts!.entries,
      articles: counts!.articles,
      failedFeeds: summary.failed,
      entryProblems: problems,
      seconds: round(seconds),
      entriesPerSecond: round(counts!.entries / seconds),
      peakRssMB: round(peakRss / 1048576),
      peakHeapMB: round(peakHeap / 1048576),
      concurrency,
      failures,
      workerCpuSeconds: round(cpuSeconds),
      entriesPerWorkerCpuSecond: round(counts!.entries / cpuSeconds),
      postIngestSteps: steps === 'all' ? stepNames : [],
    };
  } finally {
    publisher.stop();
    await cleanup();
  }
}

const round = (n: number) => Math.round(n * 10) / 10;

function runChild(which: 'embedded' | 'server'): Promise<EngineResult> {
  // Each engine in a process of its own, so the peak memory of one is not the other's.
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--engine', which, '--feeds', String(feeds), '--entries', String(entries), '--concurrency', String(concurrency), '--steps', steps, '--child'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout!.on('data', (chunk) => (out += chunk));
  return new Promise((resolve, reject) =>
    child.on('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('RESULT '));
      if (code !== 0 || !line) reject(new Error(`the ${which} run failed (exit ${code}):\n${out}`));
      else resolve(JSON.parse(line.slice(7)) as EngineResult);
    }),
  );
}

async function serverReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

function writeResults(results: EngineResult[]): void {
  const scale = feeds !== 1000 || entries !== 20 ? `-${feeds}x${entries}` : '';
  const which = results.length === 1 ? `-${results[0]!.engine}` : '';
  const file = `bench/results/ingest-feeds${steps === 'none' ? '-feed-path' : ''}${which}${scale}.json`;
  mkdirSync(join(root, 'bench/results'), { recursive: true });
  writeFileSync(
    join(root, file),
    JSON.stringify(
      {
        date: new Date().toISOString(),
        node: process.version,
        cores: cpus().length,
        feeds,
        entriesPerFeed: entries,
        concurrency,
        steps,
        parallel,
        note: `one worker process per engine${parallel ? ', both engines at the same time' : ''}; the publisher runs in its own process; machine (2 cores) shared with other engineers' work (load average about 20 during runs)`,
        results,
      },
      null,
      2,
    ) + '\n',
  );
  process.stdout.write(`wrote ${file}\n`);
}

if (engine === 'embedded' || engine === 'server') {
  const result = await runEngine(engine);
  process.stdout.write('RESULT ' + JSON.stringify(result) + '\n');
  if (!flag('child')) writeResults([result]);
} else {
  const engines: ('embedded' | 'server')[] = ['embedded'];
  if (await serverReachable()) engines.push('server');
  else process.stderr.write(`skipping the server engine: ${serverUrl} unreachable (set DATELINE_BENCH_DATABASE_URL)\n`);
  const results: EngineResult[] = [];
  if (parallel) results.push(...(await Promise.all(engines.map(runChild))));
  else for (const which of engines) results.push(await runChild(which));
  process.stdout.write(`\nIngest: ${feeds} feeds × ${entries} entries (summary-only; each page fetched and extracted), one worker, ${concurrency} feeds at once\n`);
  process.stdout.write(`post-ingest steps: ${steps === 'all' ? stepNames.join(', ') || '(none registered)' : 'left out (--steps none)'}\n`);
  process.stdout.write('engine     stored entries  articles  failed feeds  seconds  entries/s  worker CPU s  entries/CPU s  peak RSS MB  peak heap MB\n');
  for (const r of results) {
    process.stdout.write(
      `${r.engine.padEnd(10)} ${String(r.storedEntries).padStart(14)}  ${String(r.articles).padStart(8)}  ${String(r.failedFeeds).padStart(12)}  ${String(r.seconds).padStart(7)}  ${String(r.entriesPerSecond).padStart(9)}  ${String(r.workerCpuSeconds).padStart(12)}  ${String(r.entriesPerWorkerCpuSecond).padStart(13)}  ${String(r.peakRssMB).padStart(11)}  ${String(r.peakHeapMB).padStart(12)}\n`,
    );
  }
  process.stdout.write(`(${cpus().length} cores shared with other work; the server engine's own memory is PostgreSQL's, not counted)\n`);
  writeResults(results);
}
