// Every way of reading a search's newest matches, run on the same store, beside the plan's cost of
// each: for checking the cost model (src/search/plan.ts) against what each scan really costs.
// Takes the bench mix (run.ts --list), a few queries of each kind, splits them into a dev and a
// test part (alternate distinct queries of a kind), forces each scan in turn and measures the
// PostgreSQL backend's CPU time (from /proc: the server must run on this machine) and the wall
// time, and checks that every scan returned the same hits in the same order.
//
//   npx tsx bench/search/scans.ts --database i21s_bench_1m [--per-kind 6] [--repeat 5] [--out file.json]
//
// Writes the measurements as JSON (bench/results/scans-<database>.json unless --out): the
// model's choices under other constants are judged from it offline (--model shows the current one).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { openStore } from '../../src/store/index.ts';
import { parseSearch, type SearchParams } from '../../src/search/options.ts';
import { searchArticles, type Scan } from '../../src/store/search.ts';
import { scanCosts } from '../../src/search/plan.ts';

const { values: args } = parseArgs({
  options: {
    database: { type: 'string' },
    'per-kind': { type: 'string', default: '6' },
    repeat: { type: 'string', default: '5' },
    out: { type: 'string', default: '' },
    kinds: { type: 'string', default: '' },
  },
});
if (!args.database || !/^[a-z_][a-z0-9_]*$/.test(args.database)) throw new Error('--database NAME (a plain lower-case database name) is required');
const url = new URL(process.env.DATELINE_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
url.pathname = `/${args.database}`;
// A scan that would run for seconds (a walk through the whole store for a rare word) is cut off.
url.searchParams.set('options', '-c statement_timeout=3000');
const db = await openStore({ databaseUrl: url.toString(), poolSize: 1 });

const root = process.cwd();
const mix = execFileSync(process.execPath, ['--import', 'tsx', join(root, 'bench/search/run.ts'), '--list'], { encoding: 'utf8' })
  .trim()
  .split('\n')
  .map((line) => line.split('\t') as [string, string]);
const perKind = Number(args['per-kind']);
const only = args.kinds ? new Set(args.kinds.split(',')) : null;
const chosen = new Map<string, string[]>();
for (const [kind, query] of mix) {
  if (only && !only.has(kind)) continue;
  const list = chosen.get(kind) ?? [];
  if (list.length < perKind && !list.includes(query)) list.push(query);
  chosen.set(kind, list);
}

function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

const SCANS: Scan[] = ['walk', 'index', 'days', 'months'];
const repeat = Number(args.repeat);
type Row = { kind: string; query: string; part: 'dev' | 'test'; plan: string; input: unknown; costs: Record<string, number>; cpu: Record<string, number>; wall: Record<string, number>; same: boolean };
const rows: Row[] = [];
const loadStart = loadavg();
const file = args.out || join(root, 'bench', 'results', `scans-${args.database}.json`);
mkdirSync(join(file, '..'), { recursive: true });
// Written after every query, so that an interrupted run keeps what it measured.
const save = () => writeFileSync(file, `${JSON.stringify({ database: args.database, repeat, loadAverage: { start: loadStart, end: loadavg() }, at: new Date().toISOString(), rows }, (_, v) => (v === Infinity ? null : v), 2)}\n`);
try {
  for (const [kind, queries] of chosen) {
    for (const [i, query] of queries.entries()) {
      const options = parseSearch(Object.fromEntries(new URLSearchParams(query)) as SearchParams);
      // The plan the search makes (the facet window when facets are asked for: see searchArticles).
      const auto = await searchArticles(db, options);
      const input = auto.plan.input;
      const costs = input ? Object.fromEntries(scanCosts(input).map((w) => [w.scan, Math.round(w.cost)])) : {};
      const cpu: Record<string, number> = {};
      const wall: Record<string, number> = {};
      const reference = auto.hits.map((h) => h.id).join(',');
      let same = true;
      for (const scan of ['auto', ...SCANS] as Scan[]) {
        try {
          const first = await searchArticles(db, options, scan === 'auto' ? {} : { scan });
          if (first.hits.map((h) => h.id).join(',') !== reference) same = false;
          // The pool's one connection (a new one after an error or an idle close).
          const backend = (await db.query<{ pid: number }>('SELECT pg_backend_pid() AS pid'))[0]!.pid;
          const c0 = cpuMs(backend);
          const times: number[] = [];
          for (let r = 0; r < repeat; r++) {
            const t0 = performance.now();
            await searchArticles(db, options, scan === 'auto' ? {} : { scan });
            times.push(performance.now() - t0);
          }
          cpu[scan] = Math.round(((cpuMs(backend) - c0) / repeat) * 10) / 10;
          wall[scan] = Math.round(times.sort((a, b) => a - b)[Math.floor(times.length / 2)]! * 10) / 10;
        } catch (error) {
          if (!/statement timeout/.test(String(error))) throw error;
          cpu[scan] = Infinity;
          wall[scan] = Infinity;
        }
      }
      const row: Row = { kind, query, part: i % 2 === 0 ? 'dev' : 'test', plan: auto.plan.scan, input, costs, cpu, wall, same };
      rows.push(row);
      const show = (m: Record<string, number>) => SCANS.map((s) => `${s} ${m[s]}`).join(' ');
      save();
      console.log(`${kind.padEnd(24)} ${row.part} ${query.slice(0, 50).padEnd(50)} plan ${row.plan.padEnd(6)} cpu auto ${cpu.auto} | ${show(cpu)} | wall ${show(wall)} | cost ${show(costs)}${same ? '' : ' | HITS DIFFER'}`);
    }
  }
} finally {
  await db.close();
}
save();
console.log(`load average ${loadStart.map((l) => l.toFixed(2))} -> ${loadavg().map((l) => l.toFixed(2))}; wrote ${file}`);
