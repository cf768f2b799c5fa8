// The deployment test of docs/deployment.md on this machine: 2 API server processes and 2
// workers on one PostgreSQL server; a load of readers on the API (50 connections) while 500
// feeds are ingested; one worker and one server killed with SIGKILL midway and restarted.
// Afterwards it checks that every feed entry was stored exactly once and that no request was
// lost beyond the killed server's in-flight ones, and reports API latency during ingest beside
// latency without ingest. Exits non-zero when a check fails.
//
// The load generator is in this file rather than autocannon: with two servers, a reader's
// request that meets a dead server must fail over to the other one, as behind any load
// balancer, and autocannon drives a single target.
//
//   npx tsx bench/deploy/run.ts        (env: DATELINE_BENCH_DATABASE_URL, BENCH_FEEDS=500,
//                                        BENCH_ENTRIES=10, BENCH_SECONDS=60, BENCH_BASELINE_SECONDS=20)
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { Agent, request } from 'undici';
import { openStore } from '../../src/store/index.ts';
import { addFeed } from '../../src/store/feeds.ts';
import { importPaths } from '../../src/cli/commands/import.ts';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const ADMIN_URL = process.env.DATELINE_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const FEEDS = Number(process.env.BENCH_FEEDS ?? 500);
const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 10);
const LOAD_SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const BASELINE_SECONDS = Number(process.env.BENCH_BASELINE_SECONDS ?? 20);
const CONNECTIONS = 50;
const DB_NAME = 'dateline_deploy_bench';

const children = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

