// Before and after, query by query: the bench mix run through two copies of the search code (this
// worktree's and an earlier one's, e.g. `git archive <commit> src bench | tar -x -C .tmp/base`)
// on the same database, alternating which goes first, each on its own connection. On a machine
// other people load, CPU time taken minutes apart differs by a fifth; taken in turns, both sides
// meet the same load. Measures each side's PostgreSQL backend CPU (/proc/<pid>/schedstat, in
// nanoseconds: the server must run on this machine) and this process's CPU (process.cpuUsage)
// around each search, and checks that both gave the same answer (hits, ranks, marked titles and
// snippets, totals, facets, cursor).
//
//   npx tsx bench/search/paired.ts --database i21s_200k --before .tmp/base [--repeat 3] [--out file.json]
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { openStore } from '../../src/store/index.ts';
import { parseSearch, type SearchParams } from '../../src/search/options.ts';
import * as afterSearch from '../../src/store/search.ts';

const { values: args } = parseArgs({
  options: {
    database: { type: 'string' },
    before: { type: 'string' },
    repeat: { type: 'string', default: '3' },
    queries: { type: 'string', default: '500' },
    out: { type: 'string', default: '' },
    // Session settings for the after side only (to try a setting): '-c name=value …'.
    'after-options': { type: 'string', default: '' },
  },
});
if (!args.database || !/^[a-z_][a-z0-9_]*$/.test(args.database)) throw new Error('--database NAME (a plain lower-case database name) is required');
if (!args.before) throw new Error('--before DIR (a directory holding the earlier src/) is required');
const repeat = Number(args.repeat);
if (!Number.isInteger(repeat) || repeat < 1) throw new Error(`--repeat: expected a whole number of at least 1, got ${args.repeat}`);
const url = new URL(process.env.DATELINE_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
url.pathname = `/${args.database}`;

function afterUrl(): string {
  if (!args['after-options']) return url.toString();
  const u = new URL(url);
  u.searchParams.set('options', args['after-options']);
  return u.toString();
}

const beforeDir = resolve(args.before);
const beforeSearch = (await import(pathToFileURL(join(beforeDir, 'src/store/search.ts')).href)) as typeof afterSearch;
const beforeStore = (await import(pathToFileURL(join(beforeDir, 'src/store/index.ts')).href)) as { openStore: typeof openStore };
const beforeOptions = (await import(pathToFileURL(join(beforeDir, 'src/search/options.ts')).href)) as { parseSearch: typeof parseSearch };

const sides = [
  { name: 'before', db: await beforeStore.openStore({ databaseUrl: url.toString(), poolSize: 1 }), search: beforeSearch.searchArticles, parse: beforeOptions.parseSearch },
  { name: 'after', db: await openStore({ databaseUrl: afterUrl(), poolSize: 1 }), search: afterSearch.searchArticles, parse: parseSearch },
];

const root = process.cwd();
const mix = execFileSync(process.execPath, ['--import', 'tsx', join(root, 'bench/search/run.ts'), '--list', '--queries', args.queries], { encoding: 'utf8' })
  .trim()
  .split('\n')
  .map((line) => line.split('\t') as [string, string]);

/** CPU time a process has run, in ms (schedstat: nanoseconds on the CPU). */
function cpuMs(pid: number): number {
  return Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
}

const backends: number[] = [];
for (const side of sides) {
  await side.search(side.db, side.parse({ q: 'trade' }));
  backends.push((await side.db.query<{ pid: number }>('SELECT pg_backend_pid() AS pid'))[0]!.pid);
}

type Cost = { node: number; pg: number };
const byKind = new Map<string, { n: number; sides: Cost[] }>();
const totals: Cost[] = [
  { node: 0, pg: 0 },
  { node: 0, pg: 0 },
];
const load0 = loadavg();
let differ = 0;
const answer = (r: Awaited<ReturnType<typeof afterSearch.searchArticles>>) => {
  const { plan: _plan, hits, ...rest } = r;
  return JSON.stringify({ hits: hits.map((h) => [h.id, h.rank, h.titleHtml, h.snippetHtml, h.sourceName, h.publishedAt?.toISOString() ?? null, h.url, h.language]), ...rest });
};
for (const [i, [kind, query]] of mix.entries()) {
  const params = Object.fromEntries(new URLSearchParams(query)) as SearchParams;
  const answers: string[] = ['', ''];
  const costs: Cost[] = [
    { node: 0, pg: 0 },
    { node: 0, pg: 0 },
  ];
  for (let r = 0; r < repeat; r++) {
    const order = (i + r) % 2 === 0 ? [0, 1] : [1, 0];
    for (const s of order) {
      const side = sides[s]!;
      const pg0 = cpuMs(backends[s]!);
      const node0 = process.cpuUsage();
      const result = await side.search(side.db, side.parse(params));
      const node = process.cpuUsage(node0);
      costs[s]!.node += (node.user + node.system) / 1000 / repeat;
      costs[s]!.pg += (cpuMs(backends[s]!) - pg0) / repeat;
      answers[s] = answer(result);
    }
  }
  if (answers[0] !== answers[1]) {
    differ++;
    if (differ <= 10) console.log(`DIFFERS ${kind} ${query}\n  before ${answers[0]!.slice(0, 300)}\n  after  ${answers[1]!.slice(0, 300)}`);
  }
  const k = byKind.get(kind) ?? {
    n: 0,
    sides: [
      { node: 0, pg: 0 },
      { node: 0, pg: 0 },
    ],
  };
  k.n++;
  for (const s of [0, 1]) {
    k.sides[s]!.node += costs[s]!.node;
    k.sides[s]!.pg += costs[s]!.pg;
    totals[s]!.node += costs[s]!.node;
    totals[s]!.pg += costs[s]!.pg;
  }
  byKind.set(kind, k);
}
for (const side of sides) await side.db.close();
const r2 = (n: number) => Math.round(n * 100) / 100;
const per = (c: Cost, n: number) => ({ nodeMs: r2(c.node / n), postgresMs: r2(c.pg / n) });
const result = {
  database: args.database,
  before: beforeDir,
  repeat,
  queries: mix.length,
  loadAverage: { start: load0, end: loadavg() },
  sameAnswers: mix.length - differ,
  perQuery: { before: per(totals[0]!, mix.length), after: per(totals[1]!, mix.length) },
  byKind: Object.fromEntries([...byKind].map(([kind, k]) => [kind, { n: k.n, before: per(k.sides[0]!, k.n), after: per(k.sides[1]!, k.n) }])),
  at: new Date().toISOString(),
};
console.log(
  `${mix.length} queries x ${repeat}, in turns, on ${args.database}: CPU per query before node ${result.perQuery.before.nodeMs} + postgres ${result.perQuery.before.postgresMs} ms, after node ${result.perQuery.after.nodeMs} + postgres ${result.perQuery.after.postgresMs} ms; ${result.sameAnswers} of ${mix.length} answers the same; load average ${load0.map((l) => l.toFixed(2))} -> ${loadavg().map((l) => l.toFixed(2))}`,
);
for (const [kind, k] of Object.entries(result.byKind)) {
  console.log(`  ${kind.padEnd(24)} n=${String(k.n).padStart(3)}  node ${k.before.nodeMs} -> ${k.after.nodeMs}  pg ${k.before.postgresMs} -> ${k.after.postgresMs}`);
}
const file = args.out || join(root, '.tmp', `paired-${args.database}.json`);
mkdirSync(join(file, '..'), { recursive: true });
writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
console.log(`wrote ${file}`);
if (differ) process.exitCode = 1;
