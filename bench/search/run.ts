// Search benchmark: fills a database with N generated articles (resumable: it tops up what an
// earlier run stored), then measures 500 mixed queries (words, phrases, OR, exclusion, CJK,
// filters, facets, both sorts) through the HTTP API — p50/p95/p99 — and throughput with 32
// concurrent clients (autocannon). Prints the figures and writes bench/results/search-<engine>-<n>.json.
//
//   npx tsx bench/search/run.ts --engine embedded|server --size 100000 [--queries 500] [--seconds 20]
//
// The server engine uses DATELINE_BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres)
// to create a database dateline_bench_<n>. Figures are taken on a shared machine: say so when quoting them.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
// @ts-expect-error autocannon ships no type declarations
import autocannon from 'autocannon';
import { openStore } from '../../src/store/index.ts';
import type { Db } from '../../src/store/db.ts';
import { ensureSource } from '../../src/store/sources.ts';
import { benchArticle, HANGUL, HAN, KANA_KANJI, PEOPLE, PHRASES, PLACES, pick, rng, SOURCES, VOCABULARY } from './corpus.ts';

const { values: args } = parseArgs({
  options: {
    engine: { type: 'string', default: 'embedded' },
    size: { type: 'string', default: '100000' },
    queries: { type: 'string', default: '500' },
    seconds: { type: 'string', default: '20' },
    'fill-only': { type: 'boolean', default: false },
    // After an upgrade (migration 019 raises the search vector's statistics target): search plans read pg_stats.
    analyze: { type: 'boolean', default: false },
    'max-fill-minutes': { type: 'string', default: '1000' },
    note: { type: 'string', default: '' },
    // The server database's name (default dateline_bench_<size>), so that several people can share one server.
    database: { type: 'string', default: '' },
    // Prints the query mix (kind, then the path) and exits: for bench/search/explain.ts.
    list: { type: 'boolean', default: false },
    // Appended to the results file's name (search-<engine>-<n>-<tag>.json), for before/after pairs.
    tag: { type: 'string', default: '' },
  },
});
const engine = args.engine as 'embedded' | 'server';
const size = Number(args.size);
const QUERY_COUNT = Number(args.queries);
const BATCH = 500;

const root = process.cwd();
const dataDir = join(root, '.tmp', 'bench-search', `pglite-${size}`);
const adminUrl = process.env.DATELINE_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const databaseName = args.database || `dateline_bench_${size}`;
if (!/^[a-z_][a-z0-9_]*$/.test(databaseName)) throw new Error(`--database: ${databaseName} is not a plain lower-case database name`);
const serverUrl = (() => {
  const url = new URL(adminUrl);
  url.pathname = `/${databaseName}`;
  return url.toString();
})();

async function openTarget(): Promise<Db> {
  if (engine === 'server') {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [databaseName]);
    if (!exists.rowCount) await admin.query(`CREATE DATABASE ${databaseName}`);
    await admin.end();
    return openStore({ databaseUrl: serverUrl, poolSize: 2 });
  }
  mkdirSync(dataDir, { recursive: true });
  return openStore({ dataDir });
}

/**
 * Databases filled before migration 006 kept the vector in the row: convert them (storage and a
 * rewrite), so every figure is taken with the layout the migration now creates.
 */
async function ensureVectorInRow(db: Db): Promise<void> {
  const rows = await db.query<{ storage: string }>("SELECT attstorage AS storage FROM pg_attribute WHERE attrelid = 'articles'::regclass AND attname = 'search_vector'");
  if (rows[0]?.storage === 'm') return;
  const t0 = Date.now();
  await db.exec('ALTER TABLE articles ALTER COLUMN search_vector SET STORAGE MAIN');
  await db.exec('VACUUM FULL articles');
  await db.checkpoint();
  process.stdout.write(`  moved the vectors into the rows (VACUUM FULL) in ${Math.round((Date.now() - t0) / 1000)} s\n`);
}