function start(name: string, args: string[], env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, args, { cwd: repo, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  child.on('exit', () => children.delete(child));
  child.stderr!.on('data', (chunk: Buffer) => {
    const text = chunk.toString().trim();
    if (text && !/ExperimentalWarning|npm warn/.test(text)) process.stderr.write(`[${name}] ${text.slice(0, 400)}\n`);
  });
  return child;
}

async function firstLine(child: ChildProcess): Promise<string> {
  const lines = createInterface({ input: child.stdout! });
  for await (const line of lines) return line;
  throw new Error('process ended before printing its address');
}

async function waitReady(url: string, seconds = 60): Promise<void> {
  const until = Date.now() + seconds * 1000;
  while (Date.now() < until) {
    try {
      const response = await fetch(`${url}/readyz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} not ready after ${seconds}s`);
}

function startServer(port: number, databaseUrl: string): ChildProcess {
  return start(`server:${port}`, ['bin/dateline.js', 'serve', '--port', String(port)], {
    DATABASE_URL: databaseUrl,
    DATELINE_LOG_LEVEL: 'warn',
    DATELINE_LOG_FORMAT: 'json',
  });
}

function startWorker(index: number, databaseUrl: string): ChildProcess {
  return start(`worker:${index}`, ['bin/dateline.js', 'worker', '--quiet'], {
    DATABASE_URL: databaseUrl,
    DATELINE_ALLOW_PRIVATE_ADDRESSES: 'true',
    DATELINE_LOG_LEVEL: 'warn',
    DATELINE_FEED_LEASE: '20',
  });
}

interface LoadResult {
  requests: number;
  latenciesMs: number[];
  failedOver: number;
  lost: number;
  errors: Record<string, number>;
}

const PATHS = ['/api/v1/articles?limit=20', '/api/v1/stories?limit=10', '/api/v1/search?q=harbour', '/api/v1/feeds', '/'];

/** `CONNECTIONS` readers in a loop for `seconds`, spread over the servers, failing over once. */
async function readerLoad(servers: () => string[], seconds: number): Promise<LoadResult> {
  const agent = new Agent({ connections: CONNECTIONS, keepAliveTimeout: 10_000 });
  const result: LoadResult = { requests: 0, latenciesMs: [], failedOver: 0, lost: 0, errors: {} };
  const until = Date.now() + seconds * 1000;
  let turn = 0;
  const one = async (base: string, path: string) => {
    const response = await request(base + path, { dispatcher: agent, headersTimeout: 10_000, bodyTimeout: 10_000 });
    await response.body.dump();
    if (response.statusCode >= 500) throw Object.assign(new Error(`status ${response.statusCode}`), { code: `HTTP_${response.statusCode}` });
  };
  const reader = async () => {
    while (Date.now() < until) {
      const list = servers();
      const index = turn++ % list.length;
      const path = PATHS[turn % PATHS.length]!;
      const started = performance.now();
      try {
        await one(list[index]!, path);
      } catch (error) {
        const code = (error as { code?: string }).code ?? 'ERROR';
        result.errors[code] = (result.errors[code] ?? 0) + 1;
        result.failedOver++;
        try {
          await one(list[(index + 1) % list.length]!, path);
        } catch {
          result.lost++;
          continue;
        }
      }
      result.latenciesMs.push(performance.now() - started);
      result.requests++;
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, reader));
  await agent.close();
  return result;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? Number(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!.toFixed(1)) : NaN;
}

const summary = (r: LoadResult, seconds: number) => ({
  requests: r.requests,
  perSecond: Number((r.requests / seconds).toFixed(1)),
  p50Ms: percentile(r.latenciesMs, 50),
  p95Ms: percentile(r.latenciesMs, 95),
  p99Ms: percentile(r.latenciesMs, 99),
  failedOver: r.failedOver,
  lost: r.lost,
  errors: r.errors,
});

async function main(): Promise<void> {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  try {
    await admin.connect();
  } catch (error) {
    console.log(`bench/deploy skipped: no PostgreSQL server at ${ADMIN_URL} (${(error as Error).message})`);
    return;
  }
  await admin.query(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${DB_NAME}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = '/' + DB_NAME;
  const databaseUrl = url.toString();

  // The readers need something to read: the demo corpus first.
  const db = await openStore({ databaseUrl, poolSize: 4 });
  await importPaths(db, [repo + 'demo/pages', repo + 'demo/dumps'], { asOf: null, maxPageBytes: 10 << 20, quiet: true, print: () => undefined });

  const publisher = start('publisher', ['--import', 'tsx', 'bench/ingest/serve.ts'], { BENCH_ENTRIES: String(ENTRIES) });
  const origin = await firstLine(publisher);
  for (let feed = 0; feed < FEEDS; feed++) await addFeed(db, { url: `${origin}/feed/${feed}.xml`, intervalSeconds: 3600 });
  // Nothing is due until the workers start: the baseline is measured without ingest.
  await db.query(`UPDATE feeds SET next_check_at = now() + interval '1 day'`);

  const ports = [18181, 18182];
  const servers = ports.map((port) => startServer(port, databaseUrl));
  const bases = ports.map((port) => `http://127.0.0.1:${port}`);
  await Promise.all(bases.map((base) => waitReady(base)));
  console.log(`2 servers on ${bases.join(', ')}; ${FEEDS} feeds × ${ENTRIES} entries at ${origin}`);

  const baseline = await readerLoad(() => bases, BASELINE_SECONDS);
  console.log(`without ingest: ${JSON.stringify(summary(baseline, BASELINE_SECONDS))}`);

  await db.query(`UPDATE feeds SET next_check_at = now()`);
  const workers = [0, 1].map((i) => startWorker(i, databaseUrl));
  const ingestStarted = Date.now();
  let alive = [...bases];
  const killer = (async () => {
    await new Promise((r) => setTimeout(r, (LOAD_SECONDS / 2) * 1000));
    console.log('SIGKILL worker 0 and server 0');
    workers[0]!.kill('SIGKILL');
    servers[0]!.kill('SIGKILL');
    await new Promise((r) => setTimeout(r, 3000));
    workers[0] = startWorker(2, databaseUrl);
    servers[0] = startServer(ports[0]!, databaseUrl);
    await waitReady(bases[0]!);
    alive = [...bases];
    console.log('worker 0 and server 0 restarted');
  })();
  const during = await readerLoad(() => alive, LOAD_SECONDS);
  await killer;
  console.log(`during ingest: ${JSON.stringify(summary(during, LOAD_SECONDS))}`);

  // Let the workers finish every feed, then check what was stored.
  const expected = FEEDS * ENTRIES;
  const deadline = Date.now() + 15 * 60_000;
  let stored = 0;
  while (Date.now() < deadline) {
    const [row] = await db.query<{ n: number; pending: number }>(
      `SELECT (SELECT count(*)::int FROM feed_entries) AS n,
              (SELECT count(*)::int FROM feeds WHERE last_success_at IS NULL) AS pending`,
    );
    stored = row!.n;
    if (row!.pending === 0 && stored >= expected) break;
    await new Promise((r) => setTimeout(r, 2000));
  }
  const ingestSeconds = (Date.now() - ingestStarted) / 1000;
  const [check] = await db.query<{ entries: number; distinct_entries: number; articles: number; distinct_urls: number; hashes: number }>(
    `SELECT (SELECT count(*)::int FROM feed_entries) AS entries,
            (SELECT count(DISTINCT (feed_id, guid))::int FROM feed_entries) AS distinct_entries,
            (SELECT count(*)::int FROM articles WHERE canonical_url LIKE $1) AS articles,
            (SELECT count(DISTINCT canonical_url)::int FROM articles WHERE canonical_url LIKE $1) AS distinct_urls,
            (SELECT count(DISTINCT content_hash)::int FROM articles WHERE canonical_url LIKE $1) AS hashes`,
    [`${origin}/%`],
  );
  for (const child of [...children]) child.kill('SIGTERM');
  await db.close();

  const checks = {
    everyEntryStoredOnce: check!.entries === expected && check!.distinct_entries === expected,
    everyArticleOnce: check!.articles === expected && check!.distinct_urls === expected && check!.hashes === expected,
    // A request lost is one that failed on both servers; a reset on the killed server that the
    // other answered was in flight there, and is counted as failed over.
    noRequestLost: during.lost === 0 && baseline.lost === 0,
  };
  const report = {
    feeds: FEEDS,
    entriesPerFeed: ENTRIES,
    expectedEntries: expected,
    ...check!,
    ingestSeconds: Number(ingestSeconds.toFixed(1)),
    entriesPerSecond: Number((check!.entries / ingestSeconds).toFixed(1)),
    withoutIngest: summary(baseline, BASELINE_SECONDS),
    duringIngest: summary(during, LOAD_SECONDS),
    checks,
  };
  console.log(JSON.stringify(report, null, 2));
  mkdirSync(repo + 'bench/results', { recursive: true });
  writeFileSync(repo + 'bench/results/deploy.json', JSON.stringify(report, null, 2));
  console.log(`p95 without ingest ${report.withoutIngest.p95Ms} ms; during ingest (with the kills) ${report.duringIngest.p95Ms} ms`);
  if (!Object.values(checks).every(Boolean)) {
    console.log(
      'FAILED checks:',
      Object.entries(checks)
        .filter(([, ok]) => !ok)
        .map(([name]) => name)
        .join(', '),
    );
    process.exitCode = 1;
  }
  process.exit();
}

await main();
