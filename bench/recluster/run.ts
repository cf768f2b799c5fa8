// Recluster speed: the articles of ../shared/bench/news-clustering (both files, 1,365 articles)
// stored in a fresh database, then near-duplicates and stories made twice: by the post-ingest
// steps one article at a time (what ingestion does), and by `rebuildStories` (what
// `dateline recluster` does: the same decisions held in memory, written in bulk). Checks that
// both give the same stories and copies, prints articles/second for each (wall clock, and per
// CPU-second: this process's CPU, plus the server's backends for the server engine, which a
// shared machine's load changes far less), writes bench/results/recluster.json. Usage: npx tsx bench/recluster/run.ts [--engine embedded|server|both] [--articles N] [--db-prefix P]
// The server engine uses DATELINE_BENCH_DATABASE_URL (default: the test server) and a database
// of its own, dropped afterwards.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { openStore } from '../../src/store/index.ts';
import type { Db, Queryable } from '../../src/store/db.ts';
import { runDedupStep } from '../../src/pipeline/dedup.ts';
import { drainOwedSteps, postIngestSteps } from '../../src/pipeline.ts';
import { rebuildStories, runStoryStep } from '../../src/pipeline/stories.ts';
import { loadFile } from '../cluster/data.ts';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const dataDir = process.env.DATELINE_CLUSTER_BENCH ?? `${repoRoot}../shared/bench/news-clustering/`;
const arg = (name: string, fallback: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1]! : fallback);

async function fill(db: Db): Promise<number[]> {
  // --articles N: the first N only (a quicker comparison on a loaded machine).
  const rows = [...loadFile('news-cluster'), ...loadFile('ecbplus')].slice(0, Number(arg('--articles', '1000000')));
  const ids: number[] = [];
  // ecbplus has no dates: its articles follow news-cluster's, a minute apart, in file order.
  let minute = 0;
  await db.transaction(async (tx) => {
    for (const [i, r] of rows.entries()) {
      const at = r.date ? new Date(r.date + (/[zZ]|[+-]\d\d:?\d\d$/.test(r.date) ? '' : 'Z')) : new Date(Date.UTC(2018, 6, 1) + minute++ * 60_000);
      const [row] = await tx.query<{ id: number }>(`INSERT INTO articles (content_hash, title, text, published_at, role) VALUES ($1, $2, $3, $4, 'main') RETURNING id`, [
        `bench-recluster-${i}`,
        r.title ?? r.text.split('\n')[0]!.slice(0, 120),
        r.text,
        at,
      ]);
      ids.push(row!.id);
    }
  });
  return ids;
}

const clockTicks = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' })) || 100;
  } catch {
    return 100;
  }
})();

/** CPU seconds of a process from /proc (utime + stime); 0 where it cannot be read. */
function processCpu(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / clockTicks;
  } catch {
    return 0;
  }
}

/**
 * CPU seconds spent so far by this process and, on the server engine, by the server backends
 * connected to this database (the server runs on this machine in the bench's set-up; elsewhere
 * /proc has no such processes and only this process counts).
 */
async function cpuSeconds(db: Db, server: boolean): Promise<number> {
  const own = process.cpuUsage();
  let backends = 0;
  if (server) {
    const rows = await db.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = current_database()');
    for (const { pid } of rows) backends += processCpu(pid);
  }
  return (own.user + own.system) / 1e6 + backends;
}

/** Statements sent through `db` (inside transactions too), by their first words, while counting is on. */
const statements = new Map<string, number>();
let counting = false;

function countingDb(db: Db): Db {
  const count = (sql: string) => {
    if (!counting) return;
    const key = sql.replace(/\s+/g, ' ').trim().slice(0, 70);
    statements.set(key, (statements.get(key) ?? 0) + 1);
  };
  const wrap = (q: Queryable): Queryable => ({
    query: (sql, params) => {
      count(sql);
      return q.query(sql, params);
    },
    exec: (sql) => {
      count(sql);
      return q.exec(sql);
    },
  });
  return Object.assign(Object.create(db) as Db, {
    ...wrap(db),
    transaction: <T>(work: (tx: Queryable) => Promise<T>) => db.transaction((tx) => work(wrap(tx))),
    checkpoint: () => db.checkpoint(),
    poolStats: () => db.poolStats(),
    close: () => db.close(),
  });
}

/** Statements per article counted since the last call, printed by kind (most first). */
function takeStatements(label: string, articles: number): number {
  const total = [...statements.values()].reduce((a, b) => a + b, 0);
  console.log(`  ${label}: ${(total / articles).toFixed(2)} statements per article`);
  for (const [sql, n] of [...statements].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`    ${(n / articles).toFixed(2).padStart(6)}  ${sql}`);
  statements.clear();
  return total / articles;
}

async function snapshot(db: Db): Promise<string> {
  const stories = await db.query(
    `SELECT s.headline, s.article_count, (SELECT array_agg(article_id ORDER BY article_id) FROM story_articles sa WHERE sa.story_id = s.id) AS members
       FROM stories s ORDER BY s.id`,
  );
  const copies = await db.query('SELECT id, duplicate_of FROM articles WHERE duplicate_of IS NOT NULL ORDER BY id');
  return JSON.stringify({ stories, copies });
}