async function fill(db: Db): Promise<{ stored: number; inserted: number; seconds: number; rowsPerSecond: number; complete: boolean }> {
  const sourceIds: number[] = [];
  for (const name of SOURCES) sourceIds.push(await ensureSource(db, name));
  const have = (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM articles WHERE content_hash LIKE 'bench-%'"))[0]!.n;
  const started = Date.now();
  const deadline = started + Number(args['max-fill-minutes']) * 60_000;
  let next = have;
  let sinceCheckpoint = 0;
  // Bulk load: building the GIN index once at the end is much cheaper than maintaining it row by
  // row (the same index, same name, as migration 021 creates).
  const bulk = size - have >= 50_000 && Number(args['max-fill-minutes']) > 0;
  if (bulk) await db.exec('DROP INDEX IF EXISTS articles_search_keyed');
  // Two multi-row INSERTs in flight (the pool holds two connections): one batch's vectors are
  // computed by the server while the next batch is generated here.
  const insertBatch = (from: number, count: number) => {
    const params: unknown[] = [];
    const rows: string[] = [];
    for (let k = 0; k < count; k++) {
      const i = from + k;
      const a = benchArticle(i);
      const base = params.length;
      params.push(sourceIds[a.sourceIndex], `bench-${i}`, a.title, a.text, a.language, a.publishedAt);
      rows.push(`($${base + 1}, $${base + 2}, $${base + 3}, $${base + 4}, $${base + 5}, $${base + 6}, 'page')`);
    }
    // Multi-row INSERT; ON CONFLICT keeps a re-run after an interruption from failing.
    return db.query(
      `INSERT INTO articles (source_id, content_hash, title, text, language, published_at, time_basis)
       VALUES ${rows.join(', ')} ON CONFLICT (content_hash) DO NOTHING`,
      params,
    );
  };
  const inFlight = engine === 'server' ? 2 : 1;
  while (next < size && Date.now() < deadline) {
    const batches: Promise<unknown>[] = [];
    const before = next;
    for (let b = 0; b < inFlight && next < size; b++) {
      const count = Math.min(BATCH, size - next);
      batches.push(insertBatch(next, count));
      next += count;
    }
    await Promise.all(batches);
    sinceCheckpoint += next - before;
    // PGlite never checkpoints by itself; its WAL grows ~16 KB per row until it does.
    if (sinceCheckpoint >= 5000) {
      await db.checkpoint();
      sinceCheckpoint = 0;
    }
    if (Math.floor(next / 10_000) > Math.floor(before / 10_000)) {
      const secs = (Date.now() - started) / 1000;
      process.stdout.write(`  ${engine}: ${next.toLocaleString('en')} / ${size.toLocaleString('en')} articles (${Math.round((next - have) / secs)} rows/s)\n`);
    }
  }
  await db.checkpoint();
  // Also when an earlier bulk run was cut short after dropping the index.
  const t0 = Date.now();
  // A GIN build sorts its entries in maintenance_work_mem: the default 64 MB makes it spill many times at 1M rows.
  await db.transaction(async (tx) => {
    if (engine === 'server') await tx.exec("SET LOCAL maintenance_work_mem = '1GB'");
    await tx.exec('CREATE INDEX IF NOT EXISTS articles_search_keyed ON articles USING gin ((search_vector || dateline_search_keys(published_at, source_id, language))) WITH (gin_pending_list_limit = 1024)');
  });
  await db.checkpoint();
  if (bulk) process.stdout.write(`  built the GIN index in ${Math.round((Date.now() - t0) / 1000)} s\n`);
  if (next > have || args.analyze) {
    const t1 = Date.now();
    await db.exec('ANALYZE articles');
    process.stdout.write(`  ANALYZE articles in ${Math.round((Date.now() - t1) / 1000)} s\n`);
  }
  const seconds = (Date.now() - started) / 1000;
  return { stored: next, inserted: next - have, seconds, rowsPerSecond: next > have ? Math.round((next - have) / seconds) : 0, complete: next >= size };
}

interface BenchQuery {
  kind: string;
  path: string;
}

/** The query mix: each entry a path of /api/v1/search with its kind, for per-kind figures. */
function queryMix(count: number): BenchQuery[] {
  const r = rng(424242);
  const medium = () => VOCABULARY[30 + Math.floor(r() * 300)]!;
  const rare = () => VOCABULARY[400 + Math.floor(r() * 5000)]!;
  const common = () => VOCABULARY[Math.floor(r() * 30)]!;
  const day = () => new Date(Date.UTC(2024, 0, 1) + Math.floor(r() * 700) * 86_400_000).toISOString().slice(0, 10);
  const kinds: [string, number, () => Record<string, string>][] = [
    ['word', 14, () => ({ q: medium() })],
    ['rare word', 8, () => ({ q: rare() })],
    ['common word', 6, () => ({ q: common() })],
    ['two words', 12, () => ({ q: `${medium()} ${medium()}` })],
    ['phrase', 10, () => ({ q: `"${pick(r, PHRASES)}"` })],
    ['OR', 8, () => ({ q: `${medium()} OR ${rare()}` })],
    ['exclusion', 6, () => ({ q: `${medium()} -${medium()}` })],
    ['boolean watch', 4, () => ({ q: `${pick(r, PLACES).split(' ')[0]} AND ${medium()} AND NOT ${common()}` })],
    [
      'CJK',
      6,
      () => ({
        q:
          pick(r, [HAN.slice(0, 20), KANA_KANJI.slice(0, 20)])
            .slice(Math.floor(r() * 18), undefined)
            .slice(0, 2) || '关税',
      }),
    ],
    ['Korean', 3, () => ({ q: pick(r, HANGUL) })],
    ['person phrase', 5, () => ({ q: `"${pick(r, PEOPLE)}"` })],
    ['+source', 6, () => ({ q: medium(), source: pick(r, SOURCES) })],
    [
      '+date range',
      6,
      () => {
        const from = day();
        return { q: medium(), from, to: new Date(Date.parse(from) + 30 * 86_400_000).toISOString().slice(0, 10) };
      },
    ],
    ['+language', 3, () => ({ q: pick(r, HANGUL), language: 'ko' })],
    ['+facets', 12, () => ({ q: `${medium()} ${medium()}`, facets: 'source,day' })],
    ['+facets common', 3, () => ({ q: common(), facets: 'source,day' })],
    ['sort=time', 10, () => ({ q: medium(), sort: 'time' })],
    ['sort=time+facets+source', 4, () => ({ q: medium(), sort: 'time', facets: 'source,day', source: pick(r, SOURCES) })],
  ];
  const total = kinds.reduce((sum, [, weight]) => sum + weight, 0);
  const out: BenchQuery[] = [];
  for (let i = 0; i < count; i++) {
    let roll = r() * total;
    const [kind, , make] = kinds.find(([, weight]) => (roll -= weight) < 0) ?? kinds[0]!;
    out.push({ kind, path: `/api/v1/search?${new URLSearchParams(make())}` });
  }
  return out;
}

const loadAverage = () => loadavg().map((l) => Math.round(l * 100) / 100);
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const round = (n: number) => Math.round(n * 100) / 100;

function summary(latencies: number[]) {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted[sorted.length - 1]!),
    mean: round(sorted.reduce((s, v) => s + v, 0) / sorted.length),
  };
}

