// The ingest curve: how fast the whole pipeline goes as the store grows. Saved pages of a
// generated news stream (stream.ts) go through the one ingest (src/pipeline.ts ingestPages:
// extract, store, the owed steps), a chunk at a time, each chunk followed by a drain of the owed
// post-ingest steps one step after another; every --every articles it prints the rates over that
// stretch: extract+store, each step, and the whole pipeline, with the queries each step sent per
// article and the load average. Writes bench/results/ingest-<engine>.json (rewritten after every
// stretch, so a long run killed part way keeps its curve).
// Usage: npx tsx bench/ingest/curve.ts [--engine server|embedded] [--articles 200000] [--every 50000]
//        [--chunk 500] [--database dateline_ingestcurve] [--data-dir DIR] [--keep] [--label NAME]
// The server engine uses DATELINE_BENCH_DATABASE_URL (default: the test server) and a database of
// its own (dropped first; with --keep left in place afterwards). Timings on a shared machine vary
// with its load: the load average is printed beside every stretch.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStore } from '../../src/store/index.ts';
import type { Db, Queryable } from '../../src/store/db.ts';
import { drainOwedSteps, ingestPages, postIngestSteps, type PageInput } from '../../src/pipeline.ts';
import { dropBenchDatabase, flag, freshBenchDatabase, option } from '../options.ts';
import { streamPage } from './stream.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const engine = option('engine', 'server');
if (engine !== 'server' && engine !== 'embedded') throw new Error(`--engine ${engine}: expected server or embedded`);
const total = Number(option('articles', engine === 'server' ? '1000000' : '200000'));
const every = Number(option('every', total <= 100_000 ? '10000' : '50000'));
const chunk = Number(option('chunk', '500'));
/** --label NAME writes bench/results/ingest-<engine>-NAME.json (say, a before-and-after pair). */
const label = option('label', '');
if (label && !/^[a-z0-9-]+$/.test(label)) throw new Error(`--label ${label}: expected lower-case letters, digits and -`);
for (const [name, value] of [
  ['articles', total],
  ['every', every],
  ['chunk', chunk],
] as const) {
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name}: expected a positive whole number`);
}

/** With --sql-times: wall time per statement text, printed at the end (where the time goes). */
const sqlTimes = flag('sql-times') ? new Map<string, { n: number; ms: number; cpu: number }>() : null;
/** With --sql-times: the same per stretch (printed and reset at every stretch: what grows with the store). */
const stretchSqlTimes = new Map<string, { n: number; ms: number; cpu: number }>();
/**
 * With --sql-times on the server engine: the PostgreSQL backends' CPU (ms, from /proc) around each
 * statement. Ticks are 10 ms, so one statement reads 0 or 10; summed over hundreds they are the
 * statement's share of the backends' CPU (the bench sends one statement at a time).
 */
const backendPids = new Set<number>();
function backendCpuMs(): number {
  let ticks = 0;
  for (const pid of backendPids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      backendPids.delete(pid);
    }
  }
  return ticks * 10;
}

/** A Db that counts the statements sent through it, inside transactions too. */
function counting(db: Db): { db: Db; count: () => number } {
  let n = 0;
  const timed = <T>(sql: string, run: () => Promise<T>): Promise<T> => {
    n++;
    if (!sqlTimes) return run();
    const t = performance.now();
    const cpu = backendCpuMs();
    return run().finally(() => {
      const key = sql.replace(/\s+/g, ' ').slice(0, 90);
      const ms = performance.now() - t;
      const cpuMs = backendCpuMs() - cpu;
      for (const times of [sqlTimes, stretchSqlTimes]) {
        const entry = times.get(key) ?? { n: 0, ms: 0, cpu: 0 };
        entry.n++;
        entry.ms += ms;
        entry.cpu += cpuMs;
        times.set(key, entry);
      }
    });
  };
  const wrap = (q: Queryable): Queryable => ({
    query: (sql, params, options) => timed(sql, () => q.query(sql, params, options)),
    exec: (sql) => timed(sql, () => q.exec(sql)),
  });
  const wrapped: Db = Object.assign(Object.create(db) as Db, {
    ...wrap(db),
    transaction: <T>(work: (tx: Queryable) => Promise<T>) => db.transaction((tx) => work(wrap(tx))),
    checkpoint: () => db.checkpoint(),
    poolStats: () => db.poolStats(),
    close: () => db.close(),
  });
  return { db: wrapped, count: () => n };
}

async function open(): Promise<{ db: Db; where: string; cleanup: () => Promise<void> }> {
  if (engine === 'embedded') {
    const dataDir = option('data-dir', '') || mkdtempSync(join(tmpdir(), 'dateline-ingest-curve-'));
    const db = await openStore({ dataDir });
    const cleanup = async () => {
      await db.close();
      if (!flag('keep')) rmSync(dataDir, { recursive: true, force: true });
    };
    return { db, where: dataDir, cleanup };
  }
  const name = option('database', 'dateline_ingestcurve');
  const url = await freshBenchDatabase(name);
  const db = await openStore({ databaseUrl: url, poolSize: 4 });
  return {
    db,
    where: `database ${name}`,
    cleanup: async () => {
      await db.close();
      if (!flag('keep')) await dropBenchDatabase(name);
    },
  };
}

function* pages(from: number, to: number): Generator<PageInput> {
  for (let n = from; n < to; n++) {
    const page = streamPage(n);
    yield { location: page.url, url: page.url, bytes: Buffer.from(page.html), modifiedAt: page.at, contentType: 'text/html' };
  }
}

interface Stretch {
  storedArticles: number;
  articles: number;
  loadAverage: number;
  /** Articles per second of wall time: extract and store, each step, the whole pipeline. */
  extractStorePerSecond: number;
  stepsPerSecond: Record<string, number>;
  wholePerSecond: number;
  /** Articles per second of this process' CPU (user + system; the server engine's own CPU not counted). */
  wholePerCpuSecond: number;
  /** Server engine: articles per CPU second of this process plus its PostgreSQL backends (read from /proc). */
  wholePerCpuSecondWithPostgres: number | null;
  /** Server engine: CPU seconds of the PostgreSQL backends per 1,000 articles. */
  postgresCpuPer1000: number | null;
  queriesPerArticle: Record<string, number>;
  /** CPU seconds per 1,000 articles by stage (store, then each step): this process, and (server) its PostgreSQL backends. */
  cpuPer1000ByStage: Record<string, { node: number; postgres: number | null }>;
  failures: number;
}

const round = (n: number) => Math.round(n * 10) / 10;

/**
 * CPU seconds used by this database's PostgreSQL backends (server engine, same machine): each
 * backend's user + system ticks from /proc/<pid>/stat, summed over the deltas seen between samples
 * (a backend that ends between two samples loses at most its last chunk). null where unreadable.
 */
function postgresCpu(): { sample: (db: Queryable) => Promise<void>; seconds: () => number | null } {
  const last = new Map<number, number>();
  let total = 0;
  let readable = engine === 'server';
  const ticks = 100; // USER_HZ on Linux
  return {
    sample: async (db) => {
      if (!readable) return;
      const rows = await db.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = current_database()');
      for (const { pid } of rows) {
        if (sqlTimes) backendPids.add(pid);
        let stat: string;
        try {
          stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        } catch {
          continue;
        }
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        const used = (Number(fields[11]) + Number(fields[12])) / ticks;
        total += used - (last.get(pid) ?? used);
        if (!last.has(pid)) total += used; // a backend first seen now: all it used so far was ours
        last.set(pid, used);
      }
      if (!rows.length) readable = false;
    },
    seconds: () => (readable ? total : null),
  };
}
const cpuSeconds = (used: NodeJS.CpuUsage) => (used.user + used.system) / 1e6;
const { db: raw, where, cleanup } = await open();
const { db, count } = counting(raw);
const pgCpu = postgresCpu();
await pgCpu.sample(raw);
const stepNames = postIngestSteps.map((s) => s.name);
const curve: Stretch[] = [];
const startedAt = new Date().toISOString();
process.stdout.write(`Ingest curve, ${engine} (${where}): ${total} saved pages through ingestPages, ${chunk} a chunk, then the owed steps; figures per ${every}\n`);
process.stdout.write(`stored     load   extract+store/s  ${stepNames.map((s) => `${s}/s`.padStart(18)).join('')}   whole/s  per CPU s  +postgres   queries per article (store, ${stepNames.join(', ')})\n`);
try {
  let stretch = {
    articles: 0,
    store: 0,
    steps: Object.fromEntries(stepNames.map((s) => [s, 0])),
    queries: Object.fromEntries(['store', ...stepNames].map((s) => [s, 0])),
    byStage: Object.fromEntries(['store', ...stepNames].map((s) => [s, { node: 0, postgres: 0 }])) as Record<string, { node: number; postgres: number }>,
    failures: 0,
    load: [] as number[],
    cpu: process.cpuUsage(),
    pg: pgCpu.seconds(),
  };
  for (let from = 0; from < total; from += chunk) {
    const to = Math.min(total, from + chunk);
    let t = performance.now();
    let q = count();
    // CPU by stage: this process' around the stage, the backends' sampled before and after it.
    const stageCpu = async (stage: string, run: () => Promise<void>) => {
      await pgCpu.sample(raw);
      const pgBefore = pgCpu.seconds() ?? 0;
      const before = process.cpuUsage();
      await run();
      stretch.byStage[stage]!.node += cpuSeconds(process.cpuUsage(before));
      await pgCpu.sample(raw);
      stretch.byStage[stage]!.postgres += (pgCpu.seconds() ?? 0) - pgBefore;
    };
    let results: Awaited<ReturnType<typeof ingestPages>> = [];
    await stageCpu('store', async () => {
      results = await ingestPages(db, pages(from, to), { asOf: null, maxPageBytes: 5_000_000, drain: false });
    });
    stretch.store += performance.now() - t;
    stretch.queries.store! += count() - q;
    stretch.articles += results.reduce((sum, r) => sum + r.newArticleIds.length, 0);
    stretch.failures += results.filter((r) => r.status === 'failed').length;
    const now = streamPage(to - 1).at;
    for (const step of postIngestSteps) {
      t = performance.now();
      q = count();
      let report: Awaited<ReturnType<typeof drainOwedSteps>> | undefined;
      await stageCpu(step.name, async () => {
        report = await drainOwedSteps(db, { now }, { steps: [step] });
      });
      stretch.steps[step.name]! += performance.now() - t;
      stretch.queries[step.name]! += count() - q;
      stretch.failures += report!.failures.length;
    }
    stretch.load.push(loadavg()[0]!);
    await pgCpu.sample(raw);
    if (to % every === 0 || to === total) {
      const seconds = (ms: number) => ms / 1000;
      const all = stretch.store + Object.values(stretch.steps).reduce((a, b) => a + b, 0);
      const row: Stretch = {
        storedArticles: to,
        articles: stretch.articles,
        loadAverage: round(stretch.load.reduce((a, b) => a + b, 0) / stretch.load.length),
        extractStorePerSecond: round(stretch.articles / seconds(stretch.store)),
        stepsPerSecond: Object.fromEntries(stepNames.map((s) => [s, round(stretch.articles / seconds(stretch.steps[s]!))])),
        wholePerSecond: round(stretch.articles / seconds(all)),
        wholePerCpuSecond: round(stretch.articles / cpuSeconds(process.cpuUsage(stretch.cpu))),
        wholePerCpuSecondWithPostgres: null,
        postgresCpuPer1000: null,
        queriesPerArticle: Object.fromEntries(['store', ...stepNames].map((s) => [s, round(stretch.queries[s]! / Math.max(1, stretch.articles))])),
        cpuPer1000ByStage: Object.fromEntries(
          ['store', ...stepNames].map((s) => [
            s,
            { node: round((stretch.byStage[s]!.node * 1000) / Math.max(1, stretch.articles)), postgres: pgCpu.seconds() === null ? null : round((stretch.byStage[s]!.postgres * 1000) / Math.max(1, stretch.articles)) },
          ]),
        ),
        failures: stretch.failures,
      };
      const pgSeconds = pgCpu.seconds();
      if (pgSeconds !== null && stretch.pg !== null) {
        row.postgresCpuPer1000 = round(((pgSeconds - stretch.pg) * 1000) / Math.max(1, stretch.articles));
        row.wholePerCpuSecondWithPostgres = round(stretch.articles / (cpuSeconds(process.cpuUsage(stretch.cpu)) + pgSeconds - stretch.pg));
      }
      curve.push(row);
      process.stdout.write(
        `${String(to).padEnd(10)} ${String(row.loadAverage).padStart(5)}  ${String(row.extractStorePerSecond).padStart(15)}  ${stepNames.map((s) => String(row.stepsPerSecond[s]).padStart(18)).join('')}  ${String(row.wholePerSecond).padStart(8)}  ${String(row.wholePerCpuSecond).padStart(9)}  ${String(row.wholePerCpuSecondWithPostgres ?? '-').padStart(9)}   ${['store', ...stepNames].map((s) => row.queriesPerArticle[s]).join(' / ')}${row.failures ? `  (${row.failures} failed)` : ''}\n`,
      );
      process.stdout.write(
        `  CPU s per 1,000 articles, Node / PostgreSQL: ${Object.entries(row.cpuPer1000ByStage)
          .map(([s, c]) => `${s} ${c.node} / ${c.postgres ?? '-'}`)
          .join(', ')}\n`,
      );
      if (sqlTimes) {
        process.stdout.write('  this stretch, statements by wall time (ms per article, count, ms each, PostgreSQL CPU ms per article):\n');
        for (const [sql, t] of [...stretchSqlTimes].sort((a, b) => b[1].ms - a[1].ms).slice(0, 16))
          process.stdout.write(
            `  ${(t.ms / Math.max(1, stretch.articles)).toFixed(3).padStart(7)} ${String(t.n).padStart(7)} ${(t.ms / t.n).toFixed(2).padStart(7)} ${(t.cpu / Math.max(1, stretch.articles)).toFixed(3).padStart(7)}  ${sql}\n`,
          );
        stretchSqlTimes.clear();
      }
      mkdirSync(join(root, 'bench/results'), { recursive: true });
      writeFileSync(
        join(root, `bench/results/ingest-${engine}${label ? `-${label}` : ''}.json`),
        JSON.stringify({ startedAt, node: process.version, cores: cpus().length, engine, articles: total, every, chunk, note: 'one process; the machine (2 cores) is shared with other work: see loadAverage per stretch', curve }, null, 2) +
          '\n',
      );
      stretch = {
        articles: 0,
        store: 0,
        steps: Object.fromEntries(stepNames.map((s) => [s, 0])),
        queries: Object.fromEntries(['store', ...stepNames].map((s) => [s, 0])),
        byStage: Object.fromEntries(['store', ...stepNames].map((s) => [s, { node: 0, postgres: 0 }])) as Record<string, { node: number; postgres: number }>,
        failures: 0,
        load: [],
        cpu: process.cpuUsage(),
        pg: pgCpu.seconds(),
      };
    }
  }
} finally {
  await cleanup();
}
if (sqlTimes) {
  process.stdout.write('\nstatements by total wall time (ms, count, ms each, PostgreSQL CPU ms):\n');
  for (const [sql, t] of [...sqlTimes].sort((a, b) => b[1].ms - a[1].ms).slice(0, 25))
    process.stdout.write(`${Math.round(t.ms).toString().padStart(8)} ${String(t.n).padStart(7)} ${(t.ms / t.n).toFixed(2).padStart(7)} ${Math.round(t.cpu).toString().padStart(8)}  ${sql}\n`);
}
