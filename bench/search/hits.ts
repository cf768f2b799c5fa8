// The bench mix's answers and what each costs, run in this process through the real search code
// (no HTTP): for checking that a speed-up changed no result, and for CPU per query by kind.
// Every query of bench/search/run.ts's mix is run --repeat times on one connection; the answer
// (hit ids, ranks, titles and snippets as marked, total and its flags, facets, next cursor) is
// recorded, with the PostgreSQL backend's CPU time (from /proc: the server must run on this
// machine; 10 ms ticks, so it is summed over the repeats) and this process's (process.cpuUsage).
//
//   npx tsx bench/search/hits.ts --database i21s_200k [--repeat 3] [--out file.json] [--compare before.json]
//
// --compare prints every query whose answer differs from the file's (same mix, same order) and
// exits 1 when one does. DATELINE_BENCH_DATABASE_URL as in run.ts.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openStore } from '../../src/store/index.ts';
import { parseSearch, type SearchParams } from '../../src/search/options.ts';
import { searchArticles } from '../../src/store/search.ts';

const { values: args } = parseArgs({
  options: {
    database: { type: 'string' },
    repeat: { type: 'string', default: '3' },
    queries: { type: 'string', default: '500' },
    out: { type: 'string', default: '' },
    compare: { type: 'string', default: '' },
  },
});
if (!args.database || !/^[a-z_][a-z0-9_]*$/.test(args.database)) throw new Error('--database NAME (a plain lower-case database name) is required');
const repeat = Number(args.repeat);
if (!Number.isInteger(repeat) || repeat < 1) throw new Error(`--repeat: expected a whole number of at least 1, got ${args.repeat}`);
const url = new URL(process.env.DATELINE_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
url.pathname = `/${args.database}`;
const db = await openStore({ databaseUrl: url.toString(), poolSize: 1 });

const root = process.cwd();
const mix = execFileSync(process.execPath, ['--import', 'tsx', join(root, 'bench/search/run.ts'), '--list', '--queries', args.queries], { encoding: 'utf8' })
  .trim()
  .split('\n')
  .map((line) => line.split('\t') as [string, string]);

function backendCpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

type Answer = { kind: string; query: string; scan: string; answer: unknown };
const answers: Answer[] = [];
const cpu = new Map<string, { n: number; node: number; pg: number; wall: number }>();
const load0 = loadavg();
// One search first: the connection is opened, the statistics read.
await searchArticles(db, parseSearch({ q: 'trade' }));
const backend = (await db.query<{ pid: number }>('SELECT pg_backend_pid() AS pid'))[0]!.pid;
let total = { node: 0, pg: 0, wall: 0 };
for (const [kind, query] of mix) {
  const options = parseSearch(Object.fromEntries(new URLSearchParams(query)) as SearchParams);
  const pg0 = backendCpuMs(backend);
  const node0 = process.cpuUsage();
  const t0 = performance.now();
  let result!: Awaited<ReturnType<typeof searchArticles>>;
  for (let r = 0; r < repeat; r++) result = await searchArticles(db, options);
  const wall = (performance.now() - t0) / repeat;
  const nodeUsed = process.cpuUsage(node0);
  const node = (nodeUsed.user + nodeUsed.system) / 1000 / repeat;
  const pg = (backendCpuMs(backend) - pg0) / repeat;
  const k = cpu.get(kind) ?? { n: 0, node: 0, pg: 0, wall: 0 };
  cpu.set(kind, { n: k.n + 1, node: k.node + node, pg: k.pg + pg, wall: k.wall + wall });
  total = { node: total.node + node, pg: total.pg + pg, wall: total.wall + wall };
  const { plan, hits, ...rest } = result;
  answers.push({
    kind,
    query,
    scan: plan.scan,
    answer: { hits: hits.map((h) => [h.id, h.rank, h.titleHtml, h.snippetHtml, h.sourceName, h.publishedAt?.toISOString() ?? null, h.url, h.language]), ...rest },
  });
}
await db.close();
const r2 = (n: number) => Math.round(n * 100) / 100;
console.log(
  `${mix.length} queries x ${repeat} on ${args.database}: per query node ${r2(total.node / mix.length)} ms, postgres ${r2(total.pg / mix.length)} ms, wall ${r2(total.wall / mix.length)} ms; load average ${load0.map((l) => l.toFixed(2))} -> ${loadavg().map((l) => l.toFixed(2))}`,
);
const byKind = Object.fromEntries([...cpu].map(([kind, c]) => [kind, { n: c.n, nodeMs: r2(c.node / c.n), postgresMs: r2(c.pg / c.n), wallMs: r2(c.wall / c.n) }]));
for (const [kind, c] of Object.entries(byKind)) console.log(`  ${kind.padEnd(24)} n=${String(c.n).padStart(3)}  node ${c.nodeMs}  pg ${c.postgresMs}  wall ${c.wallMs}`);
const file = args.out || join(root, '.tmp', `hits-${args.database}.json`);
mkdirSync(join(file, '..'), { recursive: true });
writeFileSync(
  file,
  `${JSON.stringify({ database: args.database, repeat, loadAverage: { start: load0, end: loadavg() }, perQuery: { nodeMs: r2(total.node / mix.length), postgresMs: r2(total.pg / mix.length), wallMs: r2(total.wall / mix.length) }, byKind, answers })}\n`,
);
console.log(`wrote ${file}`);
if (args.compare) {
  const before = JSON.parse(readFileSync(args.compare, 'utf8')) as { answers: Answer[] };
  let differ = 0;
  for (const [i, a] of answers.entries()) {
    const b = before.answers[i];
    if (!b || b.query !== a.query) throw new Error(`--compare: ${args.compare} holds another mix (query ${i + 1} differs)`);
    if (JSON.stringify(a.answer) !== JSON.stringify(b.answer)) {
      differ++;
      if (differ <= 10) console.log(`DIFFERS ${a.kind} ${a.query} (scan ${b.scan} -> ${a.scan})\n  before ${JSON.stringify(b.answer).slice(0, 300)}\n  after  ${JSON.stringify(a.answer).slice(0, 300)}`);
    }
  }
  console.log(`${answers.length - differ} of ${answers.length} answers the same as ${args.compare}`);
  if (differ) process.exitCode = 1;
}