async function startServer(target: string): Promise<{ port: number; pid: number; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'bench/search/serve.ts'), target], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    let buffer = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const line = buffer.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve(JSON.parse(line).port);
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return {
    port,
    pid: child.pid!,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/**
 * CPU time, in ms, a process has used (user + system, from /proc; Linux only, 10 ms ticks), or 0
 * when it has ended or cannot be read. Taken around each query so that the figures can be judged
 * apart from the machine's load: wall time waits for other people's work, CPU time does not.
 */
function cpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return 0;
  }
}

/** The server's CPU (its Node process, and with a PostgreSQL server on this machine its connections' backends). */
async function cpuMeter(serverPid: number): Promise<{ read: () => Promise<{ node: number; postgres: number }>; close: () => Promise<void> }> {
  let admin: pg.Client | null = null;
  if (engine === 'server' && ['127.0.0.1', 'localhost'].includes(new URL(serverUrl).hostname)) {
    admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
  }
  return {
    async read() {
      let postgres = 0;
      if (admin) {
        const rows = await admin.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
        for (const r of rows.rows) postgres += cpuMs(r.pid);
      }
      return { node: cpuMs(serverPid), postgres };
    },
    close: async () => void (await admin?.end()),
  };
}

async function main() {
  if (args.list) {
    for (const q of queryMix(QUERY_COUNT)) console.log(`${q.kind}\t${q.path.slice(q.path.indexOf('?') + 1)}`);
    return;
  }
  console.log(`search bench: ${engine} engine, ${size.toLocaleString('en')} articles`);
  const db = await openTarget();
  const filled = await fill(db);
  await ensureVectorInRow(db);
  const stored = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM articles'))[0]!.n;
  const indexes = (await db.query<{ name: string }>("SELECT indexname AS name FROM pg_indexes WHERE tablename = 'articles' ORDER BY 1")).map((r) => r.name);
  await db.close();
  console.log(`  stored ${stored.toLocaleString('en')} articles (inserted ${filled.inserted.toLocaleString('en')} in ${Math.round(filled.seconds)} s, ${filled.rowsPerSecond} rows/s)`);
  if (args['fill-only']) return;

  const server = await startServer(engine === 'server' ? serverUrl : dataDir);
  const base = `http://127.0.0.1:${server.port}`;
  try {
    const mix = queryMix(QUERY_COUNT);
    // Warm-up: a few queries so the first measured ones do not pay for cold caches and JIT alone.
    for (const q of mix.slice(0, 20)) await fetch(base + q.path).then((r) => r.arrayBuffer());
    const latencies: number[] = [];
    const byKind = new Map<string, number[]>();
    const meter = await cpuMeter(server.pid);
    const cpuByKind = new Map<string, { node: number; postgres: number; n: number }>();
    const cpuTotal = { node: 0, postgres: 0 };
    let errors = 0;
    let matchesSeen = 0;
    for (const q of mix) {
      const cpu0 = await meter.read();
      const t0 = performance.now();
      const response = await fetch(base + q.path);
      const body = (await response.json()) as { results?: unknown[] };
      const ms = performance.now() - t0;
      const cpu1 = await meter.read();
      // A backend that ended during the query reads as 0: never count a negative.
      const used = { node: Math.max(0, cpu1.node - cpu0.node), postgres: Math.max(0, cpu1.postgres - cpu0.postgres) };
      const k = cpuByKind.get(q.kind) ?? { node: 0, postgres: 0, n: 0 };
      cpuByKind.set(q.kind, { node: k.node + used.node, postgres: k.postgres + used.postgres, n: k.n + 1 });
      cpuTotal.node += used.node;
      cpuTotal.postgres += used.postgres;
      if (response.status !== 200) {
        errors++;
        console.log(`  ${response.status} for ${q.path}: ${JSON.stringify(body).slice(0, 200)}`);
      }
      matchesSeen += body.results?.length ? 1 : 0;
      latencies.push(ms);
      byKind.set(q.kind, [...(byKind.get(q.kind) ?? []), ms]);
    }
    await meter.close();
    const sequential = summary(latencies);
    const cpuPerQuery = { nodeMs: round(cpuTotal.node / mix.length), postgresMs: round(cpuTotal.postgres / mix.length) };
    console.log(`  ${QUERY_COUNT} mixed queries, one at a time: p50 ${sequential.p50} ms, p95 ${sequential.p95} ms, p99 ${sequential.p99} ms (max ${sequential.max} ms; ${errors} errors; ${matchesSeen} with results)`);
    console.log(`  CPU per query (mean; 10 ms ticks): server process ${cpuPerQuery.nodeMs} ms, PostgreSQL backends ${engine === 'server' ? `${cpuPerQuery.postgresMs} ms` : '(inside the server process)'}; load average ${loadAverage()}`);
    const kinds = Object.fromEntries(
      [...byKind].map(([kind, list]) => {
        const cpu = cpuByKind.get(kind)!;
        return [kind, { ...summary(list), cpuNodeMs: round(cpu.node / cpu.n), cpuPostgresMs: round(cpu.postgres / cpu.n) }];
      }),
    );
    for (const [kind, s] of Object.entries(kinds)) {
      console.log(`    ${kind.padEnd(24)} n=${String(s.count).padStart(3)}  p50 ${s.p50}  p95 ${s.p95}  p99 ${s.p99}  max ${s.max}  cpu node ${s.cpuNodeMs} pg ${s.cpuPostgresMs}`);
    }

    const loadAtSequential = loadAverage();
    const paths = mix.map((q) => q.path);
    let cursor = 0;
    const load: { requests: { average: number; total: number }; latency: { p50: number; p99: number }; non2xx: number; errors: number; timeouts: number } = await autocannon({
      url: base,
      connections: 32,
      duration: Number(args.seconds),
      requests: [{ setupRequest: (request: Record<string, unknown>) => ({ ...request, path: paths[cursor++ % paths.length] }) }],
    });
    const throughput = {
      connections: 32,
      seconds: Number(args.seconds),
      requestsPerSecond: round(load.requests.average),
      latencyP50: load.latency.p50,
      latencyP99: load.latency.p99,
      non2xx: load.non2xx,
      errors: load.errors,
      timeouts: load.timeouts,
      total: load.requests.total,
    };
    console.log(
      `  32 concurrent clients, ${args.seconds} s: ${throughput.requestsPerSecond} requests/s (latency p50 ${throughput.latencyP50} ms, p99 ${throughput.latencyP99} ms; non-2xx ${throughput.non2xx}, errors ${throughput.errors}); load average ${loadAverage()}`,
    );

    const result = {
      bench: 'search',
      engine,
      articles: stored,
      targetArticles: size,
      fill: filled,
      indexes,
      queries: { count: QUERY_COUNT, errors, sequential, cpuPerQuery, byKind: kinds },
      throughput,
      machine: { node: process.version, cores: 2, loadAverage: { sequential: loadAtSequential, end: loadAverage() }, note: 'shared with other engineers’ tests and benchmarks: figures are under contention' },
      note: args.note || undefined,
      at: new Date().toISOString(),
    };
    mkdirSync(join(root, 'bench', 'results'), { recursive: true });
    const file = join(root, 'bench', 'results', `search-${engine}-${size}${args.tag ? `-${args.tag}` : ''}.json`);
    writeFileSync(file, JSON.stringify(result, null, 2) + '\n');
    console.log(`  wrote ${file}`);
  } finally {
    await server.stop();
  }
}

await main();