async function measure(name: string, plain: Db): Promise<Record<string, unknown>> {
  const server = name === 'server';
  const db = countingDb(plain);
  const ids = await fill(db);
  const loadAtStart = loadavg()[0]!;
  let t = performance.now();
  let cpu = await cpuSeconds(db, server);
  await runDedupStep(db, ids);
  counting = true;
  await runStoryStep(db, ids);
  counting = false;
  const stepMs = performance.now() - t;
  const stepCpu = (await cpuSeconds(db, server)) - cpu;
  const stepStatements = takeStatements(`${name}, story step one article a transaction`, ids.length);
  const stepwise = await snapshot(db);
  // The pipeline's own path (clusterOwed, a batch of 10 a transaction), counted on the same stream once more.
  await db.exec('DELETE FROM story_terms; DELETE FROM story_articles; DELETE FROM stories; DELETE FROM article_vectors; DELETE FROM term_stats; DELETE FROM cluster_stats');
  await db.query(`INSERT INTO article_steps (article_id, step) SELECT id, 'stories' FROM articles ON CONFLICT DO NOTHING`);
  counting = true;
  t = performance.now();
  cpu = await cpuSeconds(db, server);
  await drainOwedSteps(db, { now: new Date() }, { steps: postIngestSteps.filter((s) => s.name === 'stories') });
  const drainMs = performance.now() - t;
  const drainCpu = (await cpuSeconds(db, server)) - cpu;
  counting = false;
  const drainStatements = takeStatements(`${name}, story step drained in batches`, ids.length);
  const drainSame = (await snapshot(db)) === stepwise;
  console.log(`  ${name}, drained in batches gives the same stories: ${drainSame ? 'yes' : 'NO'}`);
  if (!drainSame) process.exitCode = 1;
  t = performance.now();
  cpu = await cpuSeconds(db, server);
  const result = await rebuildStories(db, { dedup: true });
  const rebuildMs = performance.now() - t;
  const rebuildCpu = (await cpuSeconds(db, server)) - cpu;
  const same = (await snapshot(db)) === stepwise;
  t = performance.now();
  cpu = await cpuSeconds(db, server);
  await rebuildStories(db, { dedup: false });
  const storiesOnlyMs = performance.now() - t;
  const storiesOnlyCpu = (await cpuSeconds(db, server)) - cpu;
  const rate = (ms: number) => ids.length / (ms / 1000);
  const perCpu = (seconds: number) => ids.length / seconds;
  const loadAtEnd = loadavg()[0]!;
  console.log(
    `${name.padEnd(9)} ${ids.length} articles, ${result.stories} stories, ${result.duplicates} copies | one at a time: ${rate(stepMs).toFixed(0)} articles/s (${perCpu(stepCpu).toFixed(0)} per CPU-s) | ` +
      `drained in batches: ${rate(drainMs).toFixed(0)} articles/s (${perCpu(drainCpu).toFixed(0)} per CPU-s) | recluster: ${rate(rebuildMs).toFixed(0)} articles/s (${perCpu(rebuildCpu).toFixed(0)} per CPU-s; stories only: ${rate(storiesOnlyMs).toFixed(0)}, ${perCpu(storiesOnlyCpu).toFixed(0)} per CPU-s) | ` +
      `same result: ${same ? 'yes' : 'NO'} | load ${loadAtStart.toFixed(1)} -> ${loadAtEnd.toFixed(1)}`,
  );
  if (!same) process.exitCode = 1;
  return {
    articles: ids.length,
    stories: result.stories,
    duplicates: result.duplicates,
    stepwisePerSecond: rate(stepMs),
    reclusterPerSecond: rate(rebuildMs),
    storiesOnlyPerSecond: rate(storiesOnlyMs),
    stepwisePerCpuSecond: perCpu(stepCpu),
    drainedPerSecond: rate(drainMs),
    drainedPerCpuSecond: perCpu(drainCpu),
    reclusterPerCpuSecond: perCpu(rebuildCpu),
    storiesOnlyPerCpuSecond: perCpu(storiesOnlyCpu),
    stepStatementsPerArticle: stepStatements,
    drainStatementsPerArticle: drainStatements,
    loadAverage: [loadAtStart, loadAtEnd],
    same,
  };
}

async function main(): Promise<void> {
  if (!existsSync(dataDir)) {
    console.error(`bench/recluster: ${dataDir} is missing (the shared benchmark data); nothing to run`);
    process.exitCode = 2;
    return;
  }
  const engine = arg('--engine', 'both');
  const results: Record<string, unknown> = {};
  if (engine !== 'server') {
    const dir = mkdtempSync(join(tmpdir(), 'dateline-bench-recluster-'));
    const db = await openStore({ dataDir: dir });
    try {
      results.embedded = await measure('embedded', db);
    } finally {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  if (engine !== 'embedded') {
    const base = process.env.DATELINE_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
    // --db-prefix P: the server database's name starts with P (a worktree's own names on a shared server).
    const name = `${arg('--db-prefix', '')}dateline_bench_recluster_${process.pid}`;
    if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bench database ${name}: expected lower-case letters, digits and _`);
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${name}`);
      const url = new URL(base);
      url.pathname = '/' + name;
      const db = await openStore({ databaseUrl: url.toString() });
      try {
        results.server = await measure('server', db);
      } finally {
        await db.close();
      }
    } catch (error) {
      console.error(`bench/recluster: server engine skipped: ${(error as Error).message}`);
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name}`).catch(() => undefined);
      await admin.end();
    }
  }
  console.log('(articles/s is wall-clock time on a shared machine)');
  mkdirSync(`${repoRoot}bench/results`, { recursive: true });
  writeFileSync(`${repoRoot}bench/results/recluster.json`, JSON.stringify(results, null, 2) + '\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
